/**
 * Azure DNS record sets (`azure-native:dns:RecordSet`) as the stack reader
 * sees them. A record set's name is always relative to its zone, `@` being
 * the apex: `relativeRecordSetName: "_sip._tls.contoso.com"` in zone
 * contoso.com is `_sip._tls.contoso.com.contoso.com`, whatever it looks like.
 */
import { normalizeFoundName } from "../../core/dns/names";
import { formatSrv } from "../../core/plan/values";
import { items, str, UNKNOWN, type Known, type ReadContext, type RecordContext, type RecordRead, type StackRecordReader, type StackResourceView, type ZoneSighting } from "../stack-reader";

/** The Azure DNS record set resource type. */
export const AZURE_RECORD_SET = "azure-native:dns:RecordSet";

/** The absolute name of `relative` in `zone`: Azure never reads a relative name as absolute. */
export function azureRecordName(relative: string, zone: string): string {
    const zoneName = normalizeFoundName(zone);
    // One trailing dot is dropped rather than read as "absolute": Azure has no such form.
    const name = relative.trim().toLowerCase().replace(/\.$/, "");
    return name === "@" || name === "" ? zoneName : `${name}.${zoneName}`;
}

/** Azure's `id`: `/subscriptions/…/dnszones/<zone>/<TYPE>/<relative name>` (known after the update). */
function fromAzureId(id: string | undefined): { zone?: string; type?: string; relative?: string } {
    const match = id?.match(/\/dnszones\/([^/]+)\/([^/]+)\/([^/]+)$/i);
    return match ? { zone: match[1], type: match[2], relative: match[3] } : {};
}

/** The first of `reads` that gives a string; `UNKNOWN` when none does and one was unknown. */
function firstKnown(context: ReadContext, reads: (() => string | undefined)[]): Known<string | undefined> {
    let unknown = false;
    for (const read of reads) {
        const value = context.known(read);
        if (value === UNKNOWN) unknown = true;
        else if (value !== undefined) return value;
    }
    return unknown ? UNKNOWN : undefined;
}

function values(context: ReadContext, p: Record<string, unknown>, type: string): Known<string[]> {
    switch (type) {
        case "SRV": return items(context, () => p.srvRecords, (s) => formatSrv({
            priority: Number(s.priority ?? 0), weight: Number(s.weight ?? 0), port: Number(s.port ?? 0),
            target: normalizeFoundName(String(s.target ?? "")),
        })) ?? [];
        case "A": return items(context, () => p.aRecords, (a) => str(a.ipv4Address)) ?? [];
        case "AAAA": return items(context, () => p.aaaaRecords, (a) => str(a.ipv6Address)) ?? [];
        case "CNAME": {
            const cname = context.known(() => str((p.cnameRecord as Record<string, unknown> | undefined)?.cname));
            return cname === UNKNOWN ? UNKNOWN : cname ? [`${normalizeFoundName(cname)}.`] : [];
        }
        default: return [];
    }
}

function zones(resource: StackResourceView, context: ReadContext): ZoneSighting[] {
    const zone = context.known(() => str(resource.props.zoneName));
    return zone === UNKNOWN || zone === undefined ? [] : [{ name: normalizeFoundName(zone) }];
}

function read(resource: StackResourceView, context: RecordContext): Known<RecordRead> | undefined {
    if (resource.type !== AZURE_RECORD_SET) return undefined;
    const p = resource.props;
    const parsedId = context.known(() => fromAzureId(str(p.id)));
    const id = parsedId === UNKNOWN ? {} : parsedId;
    const relative = firstKnown(context, [() => str(p.relativeRecordSetName), () => id.relative, () => str(p.name)]);
    const zone = firstKnown(context, [() => str(p.zoneName), () => id.zone]);
    const type = firstKnown(context, [() => str(p.recordType), () => id.type, () => str(p.type)?.split("/").pop()]);
    if (type === UNKNOWN || type === undefined) return UNKNOWN;
    const upper = type.toUpperCase();
    const known = values(context, p, upper);
    const base = { type: upper, values: known === UNKNOWN ? undefined : known };
    if (relative !== UNKNOWN && relative !== undefined && zone !== UNKNOWN && zone !== undefined) {
        return { ...base, name: azureRecordName(relative, zone), zone: normalizeFoundName(zone) };
    }
    // The zone (or the name) comes from a resource of this same update: the
    // service's fqdn, once known, settles it; until then the name is undecided.
    const fqdn = context.known(() => str(p.fqdn));
    if (fqdn !== UNKNOWN && fqdn !== undefined) return { ...base, name: normalizeFoundName(fqdn) };
    if (relative === UNKNOWN || relative === undefined) return UNKNOWN;
    return { ...base, name: relative.trim().toLowerCase().replace(/\.$/, ""), nameUndecided: true };
}

/** Azure DNS record sets; each also tells of its zone. */
export const azureStackReader: StackRecordReader = {
    resourceTypes: [AZURE_RECORD_SET],
    zones,
    read,
};
