/**
 * Invariants of the planner under random valid deployments: GIVEN a
 * generated valid config (1-50 SIP domains, subdomains in parent zones,
 * every flag combination, IPv4/IPv6 pools of 1-12, optional Edge roles and
 * reverse proxy hosts, custom TTL, SRV fields and labels, every server
 * version), WHEN it is planned, THEN the plan keeps every rule the README
 * states: SRV targets have addresses, one set per (name, type), every name in
 * the most specific zone that holds it and short enough for DNS, federation
 * SRV exactly where federation or mobility asks for it, the same plan
 * whatever the order of domains and addresses, zone files that independent
 * parsers read back as the plan, and no violation of the policy rules.
 *
 * Seeded (`FC_SEED`), `FC_RUNS` cases per property (default 100).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { ConfigError, planDeployment, planRecords, type EdgeDnsPlan, type PlannedRecordSet } from "../../components";
import { parseSrv } from "../../components/core/plan/values";
import { evaluateRules } from "../../components/core/rules/evaluate";
import { ruleInputFromPlan } from "../../components/core/rules/from-plan";
import { renderZoneFile } from "../../components/core/zonefile";
import { limiter } from "../../cli/verify/limit";
import { FC_RUNS, fcParams, shuffledConfig, validDeployment } from "../helpers/arbitraries";
import { parseWithBind, parseWithDnsZonefile } from "../helpers/zone-parse";

/** Every record set of a plan with its zone. */
function recordSets(plan: EdgeDnsPlan): (PlannedRecordSet & { zone: string })[] {
    return plan.zones.flatMap(({ zone, records }) => records.map((r) => ({ ...r, zone })));
}

function within(name: string, zone: string): boolean {
    return name === zone || name.endsWith(`.${zone}`);
}

/**
 * The longest of `zones` that is `name` or a suffix of it on a label
 * boundary: compared label by label from the right, so that `ip.contoso.com`
 * never counts as holding `sip.contoso.com`. Written apart from the planner's
 * and the generator's lookups on purpose.
 */
function deepestZone(name: string, zones: readonly string[]): string | undefined {
    const labels = name.split(".").reverse();
    let best: string[] | undefined;
    for (const zone of zones) {
        const zoneLabels = zone.split(".").reverse();
        const isSuffix = zoneLabels.length <= labels.length && zoneLabels.every((l, i) => labels[i] === l);
        if (isSuffix && (best === undefined || zoneLabels.length > best.length)) best = zoneLabels;
    }
    return best && [...best].reverse().join(".");
}

describe("planner properties over generated valid deployments", function () {
    this.timeout(60_000 + FC_RUNS * 1_500); // FC_RUNS=1000 for a deep run stays within it

    it(`plans every generated deployment without error (${FC_RUNS} cases)`, () => {
        fc.assert(fc.property(validDeployment, ({ config }) => {
            planRecords(config);
        }), fcParams());
    });

    it("gives every SRV target an A or AAAA record set in the plan", () => {
        fc.assert(fc.property(validDeployment, ({ config }) => {
            const sets = recordSets(planRecords(config));
            const addressed = new Set(sets.filter((r) => r.type === "A" || r.type === "AAAA").map((r) => r.name));
            for (const srv of sets.filter((r) => r.type === "SRV")) {
                for (const value of srv.values) {
                    const parsed = parseSrv(value);
                    assert.ok(parsed, `${srv.name}: SRV value ${JSON.stringify(value)} does not parse`);
                    assert.ok(addressed.has(parsed.target), `${srv.name} points to ${parsed.target}, which has no A or AAAA record set in the plan`);
                }
            }
        }), fcParams());
    });

    it("holds each (name, type) once, across all zones", () => {
        fc.assert(fc.property(validDeployment, ({ config }) => {
            const seen = new Map<string, string>();
            for (const r of recordSets(planRecords(config))) {
                const key = `${r.name} ${r.type}`;
                assert.ok(!seen.has(key), `${key} is planned twice: in ${seen.get(key)} and in ${r.zone}`);
                seen.set(key, r.zone);
            }
        }), fcParams());
    });

    it("puts every name inside its zone, the most specific zone of the deployment that holds it", () => {
        fc.assert(fc.property(validDeployment, ({ config, zones }) => {
            const plan = planRecords(config);
            assert.deepEqual(plan.zones.map((z) => z.zone).sort(), plan.zones.map((z) => z.zone), "zones sorted by name");
            for (const r of recordSets(plan)) {
                assert.ok(within(r.name, r.zone), `${r.name} is not inside its zone ${r.zone}`);
                const deeper = zones.filter((z) => z !== r.zone && within(z, r.zone) && within(r.name, z));
                assert.deepEqual(deeper, [], `${r.name} sits in ${r.zone}, but the deployment's zone ${deeper[0]} holds it: resolvers look for it there`);
            }
        }), fcParams());
    });

    it("places every record set in the most specific zone of the deployment that holds its name (a child zone wins over its parent)", () => {
        fc.assert(fc.property(validDeployment, ({ config, zones }) => {
            const plan = planRecords(config);
            const planned = plan.zones.map((z) => z.zone);
            assert.deepEqual(planned.filter((z) => !zones.includes(z)), [], "every zone of the plan is a zone of the deployment");
            for (const r of recordSets(plan)) {
                const expected = deepestZone(r.name, zones);
                assert.equal(r.zone, expected, `${r.name} ${r.type} is planned in ${r.zone}; the deployment's most specific zone holding it is ${String(expected)}`);
            }
        }), fcParams());
    });

    it("writes every name and SRV target as a valid DNS name: lower case, labels of 1-63, at most 253 characters", () => {
        const valid = (name: string): boolean => name.length <= 253 && name.split(".").every((l) => /^_?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
        fc.assert(fc.property(validDeployment, ({ config }) => {
            for (const r of recordSets(planRecords(config))) {
                assert.ok(valid(r.name), `${r.name} (${r.name.length} characters) is not a valid DNS name`);
                for (const value of r.type === "SRV" ? r.values : []) {
                    const target = parseSrv(value)?.target ?? "";
                    assert.ok(valid(target), `${r.name} points to ${target} (${target.length} characters), not a valid DNS name`);
                }
                for (const value of r.type === "SRV" ? [] : r.values) {
                    const canonical = r.type === "A" ? ipaddr.IPv4.parse(value).toString() : ipaddr.IPv6.parse(value).toRFC5952String();
                    assert.equal(value, canonical, `${r.name} ${r.type}: ${value} is not in canonical form`);
                }
            }
        }), fcParams());
    });

    it("publishes _sipfederationtls._tcp.<d> exactly for the domains with federationDiscovery or mobility", () => {
        fc.assert(fc.property(validDeployment, ({ config, domains }) => {
            const prefix = "_sipfederationtls._tcp.";
            const planned = recordSets(planRecords(config)).filter((r) => r.name.startsWith(prefix));
            assert.ok(planned.every((r) => r.type === "SRV" && r.values.length === 1 && parseSrv(r.values[0])?.port === 5061), "one value, port 5061");
            const expected = domains.filter((d) => d.federationDiscovery || d.mobility).map((d) => `${prefix}${d.name}`).sort();
            assert.deepEqual(planned.map((r) => r.name).sort(), expected);
        }), fcParams());
    });

    it("gives the same zones whatever the order of the domains and of every address list", () => {
        const original = validDeployment.chain((g) => shuffledConfig(g.config).map((shuffled) => ({ config: g.config, shuffled })));
        fc.assert(fc.property(original, ({ config, shuffled }) => {
            assert.deepEqual(planRecords(shuffled).zones, planRecords(config).zones);
        }), fcParams());
    });

    it("passes every policy rule on every plan it makes (no mandatory violation, no advisory either)", () => {
        fc.assert(fc.property(validDeployment, ({ config }) => {
            const report = evaluateRules(ruleInputFromPlan(planDeployment(config)));
            assert.deepEqual(report.violations.map((v) => `${v.level} ${v.rule}: ${v.message}`), []);
            assert.deepEqual(report.undecided, []);
        }), fcParams());
    });
});

describe("zone files read back by independent parsers", function () {
    this.timeout(60_000 + FC_RUNS * 1_500); // FC_RUNS=1000 for a deep run stays within it

    /** Lines that hold a record: not empty, not a comment, not a directive. */
    const recordLines = (text: string): string[] => text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith(";") && !l.startsWith("$"));

    it("dns-zonefile reads each zone's master file back as exactly the plan's record sets", () => {
        fc.assert(fc.property(validDeployment, fc.boolean(), ({ config }, soa) => {
            for (const zone of planRecords(config).zones) {
                const text = renderZoneFile(zone, { soa, comment: "property test" });
                const parsed = parseWithDnsZonefile(text);
                assert.equal(parsed.origin, zone.zone);
                const values = zone.records.reduce((n, r) => n + r.values.length, 0);
                assert.equal(parsed.records, values + (soa ? 1 : 0), "every record line read, none more (NS counts, SOA is apart)");
                assert.equal(recordLines(text).length, values + (soa ? 2 : 0), "one line a value");
                const sets = parsed.sets.filter((s) => !(soa && s.name === zone.zone && s.type === "NS"));
                assert.deepEqual(sets, zone.records.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, values: [...r.values].sort() })));
            }
        }), fcParams());
    });

    const bindRuns = Math.max(3, Math.ceil(FC_RUNS / 10));
    it(`BIND's named-checkzone loads each zone and dumps exactly the plan's record sets (${bindRuns} deployments)`, async () => {
        await fc.assert(fc.asyncProperty(validDeployment, async ({ config }) => {
            const check = limiter(4); // named-checkzone processes, a few at a time
            await Promise.all(planRecords(config).zones.map((zone) => check(async () => {
                const sets = await parseWithBind(zone.zone, renderZoneFile(zone, { soa: true }));
                assert.deepEqual(sets, zone.records.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, values: [...r.values].sort() })));
            })));
        }), fcParams(bindRuns));
    });
});

/** An `assert.throws` validator: a ConfigError with exactly one issue, at `path`, saying exactly `message`. */
function refusal(path: string, message: string): (error: unknown) => true {
    return (error) => {
        assert.ok(ConfigError.isInstance(error), `expected a ConfigError, got ${String(error)}`);
        assert.deepEqual(error.issues, [{ path, message }]);
        return true;
    };
}

/** What the properties found, kept as examples (issue 7). */
describe("planner property regressions", () => {
    const edge = { accessEdgeIps: ["131.107.155.10"] };

    it("refuses a domain whose federation SRV name would pass 253 characters, and takes one that just fits", async () => {
        // Found by "writes every name ... at most 253 characters": a 231-character
        // domain is a valid name, but _sipfederationtls._tcp.<d> had 254 and BIND refused the zone.
        const domain = (length: number): string => `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(length - 63 * 3 - 3 - 4)}.com`;
        assert.equal(domain(231).length, 231);
        const tooLong = (): unknown => planRecords({ sipDomains: [domain(231)], edge });
        assert.throws(tooLong, (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.equal(error.issues.length, 1);
            assert.equal(error.issues[0].path, "sipDomains[0]");
            assert.match(error.issues[0].message, /_sipfederationtls\._tcp\.a+… would have 254 characters, and a DNS name has at most 253/);
            return true;
        });
        const fits = planRecords({ sipDomains: [domain(230)], edge });
        const longest = recordSets(fits).reduce((n, r) => Math.max(n, r.name.length), 0);
        assert.equal(longest, 253);
        const zone = fits.zones[0];
        assert.equal((await parseWithBind(zone.zone, renderZoneFile(zone, { soa: true }))).length, zone.records.length);
        // Only the names the domain publishes count: without the SRV records it is short enough.
        assert.doesNotThrow(() => planRecords({ sipDomains: [{ name: domain(231), federationDiscovery: false, externalAccess: false }], edge }));
        assert.throws(() => planRecords({ sipDomains: [{ name: domain(240), federationDiscovery: false, externalAccess: false, xmpp: true }], edge }),
            refusal("sipDomains[0]", `${domain(240)} is too long for the records it publishes: _xmpp-server._tcp.${"a".repeat(22)}… would have 258 characters, and a DNS name has at most 253 (RFC 1035); use a shorter domain name`));
        // A long host label counts as much as the domain.
        assert.throws(() => planRecords({ sipDomains: [domain(200)], edge, hostnames: { accessEdge: `sip.${"p".repeat(60)}` } }),
            refusal("sipDomains[0]", `${domain(200)} is too long for the records it publishes: sip.${"p".repeat(36)}… would have 265 characters, and a DNS name has at most 253 (RFC 1035); use a shorter domain name or a shorter hostnames label`));
    });

    it("refuses a domain put in a parent zone below a zone of its own in the deployment", () => {
        // Found by "puts every name inside ... the most specific zone": records of
        // a.eu.contoso.com went into contoso.com although eu.contoso.com is a zone
        // here, i.e. below its delegation, where resolvers never look.
        const nested = { sipDomains: [{ name: "eu.contoso.com" }, { name: "a.eu.contoso.com", zone: "contoso.com" }], edge };
        assert.throws(() => planRecords(nested), (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.deepEqual(error.issues.map((i) => i.path), ["sipDomains[1].zone"]);
            assert.match(error.issues[0].message, /a\.eu\.contoso\.com lies in the zone eu\.contoso\.com of this deployment, which is inside contoso\.com.*set zone to "eu\.contoso\.com"$/);
            return true;
        });
        const fixed = planRecords({ ...nested, sipDomains: [nested.sipDomains[0], { name: "a.eu.contoso.com", zone: "eu.contoso.com" }] });
        assert.deepEqual(fixed.zones.map((z) => z.zone), ["eu.contoso.com"]);
        // A subdomain in its parent's zone stays fine when no deeper zone exists.
        assert.doesNotThrow(() => planRecords({ sipDomains: ["contoso.com", { name: "a.eu.contoso.com", zone: "contoso.com" }], edge }));
    });

    it("puts a domain's sip., xmpp. and lyncdiscover. hosts in the child zones of those names, at their apex", () => {
        // Found by "places every record set in the most specific zone": with
        // sip.contoso.com a SIP domain and a zone of its own, contoso.com's
        // sip.contoso.com A went into contoso.com, below the delegation.
        const plan = planRecords({
            sipDomains: [{ name: "contoso.com", mobility: true, xmpp: true }, "sip.contoso.com", "xmpp.contoso.com", "lyncdiscover.contoso.com"],
            edge: { ...edge, reverseProxy: { ips: ["131.107.155.40"] } },
        });
        const placed = recordSets(plan)
            .filter((r) => ["sip.contoso.com", "xmpp.contoso.com", "lyncdiscover.contoso.com"].includes(r.name))
            .map((r) => `${r.zone} ${r.name} ${r.type} ${r.values.join(",")}`);
        assert.deepEqual(placed, [
            "lyncdiscover.contoso.com lyncdiscover.contoso.com A 131.107.155.40",
            "sip.contoso.com sip.contoso.com A 131.107.155.10",
            "xmpp.contoso.com xmpp.contoso.com A 131.107.155.10",
        ]);
    });
});
