/**
 * The component under the SDK's mock engine: GIVEN a config and a DNS
 * target, WHEN the component is constructed, THEN exactly the planned record
 * sets are registered, with the provider's inputs, or nothing at all.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as route53 from "@pulumi/aws/route53";
import * as resources from "@pulumi/azure-native/resources";
import { ConfigError, LyncEdgeDns, planRecords, type LyncEdgeDnsArgs } from "../../components";
import { toComponentArgs } from "../../components/core/config/from-file";
import { runUnderMocks, type MockRun } from "../../components/testing/engine";
import { validConfig } from "../helpers/configs";

const R53 = "aws:route53/record:Record";
const AZ = "azure-native:dns:RecordSet";

function args(dns: LyncEdgeDnsArgs["dns"], edit?: (a: LyncEdgeDnsArgs) => void): LyncEdgeDnsArgs {
    const a = toComponentArgs(validConfig(), dns);
    edit?.(a);
    return a;
}

/**
 * Runs `program` under mocks and returns what it threw. After a throw the
 * SDK may still hold registrations the program sent just before it (they go
 * out asynchronously): drain its RPC queue, as `pulumi up` does before it
 * exits, so that the monitor has seen everything the program registered.
 */
async function failure(program: () => unknown): Promise<{ error: unknown; run?: MockRun }> {
    try {
        const run = await runUnderMocks(program);
        return { error: undefined, run };
    } catch (error) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
        await settings.waitForRPCs();
        return { error };
    }
}

/**
 * URNs of the resources of the last mock run other than the stack itself,
 * read straight from the mock monitor. A URN carries its parents' types
 * (`pulumi:pulumi:Stack$aws:route53/record:Record`), so the stack is told
 * apart by the last type of the chain.
 */
function monitorResourceUrns(): string[] {
    const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
    return [...monitor.getRegisteredResources().keys()].filter((urn) => urn.split("::")[2]?.split("$").pop() !== "pulumi:pulumi:Stack");
}

describe("LyncEdgeDns on Route 53", () => {
    it("registers one aws.route53.Record per planned record set, with the plan's values", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53" })));
        const plan = planRecords(validConfig());
        const records = run.resources.filter((r) => r.type === R53);
        const planned = plan.zones.flatMap((z) => z.records.map((r) => `${r.name} ${r.type} ${r.ttl} ${r.values.join(",")}`)).sort();
        const registered = records.map((r) => `${String(r.inputs.name)} ${String(r.inputs.type)} ${String(r.inputs.ttl)} ${(r.inputs.records as string[]).join(",")}`).sort();
        assert.deepEqual(registered, planned);
        assert.equal(run.resources.length, records.length + 1, "the component and its records, nothing else");
        for (const r of records) assert.equal(r.inputs.allowOverwrite, false, `${r.name} must not take over an existing record`);
    });

    it("names children by zone, relative name and type, parented to the component", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53" })));
        const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
        const fed = run.resources.find((r) => r.inputs.name === "_sipfederationtls._tcp.contoso.com");
        assert.equal(fed?.name, "edge/contoso.com/_sipfederationtls._tcp/SRV");
        assert.equal(fed?.parent, component?.urn);
        assert.match(fed?.urn ?? "", /::lync-edge-dns:index:LyncEdgeDns\$aws:route53\/record:Record::edge\/contoso\.com\/_sipfederationtls\._tcp\/SRV$/);
    });

    it("looks up each zone without an id once, by name, among public hosted zones", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53" })));
        const lookups = run.invokes.filter((i) => i.token === "aws:route53/getZone:getZone");
        assert.deepEqual(lookups.map((i) => [i.inputs.name, i.inputs.privateZone]).sort(), [["contoso.com", false], ["fabrikam.com", false]]);
        const fabrikam = run.resources.filter((r) => String(r.inputs.name).endsWith("fabrikam.com"));
        assert.ok(fabrikam.every((r) => r.inputs.zoneId === fabrikam[0].inputs.zoneId && typeof r.inputs.zoneId === "string"));
    });

    it("takes a hosted zone id that is an Output of a zone created beside it", async () => {
        const run = await runUnderMocks(() => {
            const zone = new route53.Zone("contoso", { name: "contoso.com" });
            return new LyncEdgeDns("edge", args({ provider: "route53", hostedZoneIds: { "contoso.com": zone.zoneId, "Fabrikam.com.": "Z0FABRIKAM" } }));
        });
        const zone = run.resources.find((r) => r.type === "aws:route53/zone:Zone");
        const contoso = run.resources.filter((r) => r.type === R53 && String(r.inputs.name).endsWith("contoso.com"));
        assert.ok(contoso.length > 0);
        for (const r of contoso) assert.equal(r.inputs.zoneId, zone?.outputs.zoneId);
        for (const r of run.resources.filter((r) => String(r.inputs.name).endsWith("fabrikam.com"))) assert.equal(r.inputs.zoneId, "Z0FABRIKAM");
        assert.equal(run.invokes.length, 0, "no lookup when every zone id is given");
    });

    it("exposes the plan, the federation SRV FQDNs, the certificate names and the mobility domains", async () => {
        let component: LyncEdgeDns | undefined;
        const run = await runUnderMocks(() => { component = new LyncEdgeDns("edge", args({ provider: "route53" })); });
        const outputs = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns")?.outputs ?? {};
        assert.deepEqual(outputs.records, planRecords(validConfig()).zones);
        assert.deepEqual(outputs.federationSrvFqdns, ["_sipfederationtls._tcp.contoso.com", "_sipfederationtls._tcp.fabrikam.com"]);
        assert.deepEqual(outputs.certificateSubjectNames, ["sip.contoso.com", "sip.fabrikam.com", "webcon.contoso.com", "xmpp.contoso.com"]);
        assert.deepEqual(outputs.mobilityDomains, ["contoso.com"]);
        assert.ok(component instanceof LyncEdgeDns);
    });

    it("writes the planner's warnings to the Pulumi log", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53" }, (a) => {
            a.sipDomains[0].federationDiscovery = false;
        })));
        assert.ok(run.warnings.some((w) => w.includes("Set-CsAccessEdgeConfiguration -EnablePartnerDiscovery $false")), run.warnings.join("\n"));
    });

    it("registers the same resources whatever the order of domains and addresses", async () => {
        const describe = (run: MockRun) => run.resources.map((r) => JSON.stringify([r.type, r.name, r.inputs])).sort();
        const first = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53", hostedZoneIds: { "contoso.com": "Z1", "fabrikam.com": "Z2" } })));
        const second = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53", hostedZoneIds: { "fabrikam.com": "Z2", "contoso.com": "Z1" } }, (a) => {
            a.sipDomains.reverse();
            a.edge!.accessEdgeIps.reverse();
        })));
        assert.deepEqual(describe(second), describe(first));
    });
});

describe("LyncEdgeDns on Azure DNS", () => {
    it("registers one dns.RecordSet per planned record set, relative to its zone, with typed records", async () => {
        const withIpv6AndApex = (a: LyncEdgeDnsArgs) => {
            a.edge!.accessEdgeIps.push("2001:4898:e0:2::10");
            a.edge!.reverseProxy!.hosts!.push("contoso.com");
        };
        const componentArgs = args({ provider: "azure", resourceGroupName: "rg-dns" }, withIpv6AndApex);
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", componentArgs));
        const sets = run.resources.filter((r) => r.type === AZ);
        const { dns: _dns, ...config } = componentArgs;
        const plan = planRecords(config);
        assert.equal(sets.length, plan.zones.reduce((n, z) => n + z.records.length, 0));
        assert.equal(sets.length, 15, "11 of the base config, 3 AAAA sets, the apex A");
        const byKey = new Map(sets.map((r) => [`${String(r.inputs.relativeRecordSetName)}.${String(r.inputs.zoneName)} ${String(r.inputs.recordType)}`, r.inputs]));
        assert.deepEqual(byKey.get("_sipfederationtls._tcp.contoso.com SRV"), {
            resourceGroupName: "rg-dns", zoneName: "contoso.com", relativeRecordSetName: "_sipfederationtls._tcp", recordType: "SRV", ttl: 3600,
            srvRecords: [{ priority: 0, weight: 0, port: 5061, target: "sip.contoso.com" }],
        });
        assert.deepEqual(byKey.get("sip.contoso.com A")?.aRecords, [{ ipv4Address: "131.107.155.10" }, { ipv4Address: "131.107.155.11" }]);
        assert.deepEqual(byKey.get("sip.contoso.com AAAA")?.aaaaRecords, [{ ipv6Address: "2001:4898:e0:2::10" }]);
        assert.deepEqual(byKey.get("@.contoso.com A")?.aRecords, [{ ipv4Address: "131.107.155.40" }], "the apex is @");
        assert.equal(run.resources.find((r) => r.inputs.relativeRecordSetName === "@")?.name, "edge/contoso.com/@/A");
    });

    it("takes a per-zone resource group, and one that is an Output", async () => {
        const run = await runUnderMocks(() => {
            const group = new resources.ResourceGroup("dns", { resourceGroupName: "rg-made-here" });
            return new LyncEdgeDns("edge", args({ provider: "azure", resourceGroupName: group.name, zoneResourceGroups: { "fabrikam.com": "rg-fabrikam" } }));
        });
        const sets = run.resources.filter((r) => r.type === AZ);
        for (const r of sets) {
            assert.equal(r.inputs.resourceGroupName, r.inputs.zoneName === "fabrikam.com" ? "rg-fabrikam" : "rg-made-here");
        }
    });

    it("loads no Azure package for Route 53 and no AWS package for Azure", async function () {
        this.timeout(60_000);
        const { execFileSync } = await import("node:child_process");
        const script = (provider: string) => `
            const { runUnderMocks } = require("./components/testing/engine");
            const { LyncEdgeDns } = require("./components");
            const { toComponentArgs } = require("./components/core/config/from-file");
            const { validConfig } = require("./tests/helpers/configs");
            runUnderMocks(() => new LyncEdgeDns("edge", toComponentArgs(validConfig(), { provider: "${provider}", resourceGroupName: "rg" }))).then((run) => {
                const loaded = Object.keys(require.cache);
                console.log(JSON.stringify({ records: run.resources.length, aws: loaded.some((f) => f.includes("/@pulumi/aws/")), azure: loaded.some((f) => f.includes("/@pulumi/azure-native/")) }));
            });`;
        const run = (provider: string) => JSON.parse(execFileSync(process.execPath, ["--require", "tsx/cjs", "-e", script(provider)], { encoding: "utf8" }));
        assert.deepEqual(run("route53"), { records: 12, aws: true, azure: false });
        assert.deepEqual(run("azure"), { records: 12, aws: false, azure: true });
    });
});

describe("LyncEdgeDns refuses bad input and registers nothing", () => {
    /** Each case: the args, and exactly the issues (path, message) the ConfigError must carry. */
    const cases: [string, () => LyncEdgeDnsArgs, [path: string, message: string][]][] = [
        ["an invalid deployment", () => args({ provider: "route53" }, (a) => { a.sipDomains[1].name = "fabrikam..com"; }),
            [["sipDomains[1].name", "\"fabrikam..com\" is not a valid DNS name: it has an empty label (two dots in a row, or a leading dot)"]]],
        ["an unknown provider", () => args({ provider: "gcp" as never }),
            [["dns.provider", "must be one of \"route53\", \"azure\", got \"gcp\""]]],
        ["no dns target", () => { const a = args({ provider: "route53" }); delete (a as Partial<LyncEdgeDnsArgs>).dns; return a; },
            [["dns", "is required: { provider: \"route53\" | \"azure\", ... }"]]],
        ["azure without a resource group", () => args({ provider: "azure" }),
            [["dns.resourceGroupName", "is required for azure: no resource group for contoso.com, fabrikam.com (give resourceGroupName, or zoneResourceGroups for each zone)"]]],
        ["a hosted zone id for a zone that is not in the deployment", () => args({ provider: "route53", hostedZoneIds: { "litware.com": "Z1" } }),
            [["dns.hostedZoneIds[\"litware.com\"]", "\"litware.com\" is not a zone of this deployment (contoso.com, fabrikam.com)"]]],
        ["an Output where the plan needs a plain value", () => args({ provider: "route53" }, (a) => { a.edge!.accessEdgeIps = pulumi.output(["131.107.155.10"]) as never; }),
            [["edge.accessEdgeIps", "must be a plain value, not an Output or a Promise: the records are planned when the component is constructed (only the zone ids and resource groups under dns may be Outputs)"]]],
        ["more values than Azure DNS allows in a record set", () => args({ provider: "azure", resourceGroupName: "rg" }, (a) => {
            a.edge!.reverseProxy!.ips = Array.from({ length: 21 }, (_, i) => `131.107.156.${i + 1}`);
        }), [
            ["edge.reverseProxy.ips", "lyncdiscover.contoso.com A would hold 21 values; Azure DNS allows at most 20 in one record set"],
            ["edge.reverseProxy.hosts[0]", "meet.contoso.com A would hold 21 values; Azure DNS allows at most 20 in one record set"],
        ]],
    ];
    for (const [name, makeArgs, issues] of cases) {
        it(name, async () => {
            const { error } = await failure(() => new LyncEdgeDns("edge", makeArgs()));
            assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
            assert.deepEqual(error.issues.map((i) => [i.path, i.message]), issues);
            assert.deepEqual(monitorResourceUrns(), [], "not even the component is registered");
        });
    }

    it("the check above sees a record registered just before a throw (it can fail)", async () => {
        const { error } = await failure(() => {
            new route53.Record("leaked", { zoneId: "Z1", name: "sip.contoso.com", type: "A", ttl: 3600, records: ["131.107.155.10"] });
            throw new Error("thrown after a registration");
        });
        assert.equal((error as Error).message, "thrown after a registration");
        assert.deepEqual(monitorResourceUrns(), ["urn:pulumi:offline::lync-edge-dns::pulumi:pulumi:Stack$aws:route53/record:Record::leaked"]);
    });
});
