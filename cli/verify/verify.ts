/**
 * Live-DNS verification of a plan, the engine of `lync-edge-dns verify`:
 * every planned record set (SRV, A, AAAA) is resolved through node's own
 * resolver, against the system's resolvers or given servers, compared with
 * the plan as a set and by TTL, and each SRV record is followed to its
 * targets; the whole run ends by a deadline.
 *
 * A record set ends in one status (see `VerifyStatus`); when several
 * problems apply, the most serious wins (a definite problem before a
 * resolver error met while following an SRV target) and `detail` lists them
 * all. Resolver errors (timeout, SERVFAIL, REFUSED, NOTAUTH, ...) are never
 * taken for a missing record: only an RCODE of NXDOMAIN, or NOERROR without
 * records, is "missing" (see lookup.ts for how that is made sure of).
 *
 * Truncated answers: a UDP answer with the TC bit set makes c-ares ask again
 * over TCP within the same try; the TCP answer is then checked like any
 * other, and if TCP fails the record set gets `resolver-error` (a closed
 * connection shows as "connection refused or closed", a TCP answer that is
 * itself truncated as a malformed response). A truncated answer is never
 * read as an empty one.
 *
 * No Pulumi module is loaded here: the CLI runs this without an engine.
 */
import type { EdgeDnsPlan, PlannedRecordSet } from "../../components/core/plan/model";
import { compareValues, describeComparison, normalizeName, normalizeValues, type LookupType } from "./compare";
import { describeError, Lookup, type LookupOptions, type LookupResult } from "./lookup";
import { MAX_DEADLINE_MS, VERIFY_DEFAULTS } from "./defaults";
import { resolveServers, VerifyOptionError } from "./servers";
import { followSrvTarget, srvTargets } from "./srv";
import { VERIFY_STATUSES, type RecordCheck, type VerifyOptions, type VerifyReport, type VerifyStatus, type VerifySummary } from "./types";

export { formatReport, formatSummary } from "./format";
export { parseServer, resolveServers, VerifyOptionError, type ServerSpec } from "./servers";
export { VERIFY_STATUSES } from "./types";
export type { RecordCheck, SrvTargetCheck, SrvTargetStatus, VerifyOptions, VerifyReport, VerifyStatus, VerifySummary } from "./types";

export { MAX_DEADLINE_MS, VERIFY_DEFAULTS };

/**
 * Most serious first: which status a record set gets when several problems
 * apply. What DNS definitely holds wrong comes first, a TTL that drifted
 * after wrong values, and last what only says the check is incomplete: a
 * resolver error, then a lookup the deadline cut off. (When the record
 * set's own lookup fails or is cut off, that is its only finding.)
 */
const SEVERITY: readonly VerifyStatus[] = [
    "missing", "srv-target-cname", "srv-target-outside-domain", "srv-target-no-address", "different", "extra", "ttl-different", "resolver-error", "unchecked", "ok",
];

interface Finding {
    status: VerifyStatus;
    detail: string;
}

function positiveInteger(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1 || value > max) {
        throw new VerifyOptionError(`${name} must be a whole number from 1 to ${max}, not ${JSON.stringify(value)}`);
    }
    return value;
}

/** How the run goes: the lookups' options, the deadline and how TTLs are compared. */
interface RunOptions {
    lookup: LookupOptions;
    deadlineMs: number;
    /** `exact` against given (authoritative) servers; `not-higher` against the system's caching resolvers. */
    ttlRule: "exact" | "not-higher";
    /** Ask whether a wildcard gives the values found (`VerifyOptions.wildcards`). */
    wildcards: boolean;
}

/** The options filled in with defaults, checked, host names resolved; throws `VerifyOptionError`. */
async function resolveOptions(options: VerifyOptions): Promise<RunOptions> {
    const lookup = {
        timeoutMs: positiveInteger("timeoutMs", options.timeoutMs, VERIFY_DEFAULTS.timeoutMs),
        concurrency: positiveInteger("concurrency", options.concurrency, VERIFY_DEFAULTS.concurrency),
        tries: positiveInteger("tries", options.tries, VERIFY_DEFAULTS.tries),
    };
    const deadlineMs = positiveInteger("deadlineMs", options.deadlineMs, VERIFY_DEFAULTS.deadlineMs, MAX_DEADLINE_MS);
    const servers = await resolveServers(options.servers ?? []);
    return { lookup: { ...lookup, servers }, deadlineMs, ttlRule: servers.length > 0 ? "exact" : "not-higher", wildcards: options.wildcards === true };
}

/** `300 s`, or `1500 ms` when not whole seconds. */
function duration(ms: number): string {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The check made of its findings: the most serious one gives the status. */
function settle(base: Omit<RecordCheck, "status" | "detail">, findings: Finding[]): RecordCheck {
    const sorted = [...findings].sort((x, y) => SEVERITY.indexOf(x.status) - SEVERITY.indexOf(y.status));
    if (sorted.length === 0) return { ...base, status: "ok" };
    return { ...base, status: sorted[0].status, detail: sorted.map((f) => f.detail).join("; ") };
}

/** The TTL finding of a found answer, if any. */
function ttlFinding(result: Extract<LookupResult, { outcome: "found" }>, planned: number, rule: RunOptions["ttlRule"]): Finding | undefined {
    if (result.ttlError) return { status: "resolver-error", detail: `TTL not read: ${result.ttlError}` };
    if (result.ttl === undefined) return undefined;
    const drifted = rule === "exact" ? result.ttl !== planned : result.ttl > planned;
    return drifted ? { status: "ttl-different", detail: `TTL ${result.ttl}, planned ${planned}` } : undefined;
}

/**
 * The record of the other kind at a name that lacks the planned type: a
 * CNAME where the plan has data, or addresses where it has a CNAME.
 */
async function otherKind(lookup: Lookup, name: string, type: string): Promise<RecordCheck["conflict"]> {
    const types: LookupType[] = type === "CNAME" ? ["A", "AAAA"] : ["CNAME"];
    for (const other of types) {
        if (other === "CNAME") {
            const alias = await ownAlias(lookup, name);
            if (alias.length > 0) return { type: other, values: alias };
            continue;
        }
        const result = await lookup.query(name, other);
        if (result.outcome === "found" && result.values.length > 0) return { type: other, values: result.values };
    }
    return undefined;
}

/** A label no one gives a host: a name beside the checked one that exists only if a wildcard makes it. */
const WILDCARD_PROBE = "_lync-edge-dns-probe";

/** The name beside `name` that only a wildcard (RFC 4592) answers: the probe label under its parent. */
function nameBeside(name: string): string | undefined {
    const dot = name.indexOf(".");
    return dot === -1 ? undefined : `${WILDCARD_PROBE}.${name.slice(dot + 1)}`;
}

/**
 * What a wildcard (RFC 4592) answers beside `name`, when it is exactly what
 * was found at `name`: the found record set may then be the wildcard's.
 */
async function wildcardAnswer(lookup: Lookup, name: string, type: LookupType, found: readonly string[]): Promise<RecordCheck["wildcard"]> {
    const probe = nameBeside(name);
    if (probe === undefined) return undefined;
    const result = await lookup.query(probe, type);
    if (result.outcome !== "found" || result.values.join("\n") !== found.join("\n")) return undefined;
    return { probe, values: result.values };
}

/**
 * The CNAME `name` holds of its own: none when a wildcard (RFC 4592) gives
 * a name beside it the same CNAME, as the name then exists only as the
 * wildcard's answer, and a record set created there takes its place.
 */
async function ownAlias(lookup: Lookup, name: string): Promise<string[]> {
    const alias = await lookup.aliasAt(name);
    const probe = nameBeside(name);
    if (alias.length === 0 || probe === undefined) return alias;
    const beside = await lookup.aliasAt(probe);
    return beside.join("\n") === alias.join("\n") ? [] : alias;
}

/** Checks one planned record set, following SRV targets. */
async function checkRecordSet(lookup: Lookup, run: RunOptions, zone: string, record: PlannedRecordSet): Promise<RecordCheck> {
    const name = normalizeName(record.name);
    const expected = normalizeValues(record.type, record.values);
    const base = { zone: normalizeName(zone), name, type: record.type, expected, found: [] as string[], expectedTtl: record.ttl };
    const result = await lookup.query(name, record.type);
    if (result.outcome === "unchecked") return settle(base, [{ status: "unchecked", detail: `not checked: the deadline of ${duration(run.deadlineMs)} ran out first` }]);
    if (result.outcome === "error") return settle(base, [{ status: "resolver-error", detail: describeError(result) }]);
    if (result.outcome === "missing") {
        const conflict = result.reason === "NXDOMAIN" ? undefined : await otherKind(lookup, name, record.type);
        if (conflict) {
            return settle({ ...base, conflict }, [{
                status: "different",
                detail: `the name holds ${conflict.type} ${conflict.values.join(", ")} instead: DNS refuses a CNAME beside other data (RFC 1034 §3.6.2), so the planned ${record.type} cannot be created until that record is deleted`,
            }]);
        }
        const detail = result.reason === "NXDOMAIN" ? "NXDOMAIN (the name does not exist)" : `NODATA (the name exists without ${record.type === "CNAME" ? "a" : "an"} ${record.type} record)`;
        return settle(base, [{ status: "missing", detail }]);
    }
    const found = result.values;
    const withFound: Omit<RecordCheck, "status" | "detail"> = { ...base, found, ...(result.ttl !== undefined ? { foundTtl: result.ttl } : {}) };
    if (record.type === "A" || record.type === "AAAA") {
        // Addresses found may be a CNAME's target's: the name itself then holds no address record to adopt or keep.
        const alias = await ownAlias(lookup, name);
        if (alias.length > 0) {
            return settle({ ...withFound, conflict: { type: "CNAME", values: alias } }, [{
                status: "different",
                detail: `the name holds CNAME ${alias.join(", ")} (whose target has ${found.join(", ")}), not ${record.type === "A" ? "an A" : "an AAAA"} record: DNS refuses a CNAME beside other data (RFC 1034 §3.6.2), so the planned ${record.type} cannot be created until the CNAME is deleted`,
            }]);
        }
    }
    const wildcard = run.wildcards ? await wildcardAnswer(lookup, name, record.type, found) : undefined;
    if (wildcard) withFound.wildcard = wildcard;
    const comparison = compareValues(expected, found);
    const findings: Finding[] = comparison.status === "ok" ? [] : [{ status: comparison.status, detail: describeComparison(comparison) }];
    const ttl = ttlFinding(result, record.ttl, run.ttlRule);
    if (ttl) findings.push(ttl);
    if (record.type !== "SRV") return settle(withFound, findings);
    const targets = await Promise.all(srvTargets(found).map((target) => followSrvTarget(lookup, name, target)));
    for (const target of targets) {
        if (target.status !== "ok") findings.push({ status: target.status, detail: target.detail ?? target.status });
    }
    return settle({ ...withFound, targets }, findings);
}

/** Counts per status; every status present. */
export function summarize(checks: readonly RecordCheck[]): VerifySummary {
    const byStatus = Object.fromEntries(VERIFY_STATUSES.map((s) => [s, 0])) as Record<VerifyStatus, number>;
    for (const check of checks) byStatus[check.status]++;
    return { total: checks.length, ok: byStatus.ok, problems: checks.length - byStatus.ok, byStatus };
}

/**
 * Resolves every record set of `plan` and reports, per record set, whether
 * DNS holds what the plan says, values and TTL. Lookups run in parallel, at
 * most `concurrency` at once, each with `timeoutMs` and `tries` tries on
 * resolver errors; the whole run ends by `deadlineMs`, what was not checked
 * by then reported `unchecked`. Never throws for what DNS answers; throws
 * `VerifyOptionError` for bad options (e.g. a server that is neither an IP
 * address nor a host name that resolves).
 *
 * @example
 * const report = await verifyPlan(planRecords(config), { servers: ["ns1.example.net"] });
 * console.log(formatReport(report));
 * process.exitCode = report.summary.problems > 0 ? 1 : 0;
 */
export async function verifyPlan(plan: EdgeDnsPlan, options: VerifyOptions = {}): Promise<VerifyReport> {
    const started = performance.now();
    const run = await resolveOptions(options);
    const lookup = new Lookup(run.lookup);
    const deadline = setTimeout(() => lookup.expire(), run.deadlineMs);
    const records = plan.zones.flatMap((z) => z.records.map((record) => ({ zone: z.zone, record })));
    let checked = 0;
    options.onProgress?.(0, records.length);
    try {
        const checks = await Promise.all(records.map(async ({ zone, record }) => {
            const result = await checkRecordSet(lookup, run, zone, record);
            options.onProgress?.(++checked, records.length);
            return result;
        }));
        return { checks, summary: summarize(checks), servers: lookup.servers(), elapsedMs: Math.round(performance.now() - started) };
    } finally {
        clearTimeout(deadline);
        lookup.cancel();
    }
}
