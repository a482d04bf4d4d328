/**
 * Azure DNS record sets (`azure-native:dns:RecordSet`) as the stack reader
 * sees them. A record set's name is always relative to its zone, `@` being
 * the apex: `relativeRecordSetName: "_sip._tls.contoso.com"` in zone
 * contoso.com is `_sip._tls.contoso.com.contoso.com`, whatever it looks like.
 */
import { normalizeFoundName, upperCase } from "../../core/dns/names";
import { formatSrv } from "../../core/plan/values";
import { items, text, UNKNOWN, type Known, type ReadContext, type RecordContext, type RecordRead, type StackRecordReader, type StackResourceView, type ZoneSighting } from "../stack-reader";

/** The Azure DNS record set resource type. */
export const AZURE_RECORD_SET = "azure-native:dns:RecordSet";

/** The absolute name of `relative` in `zone`: Azure never reads a relative name as absolute. */
export function azureRecordName(relative: string, zone: string): string {
    return nameInZone(relative, normalizeFoundName(zone));
}

/** `azureRecordName` for a zone name already canonical. */
function nameInZone(relative: string, zoneName: string): string {
    // One trailing dot is dropped rather than read as "absolute": Azure has no such form.
    const name = normalizeFoundName(relative);
    return name === "@" || name === "" ? zoneName : `${name}.${zoneName}`;
}

/** Azure's `id`: `/subscriptions/…/dnszones/<zone>/<TYPE>/<relative name>` (known after the update). */
function fromAzureId(id: string | undefined): { zone?: string; type?: string; relative?: string } {
    const match = id?.match(/\/dnszones\/([^/]+)\/([^/]+)\/([^/]+)$/i);
    return match ? { zone: match[1], type: match[2], relative: match[3] } : {};
}

/** The parts of the record set's `id`; none while it is not known. */
function idParts(context: ReadContext, p: Record<string, unknown>): ReturnType<typeof fromAzureId> {
    const id = text(context, p, "id");
    return id === UNKNOWN ? {} : fromAzureId(id);
}

/** The record type at the end of the resource's `type` output (`Microsoft.Network/dnszones/SRV`). */
function typeOutput(context: ReadContext, p: Record<string, unknown>): Known<string | undefined> {
    const type = text(context, p, "type");
    return type === UNKNOWN ? UNKNOWN : type?.split("/").pop();
}

/** The first of the values that gives a string; `UNKNOWN` when none does and one was unknown. */
function firstKnown(first: Known<string | undefined>, second: Known<string | undefined>, third?: Known<string | undefined>): Known<string | undefined> {
    if (first !== UNKNOWN && first !== undefined) return first;
    if (second !== UNKNOWN && second !== undefined) return second;
    if (third !== UNKNOWN && third !== undefined) return third;
    return first === UNKNOWN || second === UNKNOWN || third === UNKNOWN ? UNKNOWN : undefined;
}

function isText(value: Known<string | undefined>): value is string {
    return value !== UNKNOWN && value !== undefined;
}

function srvValue(s: Record<string, unknown>, context: ReadContext): Known<string> {
    const priority = context.get(s, "priority");
    const weight = context.get(s, "weight");
    const port = context.get(s, "port");
    const target = context.get(s, "target");
    if (priority === UNKNOWN || weight === UNKNOWN || port === UNKNOWN || target === UNKNOWN) return UNKNOWN;
    return formatSrv({ priority: Number(priority ?? 0), weight: Number(weight ?? 0), port: Number(port ?? 0), target: normalizeFoundName(String(target ?? "")) });
}

function ipv4(a: Record<string, unknown>, context: ReadContext): Known<string | undefined> {
    return text(context, a, "ipv4Address");
}

function ipv6(a: Record<string, unknown>, context: ReadContext): Known<string | undefined> {
    return text(context, a, "ipv6Address");
}

function values(context: ReadContext, p: Record<string, unknown>, type: string): Known<string[]> {
    switch (type) {
        case "SRV": return items(context, context.get(p, "srvRecords"), srvValue) ?? [];
        case "A": return items(context, context.get(p, "aRecords"), ipv4) ?? [];
        case "AAAA": return items(context, context.get(p, "aaaaRecords"), ipv6) ?? [];
        case "CNAME": {
            const record = context.get(p, "cnameRecord");
            if (record === UNKNOWN) return UNKNOWN;
            const cname = record === null || record === undefined ? undefined : text(context, record, "cname");
            return cname === UNKNOWN ? UNKNOWN : cname ? [`${normalizeFoundName(cname)}.`] : [];
        }
        default: return [];
    }
}

/** The last zone told of: a zone's record sets come one after another, and each tells of it. */
let lastSighting: { zone: string; sighting: readonly ZoneSighting[] } | undefined;

function zones(resource: StackResourceView, context: ReadContext): readonly ZoneSighting[] {
    const zone = text(context, resource.props, "zoneName");
    if (zone === UNKNOWN || zone === undefined) return [];
    if (lastSighting?.zone !== zone) lastSighting = { zone, sighting: [{ name: normalizeFoundName(zone) }] };
    return lastSighting.sighting;
}

function read(resource: StackResourceView, context: RecordContext): Known<RecordRead> | undefined {
    if (resource.type !== AZURE_RECORD_SET) return undefined;
    const p = resource.props;
    // The inputs give name, zone and type; the id (known after the update) and the outputs stand in for a missing one.
    let relative = text(context, p, "relativeRecordSetName");
    let zone = text(context, p, "zoneName");
    let type = text(context, p, "recordType");
    let id: ReturnType<typeof fromAzureId> | undefined;
    if (!isText(relative)) relative = firstKnown(relative, (id ??= idParts(context, p)).relative, text(context, p, "name"));
    if (!isText(zone)) zone = firstKnown(zone, (id ??= idParts(context, p)).zone);
    if (!isText(type)) type = firstKnown(type, (id ??= idParts(context, p)).type, typeOutput(context, p));
    if (type === UNKNOWN || type === undefined) return UNKNOWN;
    const upper = upperCase(type);
    const known = values(context, p, upper);
    const recordValues = known === UNKNOWN ? undefined : known;
    if (isText(relative) && isText(zone)) {
        const zoneName = normalizeFoundName(zone);
        return { type: upper, values: recordValues, name: nameInZone(relative, zoneName), zone: zoneName, source: "", edge: false };
    }
    // The zone (or the name) comes from a resource of this same update: the
    // service's fqdn, once known, settles it; until then the name is undecided.
    const fqdn = text(context, p, "fqdn");
    if (fqdn !== UNKNOWN && fqdn !== undefined) return { type: upper, values: recordValues, name: normalizeFoundName(fqdn), source: "", edge: false };
    if (relative === UNKNOWN || relative === undefined) return UNKNOWN;
    return { type: upper, values: recordValues, name: normalizeFoundName(relative), nameUndecided: true, source: "", edge: false };
}

/** Azure DNS record sets; each also tells of its zone. */
export const azureStackReader: StackRecordReader = {
    resourceTypes: [AZURE_RECORD_SET],
    zones,
    read,
};
