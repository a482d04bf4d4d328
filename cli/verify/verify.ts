/**
 * Live-DNS verification of a plan, the engine of `lync-edge-dns verify`:
 * every planned record set (SRV, A, AAAA) is resolved through node's own
 * resolver, against the system's resolvers or given servers, compared with
 * the plan as a set, and each SRV record is followed to its targets.
 *
 * A record set ends in one status (see `VerifyStatus`); when several
 * problems apply, the most serious wins (a definite problem before a
 * resolver error met while following an SRV target) and `detail` lists them
 * all. Resolver
 * errors (timeout, SERVFAIL, REFUSED, ...) are never taken for a missing
 * record: only NXDOMAIN and NODATA are "missing".
 *
 * Truncated answers: a UDP answer with the TC bit set makes c-ares ask again
 * over TCP within the same try; the TCP answer is then checked like any
 * other, and if TCP fails the record set gets `resolver-error` (a closed
 * connection shows as "connection refused or closed"). A truncated answer is
 * never read as an empty one.
 *
 * No Pulumi module is loaded here: the CLI runs this without an engine.
 */
import type { EdgeDnsPlan, PlannedRecordSet } from "../../components/core/plan/model";
import { compareValues, describeComparison, normalizeName, normalizeValues } from "./compare";
import { describeError, Lookup, type LookupOptions } from "./lookup";
import { parseServer, VerifyOptionError } from "./servers";
import { followSrvTarget, srvTargets } from "./srv";
import { VERIFY_STATUSES, type RecordCheck, type VerifyOptions, type VerifyReport, type VerifyStatus, type VerifySummary } from "./types";

export { formatReport, formatSummary } from "./format";
export { parseServer, VerifyOptionError } from "./servers";
export { VERIFY_STATUSES } from "./types";
export type { RecordCheck, SrvTargetCheck, SrvTargetStatus, VerifyOptions, VerifyReport, VerifyStatus, VerifySummary } from "./types";

/** The defaults of `VerifyOptions`. */
export const VERIFY_DEFAULTS = { timeoutMs: 2000, concurrency: 32, tries: 2 } as const;

/**
 * Most serious first: which status a record set gets when several problems
 * apply. What DNS definitely holds wrong comes before a resolver error met
 * while following an SRV target, which only says the check is incomplete.
 * (When the record set's own lookup fails, that error is its only finding.)
 */
const SEVERITY: readonly VerifyStatus[] = [
    "missing", "srv-target-cname", "srv-target-outside-domain", "srv-target-no-address", "different", "extra", "resolver-error", "ok",
];

interface Finding {
    status: VerifyStatus;
    detail: string;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1) throw new VerifyOptionError(`${name} must be a whole number of at least 1, not ${JSON.stringify(value)}`);
    return value;
}

/** The options filled in with defaults and checked; throws `VerifyOptionError`. */
function resolveOptions(options: VerifyOptions): LookupOptions {
    return {
        servers: (options.servers ?? []).map(parseServer),
        timeoutMs: positiveInteger("timeoutMs", options.timeoutMs, VERIFY_DEFAULTS.timeoutMs),
        concurrency: positiveInteger("concurrency", options.concurrency, VERIFY_DEFAULTS.concurrency),
        tries: positiveInteger("tries", options.tries, VERIFY_DEFAULTS.tries),
    };
}

/** The check made of its findings: the most serious one gives the status. */
function settle(base: Omit<RecordCheck, "status" | "detail">, findings: Finding[]): RecordCheck {
    const sorted = [...findings].sort((x, y) => SEVERITY.indexOf(x.status) - SEVERITY.indexOf(y.status));
    if (sorted.length === 0) return { ...base, status: "ok" };
    return { ...base, status: sorted[0].status, detail: sorted.map((f) => f.detail).join("; ") };
}

/** Checks one planned record set, following SRV targets. */
async function checkRecordSet(lookup: Lookup, zone: string, record: PlannedRecordSet): Promise<RecordCheck> {
    const name = normalizeName(record.name);
    const expected = normalizeValues(record.type, record.values);
    const base = { zone: normalizeName(zone), name, type: record.type, expected };
    const result = await lookup.query(name, record.type);
    if (result.outcome === "error") return settle({ ...base, found: [] }, [{ status: "resolver-error", detail: describeError(result) }]);
    if (result.outcome === "missing") {
        const detail = result.reason === "NXDOMAIN" ? "NXDOMAIN (the name does not exist)" : `NODATA (the name exists without a ${record.type} record)`;
        return settle({ ...base, found: [] }, [{ status: "missing", detail }]);
    }
    const found = result.values;
    const comparison = compareValues(expected, found);
    const findings: Finding[] = comparison.status === "ok" ? [] : [{ status: comparison.status, detail: describeComparison(comparison) }];
    if (record.type !== "SRV") return settle({ ...base, found }, findings);
    const targets = await Promise.all(srvTargets(found).map((target) => followSrvTarget(lookup, name, target)));
    for (const target of targets) {
        if (target.status !== "ok") findings.push({ status: target.status, detail: target.detail ?? target.status });
    }
    return settle({ ...base, found, targets }, findings);
}

/** Counts per status; every status present. */
export function summarize(checks: readonly RecordCheck[]): VerifySummary {
    const byStatus = Object.fromEntries(VERIFY_STATUSES.map((s) => [s, 0])) as Record<VerifyStatus, number>;
    for (const check of checks) byStatus[check.status]++;
    return { total: checks.length, ok: byStatus.ok, problems: checks.length - byStatus.ok, byStatus };
}

/**
 * Resolves every record set of `plan` and reports, per record set, whether
 * DNS holds what the plan says. Lookups run in parallel, at most
 * `concurrency` at once, each with `timeoutMs` and `tries` tries on resolver
 * errors. Never throws for what DNS answers; throws `VerifyOptionError` for
 * bad options (e.g. a server that is not an IP address).
 *
 * @example
 * const report = await verifyPlan(planRecords(config), { servers: ["127.0.0.1:5353"] });
 * console.log(formatReport(report));
 * process.exitCode = report.summary.problems > 0 ? 1 : 0;
 */
export async function verifyPlan(plan: EdgeDnsPlan, options: VerifyOptions = {}): Promise<VerifyReport> {
    const started = performance.now();
    const lookup = new Lookup(resolveOptions(options));
    try {
        const checks = await Promise.all(plan.zones.flatMap((z) => z.records.map((record) => checkRecordSet(lookup, z.zone, record))));
        return { checks, summary: summarize(checks), servers: lookup.servers(), elapsedMs: Math.round(performance.now() - started) };
    } finally {
        lookup.cancel();
    }
}
