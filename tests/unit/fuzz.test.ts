/**
 * Fuzzing the validator and the zone-file writer: GIVEN any value at all, or
 * a valid config with zone-file metacharacters, line breaks, look-alike
 * Unicode and odd JavaScript values put in its fields (names, zones, hosts,
 * labels, addresses, TTL, SRV fields, flags), WHEN it is planned, THEN
 * `planRecords` returns a plan or throws `ConfigError`, nothing else, and
 * quickly; and whatever plan comes out renders to master files in which no
 * newline, `;`, `$`, `(`, `)`, quote, backslash or space reaches a name or a
 * value: every line is a directive, the one comment, or a record line of
 * exactly the expected tokens.
 *
 * Seeded (`FC_SEED`), `FC_RUNS` cases per property (default 100).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ConfigError, planRecords, type EdgeDnsConfig, type EdgeDnsPlan } from "../../components";
import { renderZoneFile } from "../../components/core/zonefile";
import {
    FC_RUNS, fcParams, hostileName, metaString, oddValue, spoiledConfig, tainted, validDeployment, ZONE_INJECTIONS,
} from "../helpers/arbitraries";

/** A plan call that must not take longer than this; a hang or a blow-up shows as a failure, not a stuck run. */
const CALL_BUDGET_MS = 2_000;

/** What `planRecords` did with an input: a plan, or the ConfigError it threw. Anything else fails the test. */
function planOrConfigError(input: unknown): { plan?: EdgeDnsPlan; error?: ConfigError } {
    const started = performance.now();
    let outcome: { plan?: EdgeDnsPlan; error?: ConfigError };
    try {
        outcome = { plan: planRecords(input as EdgeDnsConfig) };
    } catch (error) {
        if (!ConfigError.isInstance(error)) {
            throw new Error(`planRecords threw ${(error as Error)?.name ?? typeof error} instead of ConfigError: ${(error as Error)?.message ?? String(error)}`, { cause: error });
        }
        assert.ok(error.issues.length > 0, "a ConfigError names at least one problem");
        for (const issue of error.issues) {
            assert.equal(typeof issue.path, "string");
            assert.equal(typeof issue.message, "string");
            assert.ok(issue.message.length > 0);
        }
        outcome = { error };
    }
    const elapsed = performance.now() - started;
    assert.ok(elapsed < CALL_BUDGET_MS, `planRecords took ${Math.round(elapsed)} ms`);
    return outcome;
}

/** Characters that must never reach a name or a value in a master file. */
const FORBIDDEN = /[\n\r;$()"'\\ \t]/;
/** A name as the writer must put it: absolute, lower-case LDH labels (an underscore leads the SRV service labels). */
const NAME_TOKEN = /^(?:_?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+$/;
const VALUE_TOKENS: Record<string, RegExp[]> = {
    A: [/^(?:\d{1,3}\.){3}\d{1,3}$/],
    AAAA: [/^[0-9a-f:]+$/],
    SRV: [/^\d{1,5}$/, /^\d{1,5}$/, /^\d{1,5}$/, NAME_TOKEN],
};

/**
 * Checks a rendered master file line by line: the optional comment first,
 * then `$ORIGIN` and `$TTL` with clean arguments, then one record line a
 * value, each of exactly `name ttl IN type rdata...` with every token free of
 * zone-file metacharacters. Returns the number of record lines.
 */
function assertCleanZoneFile(text: string, zone: string, comment: boolean): number {
    assert.ok(text.endsWith("\n"), "ends with a newline");
    const lines = text.slice(0, -1).split("\n");
    let i = 0;
    if (comment) {
        assert.match(lines[i], /^; /, "the comment comes first");
        i++;
    }
    assert.equal(lines[i++], `$ORIGIN ${zone}.`);
    assert.match(lines[i++], /^\$TTL \d+$/);
    let records = 0;
    for (; i < lines.length; i++) {
        const line = lines[i];
        assert.match(line, /^[\x21-\x7e][\x20-\x7e]*$/, `record line ${i + 1} holds only printable ASCII and starts with its name: ${JSON.stringify(line)}`);
        const tokens = line.split(/ +/);
        const [name, ttl, klass, type, ...rdata] = tokens;
        for (const token of tokens) assert.doesNotMatch(token, FORBIDDEN, `line ${i + 1}: token ${JSON.stringify(token)}`);
        assert.match(name, NAME_TOKEN, `line ${i + 1}: owner name ${JSON.stringify(name)}`);
        assert.ok(name === `${zone}.` || name.endsWith(`.${zone}.`), `line ${i + 1}: ${name} is outside ${zone}`);
        assert.match(ttl, /^\d{1,10}$/);
        assert.equal(klass, "IN");
        const expected = VALUE_TOKENS[type];
        assert.ok(expected, `line ${i + 1}: record type ${JSON.stringify(type)}`);
        assert.equal(rdata.length, expected.length, `line ${i + 1}: ${type} has ${expected.length} data tokens: ${JSON.stringify(line)}`);
        rdata.forEach((token, t) => assert.match(token, expected[t], `line ${i + 1}: ${type} data ${JSON.stringify(token)}`));
        records++;
    }
    return records;
}

/** Renders every zone of a plan and checks it; the number of record lines equals the number of planned values. */
function assertCleanZoneFiles(plan: EdgeDnsPlan, comment?: string): void {
    for (const zone of plan.zones) {
        const text = renderZoneFile(zone, comment === undefined ? {} : { comment });
        const values = zone.records.reduce((n, r) => n + r.values.length, 0);
        // An empty comment writes no comment line.
        assert.equal(assertCleanZoneFile(text, zone.zone, comment !== undefined && comment !== ""), values, "one record line per planned value");
    }
}

describe("fuzzing the validator: a plan or a ConfigError, never anything else", function () {
    this.timeout(60_000 + FC_RUNS * 1_500); // FC_RUNS=1000 for a deep run stays within it

    it("any JavaScript value at all, as the whole config", () => {
        fc.assert(fc.property(oddValue, (input) => { planOrConfigError(input); }), fcParams(FC_RUNS, [[10n], [Symbol("x")], [null], [undefined], [[]], [Object.create(null)]]));
    });

    it("any JSON document, as a config file would give it", () => {
        fc.assert(fc.property(fc.json({ maxDepth: 4 }), (json) => { planOrConfigError(JSON.parse(json)); }), fcParams());
    });

    it(`a valid config with one to three fields spoiled by metacharacters or odd values (${FC_RUNS * 5} cases)`, () => {
        let plans = 0;
        fc.assert(fc.property(spoiledConfig, ({ config }) => {
            const { plan } = planOrConfigError(config);
            if (plan) {
                plans++;
                assertCleanZoneFiles(plan);
            }
        }), fcParams(FC_RUNS * 5));
        // Some spoiled values are fine (a boolean in a flag, a number in range):
        // the zone-file check above must have had plans to look at.
        assert.ok(plans > 0, "no spoiled config was accepted: the zone-file check saw nothing");
    });

    it("names spelled with Unicode look-alikes, soft hyphens, case and a trailing dot are normalized or refused, and never written raw", () => {
        const lookalike = fc.constantFrom("contoso.com", "eu.contoso.com", "fabrikam.com").chain((name) => fc.oneof(
            fc.constant(name.replace(/\./g, "\uff0e")), // fullwidth full stop: IDNA maps it to "."
            fc.constant(name.replace(/\./g, "\u3002")), // ideographic full stop: the same
            fc.constant(name.replace("o", "o\u00ad")), // soft hyphen: IDNA drops it
            fc.constant(name.toUpperCase()),
            fc.constant(`${name}.`),
            tainted(name),
        ));
        let plans = 0;
        fc.assert(fc.property(fc.array(lookalike, { minLength: 1, maxLength: 4 }), fc.option(lookalike, { nil: undefined }), (names, host) => {
            const config = {
                sipDomains: names,
                edge: { accessEdgeIps: ["131.107.155.10"], ...(host ? { reverseProxy: { ips: ["131.107.155.40"], hosts: [`meet.${host}`] } } : {}) },
            };
            const { plan } = planOrConfigError(config);
            if (plan) {
                plans++;
                assertCleanZoneFiles(plan);
            }
        }), fcParams());
        assert.ok(plans > 0, "no look-alike was accepted: the zone-file check saw nothing");
    });

    it("known zone-file payloads in every name field are refused with the field's path", () => {
        const fields: [string, (value: string) => EdgeDnsConfig][] = [
            ["sipDomains[0]", (v) => ({ sipDomains: [v], edge: { accessEdgeIps: ["131.107.155.10"] } })],
            ["sipDomains[0].zone", (v) => ({ sipDomains: [{ name: "contoso.com", zone: v }], edge: { accessEdgeIps: ["131.107.155.10"] } })],
            ["edge.webConferencing.fqdn", (v) => ({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"], webConferencing: { fqdn: v, ips: ["131.107.155.20"] } } })],
            ["edge.reverseProxy.hosts[0]", (v) => ({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"], hosts: [v] } } })],
            ["hostnames.accessEdge", (v) => ({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] }, hostnames: { accessEdge: v } })],
            ["edge.accessEdgeIps[0]", (v) => ({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: [v] } })],
        ];
        for (const payload of ZONE_INJECTIONS) {
            for (const [path, make] of fields) {
                const { plan, error } = planOrConfigError(make(payload));
                // A payload that normalizes to a clean name (the fullwidth dot) may pass; it must then be written clean.
                if (plan) assertCleanZoneFiles(plan);
                else assert.ok(error?.issues.some((i) => i.path === path), `${JSON.stringify(payload)} at ${path}: ${error?.message}`);
            }
        }
    });

    it("big inputs finish within the budget: a megabyte name, 20,000 addresses, 5,000 domains", () => {
        const base = { edge: { accessEdgeIps: ["131.107.155.10"] } };
        planOrConfigError({ ...base, sipDomains: [`${"a".repeat(1_000_000)}.com`] });
        planOrConfigError({ ...base, sipDomains: [`${"a.".repeat(500_000)}com`] });
        planOrConfigError({ ...base, sipDomains: [`${"\u00e9".repeat(100_000)}.com`] });
        planOrConfigError({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: Array.from({ length: 20_000 }, (_, i) => `131.107.${i >> 8 & 255}.${i & 255}`) } });
        const { plan } = planOrConfigError({ ...base, sipDomains: Array.from({ length: 5_000 }, (_, i) => ({ name: `d${i}.contoso.com`, zone: "contoso.com", xmpp: i % 2 === 0 })) });
        assert.ok(plan, "5,000 subdomains in one zone are a valid deployment");
        planOrConfigError({ ...base, sipDomains: ["contoso.com"], [`${"x".repeat(100_000)}`]: 1 });
    });

    it("leaves Object.prototype alone, whatever keys a config carries", () => {
        const polluting = fc.constantFrom("__proto__", "constructor", "prototype").chain((key) => fc.tuple(fc.constant(key), oddValue));
        fc.assert(fc.property(spoiledConfig, polluting, ({ config }, [key, value]) => {
            const json = JSON.parse(JSON.stringify(config, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)) ?? "null") as Record<string, unknown> | null;
            // JSON.parse makes "__proto__" an own key, as a config file reader would.
            const rest = json && typeof json === "object" && !Array.isArray(json) && Object.keys(json).length > 0 ? `, ${JSON.stringify(json).slice(1)}` : "}";
            const withKey = JSON.parse(`{${JSON.stringify(key)}: {"polluted": true}${rest}`) as unknown;
            planOrConfigError(withKey);
            planOrConfigError({ ...(json ?? {}), sipDomains: [{ name: "contoso.com", [key]: value }] });
            assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype was polluted");
        }), fcParams());
    });
});

/** What the fuzzer found, kept as examples (issue 7). */
describe("fuzzing regressions", () => {
    it("a BigInt anywhere is a ConfigError naming it, not a TypeError from JSON.stringify", () => {
        // Found by "any JavaScript value at all": the error messages quote what
        // was given with JSON.stringify, which throws on a BigInt.
        const base = { sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] } };
        const cases: [unknown, string, RegExp][] = [
            [{ ...base, ttl: 3600n }, "ttl", /got 3600n$/],
            [{ ...base, srv: { priority: 0n } }, "srv.priority", /got 0n$/],
            [{ ...base, sipDomains: [10n] }, "sipDomains[0]", /got 10n$/],
            [10n, "(root)", /got 10n$/],
        ];
        for (const [input, path, message] of cases) {
            const { error } = planOrConfigError(input);
            assert.ok(error, `${path}: a ConfigError`);
            assert.equal(error.issues[0].path, path);
            assert.match(error.issues[0].message, message);
        }
    });
});

describe("fuzzing the zone-file writer", function () {
    this.timeout(60_000 + FC_RUNS * 1_500); // FC_RUNS=1000 for a deep run stays within it

    it("writes every plan of a generated valid deployment as clean record lines", () => {
        fc.assert(fc.property(validDeployment, ({ config }) => { assertCleanZoneFiles(planRecords(config)); }), fcParams());
    });

    it("keeps a caller's comment on its one comment line, whatever it holds", () => {
        const comment = fc.oneof(metaString, hostileName, fc.string({ unit: "binary", maxLength: 40 }));
        const plan = planRecords({ sipDomains: [{ name: "contoso.com", mobility: true, xmpp: true }], edge: { accessEdgeIps: ["131.107.155.10", "2a00:1450::10"] } });
        fc.assert(fc.property(comment, (text) => { assertCleanZoneFiles(plan, text); }), fcParams());
    });
});
