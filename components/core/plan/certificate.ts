/** The names the Edge's external certificate must carry, from the catalogue. */
import type { Deployment } from "../config/validate";
import { onCertificate } from "./catalogue";
import type { TracedRecordSet } from "./model";

/** What the certificate names are made from: a plan's record sets and its checked deployment (a `PlanResult`). */
export interface CertificateSource {
    records: readonly TracedRecordSet[];
    deployment: Pick<Deployment, "domains" | "labels">;
}

/**
 * Subject alternative names for the Edge's external certificate, sorted,
 * each once: the names of the record sets whose kind the catalogue marks
 * for it (the XMPP hosts, the Web Conferencing FQDN, every Access Edge host
 * a record names), and the Access Edge host (`sip.<domain>`, or its
 * configured label) of every SIP domain served on premises, hybrid ones
 * included, whether or not a record of the plan names it: Microsoft's
 * certificate table asks for `sip.<sipdomain>` for each supported SIP
 * domain. A domain hosted online is served by Microsoft 365, not by this
 * Edge.
 *
 * Given only record sets (the first form of this function), a domain
 * whose Access Edge host no record names is missed; give the PlanResult.
 */
export function certificateSubjectNames(planned: CertificateSource): string[];
/** @deprecated Misses an on-premises domain's Access Edge host when no record set names it: give the PlanResult instead. */
export function certificateSubjectNames(records: readonly TracedRecordSet[]): string[];
export function certificateSubjectNames(from: CertificateSource | readonly TracedRecordSet[]): string[] {
    const names = new Set<string>();
    const records = "records" in from ? from.records : from;
    for (const r of records) if (r.origin.kinds.some(onCertificate)) names.add(r.name);
    if ("deployment" in from) {
        const { domains, labels } = from.deployment;
        for (const d of domains) if (d.hosting !== "online") names.add(`${labels.accessEdge}.${d.name}`);
    }
    return [...names].sort();
}
