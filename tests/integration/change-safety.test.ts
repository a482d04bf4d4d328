/**
 * Nothing lost on change: GIVEN a deployment and a changed copy of it (a
 * domain added or removed, domains or addresses reordered, XMPP switched
 * off, a pool member added, the TTL changed, ...), WHEN the component runs on
 * each under the Pulumi SDK's mock engine, THEN the registered resources,
 * compared by (type, logical name, inputs), differ exactly as the change
 * says: the named logical names are added, removed or changed in place (only
 * TTL and values, never a replacement-forcing input), and every other record
 * keeps its logical name and identical inputs, so nothing is replaced.
 * `diffPlans` says the same from the plans alone, and warns when a mobility
 * domain's federation SRV goes (push notifications stop).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { diffPlans, LyncEdgeDns, planDeployment, planRecords, type DnsTarget, type EdgeDnsConfig, type PlanDiff } from "../../components";
import { toComponentArgs } from "../../components/core/config/from-file";
import { recordLogicalName } from "../../components/providers/renderer";
import { runUnderMocks, type RegisteredResource } from "../../components/testing/engine";

/** The deployment every case starts from: three domains (one a subdomain in its parent's zone), every Edge role. */
function baseConfig(): EdgeDnsConfig {
    return {
        sipDomains: [
            { name: "contoso.com", mobility: true, xmpp: true },
            { name: "fabrikam.com", externalAccess: false },
            { name: "eu.contoso.com", zone: "contoso.com" },
        ],
        edge: {
            accessEdgeIps: ["131.107.155.10", "131.107.155.11"],
            webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.20", "131.107.155.21"] },
            av: { fqdn: "av.contoso.com", ips: ["131.107.155.30"] },
            reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com", "dialin.contoso.com"] },
        },
    };
}

/** Every Access Edge A record set of the base deployment (they hold the pool's addresses). */
const ACCESS_EDGE_A = ["edge/contoso.com/sip/A", "edge/contoso.com/sip.eu/A", "edge/contoso.com/xmpp/A", "edge/fabrikam.com/sip/A"];

/** Every record of the base deployment, by logical name. */
function allRecordNames(): string[] {
    return planRecords(baseConfig()).zones.flatMap((z) => z.records.map((r) => recordLogicalName("edge", z.zone, r))).sort();
}

interface ChangeCase {
    what: string;
    change: (config: EdgeDnsConfig) => void;
    added?: string[];
    removed?: string[];
    changed?: string[] | (() => string[]);
    warnings?: string[];
}

const domain = (config: EdgeDnsConfig, name: string): Exclude<EdgeDnsConfig["sipDomains"][number], string> =>
    config.sipDomains.find((d) => typeof d !== "string" && d.name === name) as Exclude<EdgeDnsConfig["sipDomains"][number], string>;

const CASES: ChangeCase[] = [
    {
        what: "add a domain",
        change: (c) => { c.sipDomains.push("litware.com"); },
        // lyncdiscover for every domain with external access (Microsoft: required for every client).
        added: ["edge/litware.com/_sip._tls/SRV", "edge/litware.com/_sipfederationtls._tcp/SRV", "edge/litware.com/lyncdiscover/A", "edge/litware.com/sip/A"],
    },
    {
        what: "add a subdomain to a zone that has records already",
        change: (c) => { c.sipDomains.push({ name: "us.contoso.com", zone: "contoso.com", federationDiscovery: false }); },
        added: ["edge/contoso.com/_sip._tls.us/SRV", "edge/contoso.com/lyncdiscover.us/A", "edge/contoso.com/sip.us/A"],
    },
    {
        what: "remove a domain",
        change: (c) => { c.sipDomains.splice(1, 1); },
        removed: ["edge/fabrikam.com/_sipfederationtls._tcp/SRV", "edge/fabrikam.com/sip/A"],
    },
    {
        what: "reorder the domains",
        change: (c) => { c.sipDomains.reverse(); },
    },
    {
        what: "reorder every address list and the reverse proxy hosts",
        change: (c) => {
            c.edge!.accessEdgeIps.reverse();
            c.edge!.webConferencing?.ips.reverse();
            c.edge!.reverseProxy?.hosts?.reverse();
        },
    },
    {
        what: "write the same names another way (case, trailing dot)",
        change: (c) => {
            domain(c, "contoso.com").name = "Contoso.COM.";
            domain(c, "eu.contoso.com").zone = "CONTOSO.com";
        },
    },
    {
        what: "switch XMPP off",
        change: (c) => { domain(c, "contoso.com").xmpp = false; },
        removed: ["edge/contoso.com/_xmpp-server._tcp/SRV", "edge/contoso.com/xmpp/A"],
    },
    {
        what: "add an IPv4 pool member",
        change: (c) => { c.edge!.accessEdgeIps.push("131.107.155.12"); },
        changed: ACCESS_EDGE_A,
    },
    {
        what: "add an IPv6 pool member (new AAAA sets, the A sets untouched)",
        change: (c) => { c.edge!.accessEdgeIps.push("2a00:1450:4001::10"); },
        added: ACCESS_EDGE_A.map((n) => n.replace(/\/A$/, "/AAAA")),
    },
    {
        what: "change the TTL",
        change: (c) => { c.ttl = 300; },
        changed: allRecordNames,
    },
    {
        what: "change the SRV priority (values change in place, the federation SRV stays)",
        change: (c) => { c.srv = { priority: 10 }; },
        changed: () => allRecordNames().filter((n) => n.endsWith("/SRV")),
    },
    {
        what: "turn mobility and federation discovery off on a mobility domain",
        change: (c) => { Object.assign(domain(c, "contoso.com"), { mobility: false, federationDiscovery: false }); },
        // lyncdiscover stays: contoso.com keeps external access, and every client needs it.
        removed: ["edge/contoso.com/_sipfederationtls._tcp/SRV"],
        warnings: ["_sipfederationtls._tcp.contoso.com is removed while contoso.com has Lync Mobile users: push notifications to their mobile clients stop"],
    },
    {
        what: "turn mobility off where federation discovery and external access stay (the federation SRV and lyncdiscover stay, no warning)",
        change: (c) => { domain(c, "contoso.com").mobility = false; },
    },
    {
        what: "remove a mobility domain",
        change: (c) => { c.sipDomains.splice(0, 1); },
        removed: [
            "edge/contoso.com/_sip._tls/SRV", "edge/contoso.com/_sipfederationtls._tcp/SRV", "edge/contoso.com/_xmpp-server._tcp/SRV",
            "edge/contoso.com/lyncdiscover/A", "edge/contoso.com/sip/A", "edge/contoso.com/xmpp/A",
        ],
        warnings: ["_sipfederationtls._tcp.contoso.com is removed while contoso.com has Lync Mobile users: push notifications to their mobile clients stop"],
    },
];

/** The inputs that make the provider replace a resource rather than update it. */
const REPLACING_INPUTS: Record<string, string[]> = {
    "aws:route53/record:Record": ["zoneId", "name", "type"],
    "azure-native:dns:RecordSet": ["resourceGroupName", "zoneName", "relativeRecordSetName", "recordType"],
};

const TARGETS: { provider: string; dns: DnsTarget }[] = [
    { provider: "Route 53", dns: { provider: "route53" } },
    { provider: "Azure DNS", dns: { provider: "azure", resourceGroupName: "rg-dns" } },
];

async function register(config: EdgeDnsConfig, dns: DnsTarget): Promise<Map<string, RegisteredResource>> {
    const run = await runUnderMocks(() => new LyncEdgeDns("edge", toComponentArgs(config, dns)));
    const byKey = new Map<string, RegisteredResource>();
    for (const r of run.resources) {
        assert.ok(!byKey.has(`${r.type} ${r.name}`), `${r.type} ${r.name} registered twice`);
        byKey.set(`${r.type} ${r.name}`, r);
    }
    return byKey;
}

/** Logical names of the record resources added, removed and changed (inputs differ) between two runs. */
function resourceDiff(before: Map<string, RegisteredResource>, after: Map<string, RegisteredResource>): { added: string[]; removed: string[]; changed: string[]; same: string[] } {
    const names = (keys: string[], from: Map<string, RegisteredResource>): string[] => keys.map((k) => (from.get(k) as RegisteredResource).name).sort();
    const common = [...before.keys()].filter((k) => after.has(k));
    const differs = (k: string): boolean => JSON.stringify(sorted(before.get(k)?.inputs)) !== JSON.stringify(sorted(after.get(k)?.inputs));
    return {
        added: names([...after.keys()].filter((k) => !before.has(k)), after),
        removed: names([...before.keys()].filter((k) => !after.has(k)), before),
        changed: names(common.filter(differs), after),
        same: names(common.filter((k) => !differs(k)), after),
    };
}

/** A value with object keys in sorted order, so that key order never counts as a difference. */
function sorted(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sorted);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
    return value;
}

/** `diffPlans`' lists as logical names, to compare with what the engine saw. */
function planDiffNames(diff: PlanDiff): { added: string[]; removed: string[]; changed: string[] } {
    const logical = (sets: { zone: string; name: string; type: PlanDiff["added"][number]["type"] }[]): string[] =>
        sets.map((s) => recordLogicalName("edge", s.zone, { name: s.name, type: s.type, ttl: 0, values: [] })).sort();
    return { added: logical(diff.added), removed: logical(diff.removed), changed: logical(diff.changed) };
}

describe("change safety under the mock engine", function () {
    this.timeout(60_000);

    for (const { provider, dns } of TARGETS) {
        describe(provider, () => {
            let baseline: Map<string, RegisteredResource>;
            before(async () => { baseline = await register(baseConfig(), dns); });

            for (const c of CASES) {
                it(`${c.what}: ${describeExpectation(c)}`, async () => {
                    const config = structuredClone(baseConfig());
                    c.change(config);
                    const after = await register(config, dns);
                    const diff = resourceDiff(baseline, after);
                    const changed = typeof c.changed === "function" ? c.changed() : c.changed ?? [];
                    assert.deepEqual(diff.added, [...(c.added ?? [])].sort(), "added");
                    assert.deepEqual(diff.removed, [...(c.removed ?? [])].sort(), "removed");
                    assert.deepEqual(diff.changed, [...changed].sort(), "changed in place");
                    // Every other resource is untouched: the same logical name, identical inputs.
                    const untouched = [...baseline.values()].map((r) => r.name).filter((n) => !diff.removed.includes(n) && !changed.includes(n)).sort();
                    assert.deepEqual(diff.same, untouched);
                    // A change is an update, never a replacement: the inputs that force one stay equal.
                    for (const name of changed) {
                        const [was, now] = [baseline, after].map((m) => [...m.values()].find((r) => r.name === name) as RegisteredResource);
                        for (const input of REPLACING_INPUTS[was.type] ?? []) {
                            assert.deepEqual(now.inputs[input], was.inputs[input], `${name}: ${input} changed, which replaces the record`);
                        }
                    }
                    // The plans alone say the same, and warn where push notifications stop.
                    const planned = diffPlans(planDeployment(baseConfig()), planDeployment(config));
                    assert.deepEqual(planDiffNames(planned), { added: diff.added, removed: diff.removed, changed: diff.changed });
                    assert.deepEqual(planned.warnings, c.warnings ?? []);
                });
            }
        });
    }
});

function describeExpectation(c: ChangeCase): string {
    const parts = [
        c.added ? `${c.added.length} added` : "",
        c.removed ? `${c.removed.length} removed` : "",
        c.changed ? "changed in place" : "",
        c.warnings ? "a warning" : "",
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(", ") : "nothing changes";
}

describe("diffPlans", () => {
    const base = planDeployment(baseConfig());

    it("finds nothing between a plan and itself, or a plan of the same deployment written in another order", () => {
        const reordered = structuredClone(baseConfig());
        reordered.sipDomains.reverse();
        reordered.edge!.accessEdgeIps.reverse();
        for (const other of [base, planDeployment(reordered), base.plan]) {
            assert.deepEqual(diffPlans(base, other), { added: [], removed: [], changed: [], warnings: [] });
        }
    });

    it("reports a changed record set with both versions, sorted by zone, name and type", () => {
        const config = structuredClone(baseConfig());
        config.edge!.accessEdgeIps = ["131.107.155.10"];
        const diff = diffPlans(base, planDeployment(config));
        assert.deepEqual(diff.changed.map((c) => `${c.zone} ${c.name} ${c.type}`), [
            "contoso.com sip.contoso.com A", "contoso.com sip.eu.contoso.com A", "contoso.com xmpp.contoso.com A", "fabrikam.com sip.fabrikam.com A",
        ]);
        assert.deepEqual(diff.changed[0].before.values, ["131.107.155.10", "131.107.155.11"]);
        assert.deepEqual(diff.changed[0].after.values, ["131.107.155.10"]);
    });

    it("knows the mobility domains from a PlanResult, or from the option with bare plans", () => {
        const config = structuredClone(baseConfig());
        config.sipDomains.splice(0, 1);
        const after = planRecords(config);
        const warning = "_sipfederationtls._tcp.contoso.com is removed while contoso.com has Lync Mobile users: push notifications to their mobile clients stop";
        assert.deepEqual(diffPlans(base, after).warnings, [warning]);
        assert.deepEqual(diffPlans(base.plan, after).warnings, [], "a bare plan does not say which domains have mobility");
        assert.deepEqual(diffPlans(base.plan, after, { mobilityDomains: ["Contoso.com."] }).warnings, [warning]);
        assert.deepEqual(diffPlans(base.plan, after, { mobilityDomains: ["fabrikam.com"] }).warnings, [], "fabrikam.com keeps its federation SRV");
    });

    it("does not warn when a mobility domain's federation SRV moves to another zone: it is still published", () => {
        const own = structuredClone(baseConfig());
        const moved = structuredClone(baseConfig());
        own.sipDomains[2] = { name: "eu.contoso.com", mobility: true };
        moved.sipDomains[2] = { name: "eu.contoso.com", zone: "contoso.com", mobility: true };
        const diff = diffPlans(planDeployment(own), planDeployment(moved));
        assert.ok(diff.removed.some((s) => s.zone === "eu.contoso.com" && s.name === "_sipfederationtls._tcp.eu.contoso.com"));
        assert.ok(diff.added.some((s) => s.zone === "contoso.com" && s.name === "_sipfederationtls._tcp.eu.contoso.com"));
        assert.deepEqual(diff.warnings, []);
    });

    it("loads no Pulumi module", () => {
        const script = "require('./components/core/plan/changes'); console.log(Object.keys(require.cache).filter((k) => k.includes('@pulumi')).length)";
        const out = execFileSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
        assert.equal(out.trim(), "0");
    });
});
