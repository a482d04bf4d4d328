/**
 * A name that changes type when a domain moves between on premises and
 * Microsoft 365: `sip.<d>` and `lyncdiscover.<d>` are A records on premises
 * and CNAMEs to Microsoft 365 with legacy client records. DNS refuses a
 * CNAME beside other data (RFC 1034 §3.6.2), and Pulumi creates new
 * resources before it deletes removed ones, so the naive change would fail
 * half-way. Each such record's resource names the other type's resource as
 * an alias: Pulumi then sees one resource whose type changed, which it
 * replaces, and `deleteBeforeReplace` makes it delete the old record first.
 */
import { CNAME_KINDS } from "./catalogue";
import { RecordType, type TracedRecordSet } from "./model";

/** Kinds that hold a name an online CNAME kind may take over. */
const SWAPPABLE_ADDRESS_KINDS: ReadonlySet<string> = new Set(CNAME_KINDS.map((k) => k.replaces));

/** The record type this record set's resource may have held before (and so aliases), if any. */
export function swapsWith(record: TracedRecordSet): RecordType | undefined {
    if (record.type === RecordType.CNAME) return RecordType.A;
    if (record.type === RecordType.A && record.origin.kinds.some((k) => SWAPPABLE_ADDRESS_KINDS.has(k))) return RecordType.CNAME;
    return undefined;
}
