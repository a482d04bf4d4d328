/**
 * Microsoft 365 through every entry point. GIVEN a mixed deployment (one
 * domain on premises, one hybrid, one Teams Only with the legacy client
 * records), WHEN the component runs on Route 53 and on Azure DNS under the
 * SDK's mock engine, BIND serves the plan and verify reads it back, and the
 * policy pack judges the stack, THEN every entry point sees the same records,
 * written by hand here from Microsoft's tables (see tests/unit/microsoft-365.test.ts
 * for the sources), and the rules know where each domain is.
 */
import assert from "node:assert/strict";
import { LyncEdgeDns, planRecords, type EdgeDnsConfig, type LyncEdgeDnsArgs } from "../../components";
import { verifyPlan } from "../../cli/verify/verify";
import { runUnderMocks } from "../../components/testing/engine";
import { BindServer, zoneTexts } from "../helpers/bind";
import { MICROSOFT_TABLES, resourceRow } from "../helpers/microsoft-365-tables";
import { az, r53 } from "../helpers/pack-fixtures";
import { describe as describeResult, packResources, runPack } from "../helpers/stack";

const MIXED: EdgeDnsConfig = {
    sipDomains: [
        { name: "contoso.com", mobility: true },
        { name: "fabrikam.com", hosting: "hybrid", externalAccess: false },
        { name: "litware.com", hosting: "online" },
    ],
    edge: {
        accessEdgeIps: ["131.107.155.10"],
        webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.20"] },
        av: { fqdn: "av.contoso.com", ips: ["131.107.155.30"] },
        reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com", "meet.fabrikam.com"] },
    },
    microsoft365: { legacyClientRecords: true },
};

function args(dns: LyncEdgeDnsArgs["dns"]): LyncEdgeDnsArgs {
    return { ...MIXED, sipDomains: MIXED.sipDomains.map((d) => (typeof d === "string" ? { name: d } : d)), dns };
}

describe("Microsoft's tables through every entry point", function () {
    this.timeout(120_000);
    for (const table of MICROSOFT_TABLES) {
        it(`${table.what}: planRecords, the component on Route 53 and Azure, BIND and verify, the pack`, async () => {
            const planned = planRecords(table.config).zones.flatMap(({ zone, records }) => records.map((r) => `${zone} ${r.type} ${r.name} ${r.values.join(", ")}`));
            assert.deepEqual(planned, table.rows, "planRecords");
            const componentArgs = (dns: LyncEdgeDnsArgs["dns"]): LyncEdgeDnsArgs => ({ ...table.config, sipDomains: table.config.sipDomains.map((d) => (typeof d === "string" ? { name: d } : d)), dns });
            for (const dns of [{ provider: "route53" as const }, { provider: "azure" as const, resourceGroupName: "rg-dns" }]) {
                const run = await runUnderMocks(() => new LyncEdgeDns("edge", componentArgs(dns)));
                const registered = run.resources.filter((r) => r.custom).map((r) => resourceRow(r.type, r.inputs)).sort();
                assert.deepEqual(registered, [...table.rows].sort(), `the component on ${dns.provider}`);
                const result = runPack(packResources(run));
                assert.deepEqual(result.violations, [], `the pack on ${dns.provider}: ${describeResult(result)}`);
            }
            const plan = planRecords(table.config);
            const bind = await BindServer.start(zoneTexts(plan));
            try {
                const report = await verifyPlan(plan, { servers: [bind.address] });
                assert.deepEqual(report.checks.filter((c) => c.status !== "ok").map((c) => `${c.name} ${c.type} ${c.status}`), [], "verify against BIND");
                assert.equal(report.checks.length, table.rows.length);
            } finally {
                await bind.stop();
            }
        });
    }
});

describe("Microsoft 365 through the component", function () {
    this.timeout(60_000);

    it("Route 53: the online domain's records point to Microsoft 365, CNAMEs included", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53" })));
        const litware = run.resources.filter((r) => r.custom && String(r.inputs.name).endsWith("litware.com"))
            .map((r) => `${r.name} ${String(r.inputs.type)} ${(r.inputs.records as string[]).join(", ")}`).sort();
        assert.deepEqual(litware, [
            "edge/litware.com/_sip._tls/SRV SRV 100 1 443 sipdir.online.lync.com.",
            "edge/litware.com/_sipfederationtls._tcp/SRV SRV 100 1 5061 sipfed.online.lync.com.",
            "edge/litware.com/lyncdiscover/CNAME CNAME webdir.online.lync.com.",
            "edge/litware.com/sip/CNAME CNAME sipdir.online.lync.com.",
        ]);
        const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
        assert.deepEqual(component?.outputs.domainHosting, { "contoso.com": "onPremises", "fabrikam.com": "hybrid", "litware.com": "online" });
    });

    it("Azure DNS: a CNAME is a cnameRecord without the trailing dot, SRVs to Microsoft 365 as srvRecords", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "azure", resourceGroupName: "rg-dns" })));
        const byName = new Map(run.resources.filter((r) => r.custom && r.inputs.zoneName === "litware.com").map((r) => [r.name, r.inputs]));
        assert.deepEqual(byName.get("edge/litware.com/sip/CNAME")?.cnameRecord, { cname: "sipdir.online.lync.com" });
        assert.deepEqual(byName.get("edge/litware.com/lyncdiscover/CNAME")?.cnameRecord, { cname: "webdir.online.lync.com" });
        assert.deepEqual(byName.get("edge/litware.com/_sipfederationtls._tcp/SRV")?.srvRecords, [{ priority: 100, weight: 1, port: 5061, target: "sipfed.online.lync.com" }]);
        assert.equal(byName.get("edge/litware.com/sip/CNAME")?.recordType, "CNAME");
    });

    it("the names that swap between A and CNAME alias each other and are deleted before they are replaced", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53" })));
        const options = Object.fromEntries(run.resources.filter((r) => r.options).map((r) => [r.name, r.options]));
        assert.deepEqual(options, {
            "edge/contoso.com/lyncdiscover/A": { aliases: ["edge/contoso.com/lyncdiscover/CNAME"], deleteBeforeReplace: true },
            "edge/contoso.com/sip/A": { aliases: ["edge/contoso.com/sip/CNAME"], deleteBeforeReplace: true },
            "edge/fabrikam.com/sip/A": { aliases: ["edge/fabrikam.com/sip/CNAME"], deleteBeforeReplace: true },
            "edge/litware.com/lyncdiscover/CNAME": { aliases: ["edge/litware.com/lyncdiscover/A"], deleteBeforeReplace: true },
            "edge/litware.com/sip/CNAME": { aliases: ["edge/litware.com/sip/A"], deleteBeforeReplace: true },
        });
    });
});

describe("Microsoft 365 in BIND and verify", function () {
    this.timeout(60_000);

    it("the zones load, and verify finds every record set, CNAMEs and SRVs to Microsoft 365 included", async () => {
        const plan = planRecords(MIXED);
        const bind = await BindServer.start(zoneTexts(plan));
        try {
            const report = await verifyPlan(plan, { servers: [bind.address] });
            assert.deepEqual(report.checks.filter((c) => c.status !== "ok").map((c) => `${c.name} ${c.type} ${c.status} ${c.detail ?? ""}`), []);
            assert.deepEqual(report.checks.filter((c) => c.type === "CNAME").map((c) => `${c.name} ${c.found.join(", ")}`), [
                "lyncdiscover.litware.com webdir.online.lync.com",
                "sip.litware.com sipdir.online.lync.com",
            ]);
        } finally {
            await bind.stop();
        }
    });
});

describe("Microsoft 365 in the policy pack", function () {
    this.timeout(60_000);

    it("judges the component's stack clean: the online domain may point to Microsoft 365", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "route53", hostedZoneIds: { "contoso.com": "ZCONTOSO", "fabrikam.com": "ZFABRIKAM", "litware.com": "ZLITWARE" } })));
        const result = runPack(packResources(run));
        assert.deepEqual(result.violations, [], describeResult(result));
    });

    it("refuses a hybrid domain's federation SRV pointing at Microsoft 365, and an online one pointing on premises", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", args({ provider: "azure", resourceGroupName: "rg" })));
        const handMade = [
            // Made by hand beside the component, as a premature cutover would.
            r53("_sipfederationtls._tcp.fabrikam.com", "SRV", ["100 1 5061 sipfed.online.lync.com."], "ZFABRIKAM"),
            az("litware.com", "_xmpp-server._tcp", "SRV", ["0 0 5269 xmpp.litware.com"]),
        ];
        const result = runPack([...packResources(run), ...handMade]);
        const sameDomain = result.violations.filter((v) => v.policy === "lync-srv-same-domain").map((v) => v.message);
        assert.deepEqual(sameDomain, [
            "_sipfederationtls._tcp.fabrikam.com points at Microsoft 365 (sipfed.online.lync.com) while the users of fabrikam.com are on premises (hybrid): federation and push notifications for them break; point it at the Access Edge in fabrikam.com until the domain moves to Teams Only (hosting: online): urn:pulumi:prod::infra::aws:route53/record:Record::rec" + handMade[0]?.name.slice(3),
            "_xmpp-server._tcp.litware.com points to xmpp.litware.com, but litware.com is online (Teams Only), and Microsoft 365 publishes no _xmpp-server._tcp: remove it: urn:pulumi:prod::infra::azure-native:dns:RecordSet::" + handMade[1]?.name,
        ]);
    });

    // [TO]: the online records "must hold exactly these values": each service its own host, in the tenant's cloud.
    it("refuses an online domain's SRV to another service's host or another cloud's, and takes the tenant's own", async () => {
        const gccHigh = { ...args({ provider: "route53", hostedZoneIds: { "contoso.com": "ZCONTOSO", "fabrikam.com": "ZFABRIKAM", "litware.com": "ZLITWARE" } }), microsoft365: { cloud: "gccHigh" as const, legacyClientRecords: false } };
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", gccHigh));
        assert.deepEqual(runPack(packResources(run)).violations, []);
        const handMade = [
            r53("_sip._tls.litware.com", "SRV", ["100 1 443 sipfed.online.gov.skypeforbusiness.us."], "ZLITWARE"),
            r53("_sipfederationtls._tcp.litware.com", "SRV", ["100 1 5061 sipfed.online.partner.lync.cn."], "ZLITWARE"),
        ];
        const result = runPack([...packResources(run), ...handMade]);
        assert.deepEqual(result.violations.filter((v) => v.policy === "lync-srv-same-domain").map((v) => v.message.replace(/: urn:.*$/, "")), [
            "_sip._tls.litware.com points to sipfed.online.gov.skypeforbusiness.us, but litware.com is online (Teams Only): its _sip._tls points to sipdir.online.gov.skypeforbusiness.us, Microsoft 365's sipdir host in the tenant's cloud (gccHigh)",
            "_sipfederationtls._tcp.litware.com points to sipfed.online.partner.lync.cn, but litware.com is online (Teams Only): its _sipfederationtls._tcp points to sipfed.online.gov.skypeforbusiness.us, Microsoft 365's sipfed host in the tenant's cloud (gccHigh)",
        ]);
    });
});

describe("a single-IP Edge's client port, judged alike by the component, plan and the pack", function () {
    this.timeout(60_000);
    // "possible, though not recommended ... 5061/TCP for the Access Edge, 444/TCP
    // for the Web Conferencing Edge and 443/TCP for the AV Edge".
    const singleIp: LyncEdgeDnsArgs = {
        sipDomains: [{ name: "contoso.com" }],
        edge: { accessEdgeIps: ["131.107.155.10"], accessEdgeClientPort: 5061, reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com"] } },
        dns: { provider: "route53", hostedZoneIds: { "contoso.com": "ZCONTOSO" } },
    };

    it("_sip._tls points to the client port, and neither the component nor the pack objects", async () => {
        const { dns: _dns, ...deployment } = singleIp;
        const plan = planRecords(deployment);
        assert.deepEqual(plan.zones[0]?.records.find((r) => r.name === "_sip._tls.contoso.com")?.values, ["0 0 5061 sip.contoso.com."]);
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", singleIp));
        const result = runPack(packResources(run));
        assert.deepEqual(result.violations, [], describeResult(result));
    });

    it("a port neither 443 nor the client port is a violation in the pack too", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", singleIp));
        const result = runPack([...packResources(run), r53("_sip._tls.contoso.com", "SRV", ["0 0 8443 sip.contoso.com."])]);
        const ports = result.violations.filter((v) => v.policy === "lync-federation-ports").map((v) => v.message.split(":")[0]);
        assert.deepEqual(ports, ["_sip._tls.contoso.com (external access) points to port 8443; it must be 443 or 5061"]);
    });

    it("the client port is that Edge's domains' own: another domain's _sip._tls on it is a violation", async () => {
        const run = await runUnderMocks(() => {
            new LyncEdgeDns("edge", singleIp);
            new LyncEdgeDns("edge-fabrikam", { sipDomains: [{ name: "fabrikam.com" }], edge: { accessEdgeIps: ["131.107.155.20"] }, dns: { provider: "route53", hostedZoneIds: { "fabrikam.com": "ZFABRIKAM" } } });
        });
        const stack = packResources(run);
        assert.deepEqual(runPack(stack).violations, [], "each Edge's records on its own ports");
        // fabrikam.com's Edge has no client port of its own: its _sip._tls on contoso.com's 5061 is refused.
        const moved = stack.map((r) => (r.name === "edge-fabrikam/fabrikam.com/_sip._tls/SRV" ? { ...r, props: { ...r.props, records: ["0 0 5061 sip.fabrikam.com."] } } : r));
        const ports = runPack(moved).violations.filter((v) => v.policy === "lync-federation-ports").map((v) => v.message.split(":")[0]);
        assert.ok(ports.includes("_sip._tls.fabrikam.com (external access) points to port 5061; it must be 443"), ports.join("\n"));
    });
});
