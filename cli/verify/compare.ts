/**
 * Planned and found values side by side: both normalized the same way, then
 * compared as sets, so that order, case, a trailing dot or the spelling of
 * an IPv6 address never count as a difference.
 */
import * as ipaddr from "ipaddr.js";
import { normalizeFoundName } from "../../components/core/dns/names";
import { formatSrv, parseSrv } from "../../components/core/plan/values";

/** The value types verify reads: the planned ones and CNAME (SRV targets). */
export type LookupType = "A" | "AAAA" | "SRV" | "CNAME";

/** A name lower case, without trailing dot, as the plan writes names. */
export function normalizeName(name: string): string {
    return normalizeFoundName(name);
}

/**
 * One value in the plan's form: IPv4 dotted decimal, IPv6 per RFC 5952, SRV
 * `"priority weight port target."` with the target lower case, CNAME as a
 * name. A value that does not parse is kept, trimmed, so that it shows up
 * as a difference instead of disappearing.
 */
export function normalizeValue(type: LookupType, value: string): string {
    const text = value.trim();
    switch (type) {
        case "A": return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text).toString() : text;
        case "AAAA": return ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text).toRFC5952String() : text.toLowerCase();
        case "SRV": {
            const srv = parseSrv(text);
            return srv ? formatSrv(srv) : text;
        }
        case "CNAME": return normalizeName(text);
    }
}

/** Normalized, without duplicates, sorted. */
export function normalizeValues(type: LookupType, values: readonly string[]): string[] {
    return [...new Set(values.map((v) => normalizeValue(type, v)))].sort();
}

/** How a found set of values stands to the planned one. */
export interface ValueComparison {
    /** `ok` equal; `extra` a strict superset; `different` anything else; `missing` nothing found. */
    status: "ok" | "missing" | "different" | "extra";
    /** Planned values not found. */
    notFound: string[];
    /** Found values not planned. */
    notPlanned: string[];
}

/** Compares two normalized value sets. */
export function compareValues(expected: readonly string[], found: readonly string[]): ValueComparison {
    const notFound = expected.filter((v) => !found.includes(v));
    const notPlanned = found.filter((v) => !expected.includes(v));
    const status = found.length === 0 && expected.length > 0 ? "missing"
        : notFound.length > 0 ? "different"
            : notPlanned.length > 0 ? "extra" : "ok";
    return { status, notFound, notPlanned };
}

/** The comparison in words, e.g. `not in DNS: 203.0.113.11; not in the plan: 203.0.113.99`. */
export function describeComparison(comparison: ValueComparison): string {
    const parts: string[] = [];
    if (comparison.notFound.length > 0) parts.push(`not in DNS: ${comparison.notFound.join(", ")}`);
    if (comparison.notPlanned.length > 0) parts.push(`not in the plan: ${comparison.notPlanned.join(", ")}`);
    return parts.join("; ");
}
