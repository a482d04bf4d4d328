/**
 * The plan: provider-neutral record sets, the one thing the component, the
 * CLI and the policy rules all read.
 *
 * Invariants: names absolute, lower case, ASCII, without trailing dot; one
 * record set per (name, type); values in zone-file presentation form (SRV
 * `"0 0 5061 sip.contoso.com."`, canonical IPv4, RFC 5952 IPv6) and sorted;
 * zones sorted by name, records by name then type.
 */

import type { KindId, RecordRole } from "./catalogue";

/** The record types the Edge deployment publishes. */
export const RecordType = {
    /** IPv4 address record. */
    A: "A",
    /** IPv6 address record. */
    AAAA: "AAAA",
    /** Service locator record (RFC 2782). */
    SRV: "SRV",
    /** Alias (RFC 1034 §3.6.2): the name holds nothing else. */
    CNAME: "CNAME",
} as const;
/** The record types the Edge deployment publishes. */
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

/** One record set: every value of one name and type. */
export interface PlannedRecordSet {
    /** Absolute name, lower case, without trailing dot, e.g. `_sip._tls.contoso.com`. */
    name: string;
    /** A, AAAA or SRV. */
    type: RecordType;
    /** TTL in seconds. */
    ttl: number;
    /** Values in zone-file presentation form, sorted. */
    values: string[];
}

/** The record sets that go into one DNS zone. */
export interface PlannedZone {
    /** The zone's name, e.g. `contoso.com`. */
    zone: string;
    /** Its record sets, sorted by name then type. */
    records: PlannedRecordSet[];
}

/** What `planRecords` returns. */
export interface EdgeDnsPlan {
    /** One entry per zone, sorted by zone name. */
    zones: PlannedZone[];
    /** Things worth a second look that do not stop the deployment. */
    warnings: string[];
}

// Why a record set exists: the catalogue defines the roles with the kinds.
export { RecordRole } from "./catalogue";

/** Where a record set came from and what it is for, beside the plan. */
export interface RecordOrigin {
    zone: string;
    name: string;
    type: RecordType;
    /** The chains it serves. */
    roles: RecordRole[];
    /** The config paths that asked for it, e.g. `sipDomains[0]`, `edge.accessEdgeIps`. */
    sources: string[];
}

/**
 * A planned record set as the core keeps it: the record, its zone, and its
 * origin (roles, config paths and catalogue kinds) carried with it, so that
 * no reader has to join record sets back to their origins by name. The
 * public plan (`EdgeDnsPlan`) strips all but the record.
 */
export interface TracedRecordSet extends PlannedRecordSet {
    zone: string;
    origin: RecordOrigin & {
        /** The catalogue kinds that asked for it (`components/core/plan/catalogue.ts`). */
        kinds: KindId[];
    };
}
