/**
 * Adopting records that exist. GIVEN `dns.adopt`, WHEN the component runs
 * under the SDK's mock engine, THEN each adopted child carries Pulumi's
 * `import` option with exactly the provider's import ID (read from the
 * mock's resource arguments, where the SDK puts it), the others none; and an
 * adoption that cannot name its IDs is refused before anything registers.
 *
 * The expected IDs are written by hand from the providers' formats:
 * Route 53 `<hosted zone id>_<name>_<TYPE>` (the aws.route53.Record docs,
 * "Import"), Azure `/subscriptions/<id>/resourceGroups/<group>/providers/
 * Microsoft.Network/dnsZones/<zone>/<TYPE>/<relative name>` (`@` at the apex).
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, LyncEdgeDns, type LyncEdgeDnsArgs } from "../../components";
import { runUnderMocks, type MockRun } from "../../components/testing/engine";

/** contoso.com with mobility, a dual-stack Access Edge, and sip.contoso.com as a SIP domain (and zone) of its own. */
function deployment(dns: Record<string, unknown>): LyncEdgeDnsArgs {
    return {
        sipDomains: [{ name: "contoso.com", mobility: true }, { name: "sip.contoso.com", externalAccess: false, federationDiscovery: false, mobility: true }],
        edge: { accessEdgeIps: ["131.107.155.10", "2001:4898::10"] },
        dns: dns as unknown as LyncEdgeDnsArgs["dns"],
    };
}

function importIds(run: MockRun): Record<string, string | undefined> {
    return Object.fromEntries(run.resources.filter((r) => r.custom).map((r) => [r.name, r.importId]));
}

async function refusal(args: LyncEdgeDnsArgs): Promise<string[]> {
    try {
        await runUnderMocks(() => new LyncEdgeDns("edge", args));
    } catch (error) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        await (require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> }).waitForRPCs();
        const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
        assert.equal([...monitor.getRegisteredResources().keys()].filter((u) => !u.includes("pulumi:pulumi:Stack")).length, 0, "nothing registered");
        assert.ok(ConfigError.isInstance(error), String(error));
        return error.issues.map((i) => `${i.path}: ${i.message}`);
    }
    assert.fail("the component accepted it");
}

describe("dns.adopt on Route 53", function () {
    this.timeout(60_000);
    const zones = { "contoso.com": "Z0CONTOSO", "sip.contoso.com": "Z0SIPCONTOSO" };

    it("adopt: true gives every record set its import ID, SRV underscores and apex names included", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", deployment({ provider: "route53", hostedZoneIds: zones, adopt: true })));
        assert.deepEqual(importIds(run), {
            "edge/contoso.com/_sip._tls/SRV": "Z0CONTOSO__sip._tls.contoso.com_SRV",
            "edge/contoso.com/_sipfederationtls._tcp/SRV": "Z0CONTOSO__sipfederationtls._tcp.contoso.com_SRV",
            "edge/sip.contoso.com/@/A": "Z0SIPCONTOSO_sip.contoso.com_A",
            "edge/sip.contoso.com/@/AAAA": "Z0SIPCONTOSO_sip.contoso.com_AAAA",
            "edge/sip.contoso.com/_sipfederationtls._tcp/SRV": "Z0SIPCONTOSO__sipfederationtls._tcp.sip.contoso.com_SRV",
            "edge/sip.contoso.com/sip/A": "Z0SIPCONTOSO_sip.sip.contoso.com_A",
            "edge/sip.contoso.com/sip/AAAA": "Z0SIPCONTOSO_sip.sip.contoso.com_AAAA",
        });
        assert.ok(run.warnings.some((w) => w.startsWith("dns.adopt: 7 record sets are taken over with Pulumi's import option instead of created. Remove dns.adopt after the pulumi up that adopts them")), run.warnings.join("\n"));
    });

    it("a list imports exactly the record sets it names, in any case, and creates the rest", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", deployment({
            provider: "route53", hostedZoneIds: zones, adopt: ["_SIP._tls.Contoso.com. srv", "sip.contoso.com A"],
        })));
        assert.deepEqual(Object.entries(importIds(run)).filter(([, id]) => id !== undefined), [
            ["edge/contoso.com/_sip._tls/SRV", "Z0CONTOSO__sip._tls.contoso.com_SRV"],
            ["edge/sip.contoso.com/@/A", "Z0SIPCONTOSO_sip.contoso.com_A"],
        ]);
        assert.ok(run.warnings.some((w) => w.startsWith("dns.adopt: 2 record sets are taken over")));
    });

    it("without adopt no child has an import option, and no warning about it", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", deployment({ provider: "route53", hostedZoneIds: zones })));
        assert.ok(Object.values(importIds(run)).every((id) => id === undefined));
        assert.ok(!run.warnings.some((w) => w.startsWith("dns.adopt")));
    });

    it("refuses a zone looked up by name, or an Output zone id, naming dns.hostedZoneIds and why", async () => {
        assert.deepEqual(await refusal(deployment({ provider: "route53", hostedZoneIds: { "contoso.com": "Z0CONTOSO" }, adopt: true })), [
            'dns.hostedZoneIds["sip.contoso.com"]: is required for dns.adopt: the import ID of each record set (<hosted zone id>_<name>_<type>) is made when the component is constructed, before a lookup by name or another resource\'s output is known',
        ]);
        assert.deepEqual(await refusal(deployment({ provider: "route53", hostedZoneIds: { ...zones, "contoso.com": pulumi.output("Z0CONTOSO") }, adopt: ["sip.contoso.com A", "_sip._tls.contoso.com SRV"] })), [
            'dns.hostedZoneIds["contoso.com"]: must be a plain string, not an Output for dns.adopt: the import ID of each record set (<hosted zone id>_<name>_<type>) is made when the component is constructed, before a lookup by name or another resource\'s output is known',
        ]);
    });

    it("refuses an entry that is not in the plan, and one that is not a record set", async () => {
        assert.deepEqual(await refusal(deployment({ provider: "route53", hostedZoneIds: zones, adopt: ["xmpp.contoso.com A", "sip.contoso.com", 7] })), [
            'dns.adopt[1]: must be a record set as "<name> <type>" (e.g. "_sip._tls.contoso.com SRV"), got "sip.contoso.com"',
            "dns.adopt[2]: must be a record set as \"<name> <type>\" (e.g. \"_sip._tls.contoso.com SRV\"), got 7",
            "dns.adopt[0]: xmpp.contoso.com A is not a record set of this deployment's plan; list only record sets the plan holds (lync-edge-dns plan shows them; lync-edge-dns verify --adopt lists those that exist)",
        ]);
        assert.deepEqual(await refusal(deployment({ provider: "route53", hostedZoneIds: zones, adopt: "yes" })), [
            'dns.adopt: must be true, false or a list of record sets ("<name> <type>", e.g. "_sip._tls.contoso.com SRV"), got "yes"',
        ]);
    });
});

describe("dns.adopt for CNAME record sets (a Teams Only domain with the legacy records)", function () {
    this.timeout(60_000);
    const online = (dns: Record<string, unknown>): LyncEdgeDnsArgs => ({
        sipDomains: [{ name: "contoso.com", hosting: "online" }], microsoft365: { legacyClientRecords: true }, dns: dns as unknown as LyncEdgeDnsArgs["dns"],
    });

    it("Route 53 and Azure: the CNAMEs' import IDs name the type CNAME", async () => {
        const r53run = await runUnderMocks(() => new LyncEdgeDns("edge", online({ provider: "route53", hostedZoneIds: { "contoso.com": "Z0CONTOSO" }, adopt: ["sip.contoso.com CNAME", "lyncdiscover.contoso.com CNAME"] })));
        assert.deepEqual(Object.entries(importIds(r53run)).filter(([, id]) => id !== undefined), [
            ["edge/contoso.com/lyncdiscover/CNAME", "Z0CONTOSO_lyncdiscover.contoso.com_CNAME"],
            ["edge/contoso.com/sip/CNAME", "Z0CONTOSO_sip.contoso.com_CNAME"],
        ]);
        const azRun = await runUnderMocks(() => new LyncEdgeDns("edge", online({ provider: "azure", resourceGroupName: "rg-dns", subscriptionId: "00000000-0000-0000-0000-000000000001", adopt: ["sip.contoso.com CNAME"] })));
        assert.deepEqual(Object.entries(importIds(azRun)).filter(([, id]) => id !== undefined), [
            ["edge/contoso.com/sip/CNAME", "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dns/providers/Microsoft.Network/dnsZones/contoso.com/CNAME/sip"],
        ]);
    });
});

describe("dns.adopt on Azure DNS", function () {
    this.timeout(60_000);
    const subscription = "00000000-0000-0000-0000-000000000001";

    it("adopt: true gives every record set its Azure resource ID, @ at the apex", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", deployment({
            provider: "azure", resourceGroupName: "rg-dns", zoneResourceGroups: { "sip.contoso.com": "rg-sip" }, subscriptionId: subscription, adopt: true,
        })));
        const base = `/subscriptions/${subscription}/resourceGroups`;
        assert.deepEqual(importIds(run), {
            "edge/contoso.com/_sip._tls/SRV": `${base}/rg-dns/providers/Microsoft.Network/dnsZones/contoso.com/SRV/_sip._tls`,
            "edge/contoso.com/_sipfederationtls._tcp/SRV": `${base}/rg-dns/providers/Microsoft.Network/dnsZones/contoso.com/SRV/_sipfederationtls._tcp`,
            "edge/sip.contoso.com/@/A": `${base}/rg-sip/providers/Microsoft.Network/dnsZones/sip.contoso.com/A/@`,
            "edge/sip.contoso.com/@/AAAA": `${base}/rg-sip/providers/Microsoft.Network/dnsZones/sip.contoso.com/AAAA/@`,
            "edge/sip.contoso.com/_sipfederationtls._tcp/SRV": `${base}/rg-sip/providers/Microsoft.Network/dnsZones/sip.contoso.com/SRV/_sipfederationtls._tcp`,
            "edge/sip.contoso.com/sip/A": `${base}/rg-sip/providers/Microsoft.Network/dnsZones/sip.contoso.com/A/sip`,
            "edge/sip.contoso.com/sip/AAAA": `${base}/rg-sip/providers/Microsoft.Network/dnsZones/sip.contoso.com/AAAA/sip`,
        });
    });

    it("refuses adopt without subscriptionId, and with an Output resource group", async () => {
        assert.deepEqual(await refusal(deployment({ provider: "azure", resourceGroupName: "rg-dns", adopt: true })), [
            "dns.subscriptionId: is required for dns.adopt on azure: the import ID of each record set is its Azure resource ID, /subscriptions/<subscriptionId>/resourceGroups/<group>/providers/Microsoft.Network/dnsZones/<zone>/<TYPE>/<name>",
        ]);
        assert.deepEqual(await refusal(deployment({ provider: "azure", resourceGroupName: pulumi.output("rg-dns"), subscriptionId: subscription, adopt: ["sip.contoso.com A"] })), [
            "dns.resourceGroupName: must be a plain string for dns.adopt (the resource group of sip.contoso.com is part of each import ID), not an Output",
        ]);
    });

    it("refuses a subscriptionId that is not a GUID: every import ID would name a subscription that cannot exist", async () => {
        assert.deepEqual(await refusal(deployment({ provider: "azure", resourceGroupName: "rg-dns", subscriptionId: "nonsense guid", adopt: true })), [
            'dns.subscriptionId: "nonsense guid" is not an Azure subscription id: one is a GUID, e.g. 00000000-0000-0000-0000-000000000000 (az account show --query id)',
        ]);
        // Route 53 reads no subscription: what is given there is not judged.
        await runUnderMocks(() => new LyncEdgeDns("edge", deployment({ provider: "route53", hostedZoneIds: { "contoso.com": "Z0CONTOSO", "sip.contoso.com": "Z0SIP" }, subscriptionId: "not-a-guid" })));
        // A GUID in capitals is one too: taken as given.
        const capitals = "ABCDEF01-2345-6789-ABCD-EF0123456789";
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", deployment({ provider: "azure", resourceGroupName: "rg-dns", subscriptionId: capitals, adopt: ["sip.contoso.com A"] })));
        assert.deepEqual(Object.values(importIds(run)).filter((id) => id !== undefined), [`/subscriptions/${capitals}/resourceGroups/rg-dns/providers/Microsoft.Network/dnsZones/sip.contoso.com/A/@`]);
    });
});
