/**
 * The verification report: what `verifyPlan` found for each planned record
 * set. Plain data, ready for JSON output.
 */
import type { RecordType } from "../../components/core/plan/model";

/**
 * What a check found, one word per kind of problem:
 * - `ok`: the record set holds exactly the planned values (and, for SRV,
 *   every target is a same-domain host with addresses, not an alias);
 * - `missing`: the name does not exist (NXDOMAIN) or has no record of this
 *   type (NODATA);
 * - `different`: some planned values are not there (the table shows
 *   expected and found);
 * - `extra`: every planned value is there, and more beside;
 * - `resolver-error`: no answer could be had (timeout, SERVFAIL, REFUSED,
 *   connection refused, ...), which says nothing about the record itself;
 * - `srv-target-cname`: an SRV target is an alias, which RFC 2782 forbids;
 * - `srv-target-outside-domain`: an SRV target is not in the SRV's own SIP
 *   domain (Microsoft's same-domain rule);
 * - `srv-target-no-address`: an SRV target has neither A nor AAAA records;
 * - `ttl-different`: the values are as planned but the TTL is not (see
 *   `VerifyOptions.servers` for how TTLs are compared);
 * - `unchecked`: the overall deadline ran out before the record set (or an
 *   SRV target of it) could be looked up.
 */
export type VerifyStatus =
    | "ok" | "missing" | "different" | "extra" | "ttl-different" | "resolver-error" | "unchecked"
    | "srv-target-cname" | "srv-target-outside-domain" | "srv-target-no-address";

/** Every status, in the order a report lists them: ok first, then the problems. */
export const VERIFY_STATUSES: readonly VerifyStatus[] = [
    "ok", "missing", "different", "extra", "ttl-different", "srv-target-cname", "srv-target-outside-domain", "srv-target-no-address", "resolver-error", "unchecked",
];

/** What an SRV target was found to be; `ok` or one of the target problems. */
export type SrvTargetStatus = Extract<VerifyStatus, "ok" | "resolver-error" | "unchecked" | "srv-target-cname" | "srv-target-outside-domain" | "srv-target-no-address">;

/** One SRV target as followed from a found SRV value. */
export interface SrvTargetCheck {
    /** The target, lower case, without trailing dot (`""` for the root, RFC 2782's "service not available"). */
    target: string;
    /** `ok`, or its most serious problem. */
    status: SrvTargetStatus;
    /** Its A and AAAA values (reached through the alias when it is one), sorted. */
    addresses: string[];
    /** The name it is an alias for, when it is a CNAME. */
    cname?: string;
    /** Every problem found with it, e.g. `is a CNAME to edge.example.net.`; absent when ok. */
    detail?: string;
}

/** The check of one planned record set. */
export interface RecordCheck {
    /** The planned zone that holds the record set. */
    zone: string;
    /** Its name, lower case, without trailing dot. */
    name: string;
    /** A, AAAA or SRV. */
    type: RecordType;
    /** `ok`, or the most serious problem found (see `VerifyStatus`). */
    status: VerifyStatus;
    /** The planned values, normalized (IPv6 per RFC 5952, SRV targets lower case with trailing dot), sorted. */
    expected: string[];
    /** The values the resolver returned, normalized the same way, sorted; empty when missing or on a resolver error. */
    found: string[];
    /** The planned TTL in seconds. */
    expectedTtl: number;
    /** The TTL the answer came with (the lowest, if its records differ); absent when nothing was found or it could not be read. */
    foundTtl?: number;
    /**
     * Every problem found, in words, separated by "; ", e.g. `timeout after 2
     * tries`, `SERVFAIL after 2 tries`, `NXDOMAIN`, `not in DNS: 203.0.113.11`;
     * absent when ok.
     */
    detail?: string;
    /** SRV only: each distinct target of the found values, followed. */
    targets?: SrvTargetCheck[];
    /**
     * When the record set is missing but its name holds a record of the
     * other kind — a CNAME where the plan has A/AAAA/SRV, or A/AAAA where it
     * has a CNAME — that record: DNS refuses the two side by side (RFC 1034
     * §3.6.2), so the planned record cannot be created until it is deleted.
     */
    conflict?: { type: string; values: string[] };
    /**
     * With `wildcards`: the name beside it that a wildcard answered with the
     * very values found. The record set may then not exist of its own.
     */
    wildcard?: { probe: string; values: string[] };
}

/** How `verifyPlan` resolves. */
export interface VerifyOptions {
    /**
     * DNS servers to ask, each `HOST[:PORT]` with an IPv4 address or a host
     * name, `[IPv6]:PORT` or a bare IPv6 address; a host name is resolved
     * once, at the start, to all its addresses. Omitted or empty: the
     * system's resolvers (/etc/resolv.conf).
     *
     * Given servers are taken to be authoritative for the zones, so a TTL
     * other than the planned one is `ttl-different`. The system's resolvers
     * cache, and a cached answer's TTL counts down: there only a TTL higher
     * than planned is reported.
     */
    servers?: string[];
    /**
     * Milliseconds the whole verification may take. When they run out no
     * more queries are sent, those in flight are stopped, and every record
     * set not yet checked is reported `unchecked`. @default 300000
     */
    deadlineMs?: number;
    /** Called each time a record set's check ends, with how many have ended and how many there are. */
    onProgress?: (checked: number, total: number) => void;
    /** Milliseconds to wait for one answer before it counts as a timeout. @default 2000 */
    timeoutMs?: number;
    /** Lookups in flight at once. @default 32 */
    concurrency?: number;
    /** Tries per lookup when the resolver fails (timeout, SERVFAIL, ...); 2 is one retry. NXDOMAIN/NODATA are never retried. @default 2 */
    tries?: number;
    /**
     * Also ask, for each record set found, what a name beside it that no one
     * made gets (`_lync-edge-dns-probe.<parent>`): when a wildcard gives it
     * the very values found (RFC 4592), the record set may be the wildcard's
     * answer and not exist of its own, and `wildcard` says so. One more
     * question per parent name and type; `verify --adopt` asks it, as an
     * import needs the record set itself. @default false
     */
    wildcards?: boolean;
}

/** Counts over the checks. */
export interface VerifySummary {
    /** Record sets checked: one per planned record set. */
    total: number;
    /** Record sets found exactly as planned. */
    ok: number;
    /** Record sets with any other status (`total - ok`). */
    problems: number;
    /** Record sets per status; every status is present, zero when none. */
    byStatus: Record<VerifyStatus, number>;
}

/** What `verifyPlan` returns. */
export interface VerifyReport {
    /** One check per planned record set, in plan order (zone, name, type). */
    checks: RecordCheck[];
    /** Counts over `checks`. */
    summary: VerifySummary;
    /** The servers asked, as node's resolver reports them (`getServers()`). */
    servers: string[];
    /** Wall-clock milliseconds the verification took. */
    elapsedMs: number;
}
