/** The names the Edge's external certificate must carry, from the catalogue. */
import { onCertificate } from "./catalogue";
import type { TracedRecordSet } from "./model";

/**
 * Subject alternative names for the Edge's external certificate: the names
 * of the record sets whose kind the catalogue marks for it (the Access Edge
 * host of every domain, the XMPP hosts, the Web Conferencing FQDN), sorted,
 * each once.
 */
export function certificateSubjectNames(records: readonly TracedRecordSet[]): string[] {
    const names = new Set<string>();
    for (const r of records) if (r.origin.kinds.some(onCertificate)) names.add(r.name);
    return [...names].sort();
}
