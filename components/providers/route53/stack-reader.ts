/**
 * Route 53 resources as the stack reader sees them: hosted zones
 * (`aws:route53/zone:Zone`) give the zone id → name map, records
 * (`aws:route53/record:Record`) the record sets.
 *
 * A record's `fqdn` is computed by the provider, so a preview never knows
 * it; its inputs `name`, `type`, `zoneId` and `records` usually are. The name
 * is therefore built from the inputs as the provider builds it, and `fqdn`
 * serves only when the zone is not a zone of this stack.
 */
import { lowerCase, normalizeFoundName, upperCase, withoutTrailingDot } from "../../core/dns/names";
import { items, noObjects, text, UNKNOWN, type Known, type RecordContext, type RecordRead, type StackRecordReader, type StackResourceView, type ZoneSighting, type ReadContext } from "../stack-reader";

/** The Route 53 record resource type. */
export const ROUTE53_RECORD = "aws:route53/record:Record";
/** The Route 53 hosted zone resource type. */
export const ROUTE53_ZONE = "aws:route53/zone:Zone";

/**
 * The record's name as the provider sends it to Route 53 (the Terraform
 * provider's `expandRecordName`, which `@pulumi/aws` runs): lower case, one
 * trailing dot stripped, and the zone appended unless the name already ends
 * with it (a plain suffix test, as there); an empty name is the apex. A
 * trailing dot does not make the name absolute: `sip.` in contoso.com is
 * `sip.contoso.com`.
 */
export function expandRecordName(name: string, zone: string): string {
    const relative = withoutTrailingDot(lowerCase(name));
    const zoneName = withoutTrailingDot(lowerCase(zone));
    if (relative.endsWith(zoneName)) return relative;
    return name === "" ? zoneName : `${relative}.${zoneName}`;
}

/** What a record tells of zones: nothing (one list for all). */
const NONE: readonly ZoneSighting[] = [];

function zones(resource: StackResourceView, context: ReadContext): readonly ZoneSighting[] {
    if (resource.type !== ROUTE53_ZONE) return NONE;
    const p = resource.props;
    const name = text(context, p, "name");
    if (name === UNKNOWN || name === undefined) return [];
    // A zone created in this update has no id during the preview; its name is still known.
    const zoneId = text(context, p, "zoneId");
    const id = zoneId === UNKNOWN || zoneId !== undefined ? zoneId : text(context, p, "id");
    return [{ name: normalizeFoundName(name), id: id === UNKNOWN ? undefined : id }];
}

/**
 * The record's absolute name, from the most certain source known: the name
 * input (`given`) against a zone of this stack; else the provider's `fqdn`
 * (an update, or a zone found by lookup). Undefined when neither gives it:
 * then, during a preview, `read` takes the name input as it is.
 */
function knownName(props: Record<string, unknown>, given: Known<string | undefined>, zone: string | undefined, context: RecordContext): string | undefined {
    if (given !== UNKNOWN && given !== undefined && zone !== undefined) return expandRecordName(given, zone);
    const fqdn = text(context, props, "fqdn");
    return fqdn !== UNKNOWN && fqdn !== undefined ? normalizeFoundName(fqdn) : undefined;
}

function read(resource: StackResourceView, context: RecordContext): Known<RecordRead> | undefined {
    if (resource.type !== ROUTE53_RECORD) return undefined;
    const p = resource.props;
    const type = text(context, p, "type");
    if (type === UNKNOWN || type === undefined) return UNKNOWN;
    const zoneId = text(context, p, "zoneId");
    const zone = zoneId === UNKNOWN || zoneId === undefined ? undefined : context.zoneNameById(zoneId);
    const input = context.get(p, "name");
    const given = input === UNKNOWN || typeof input === "string" ? input : undefined;
    let name = knownName(p, given, zone, context);
    // Else, during a preview, the name input when it lies within a zone or
    // domain the stack knows; else the name as given, undecided until the update.
    let undecided = false;
    if (name === undefined) {
        if (given === UNKNOWN || given === undefined || given === "") return UNKNOWN;
        name = withoutTrailingDot(lowerCase(given));
        undecided = context.knownDomainOf(name) === undefined;
    }
    const values = items<string>(context, context.get(p, "records"), noObjects);
    const upper = upperCase(type);
    const known = values === UNKNOWN ? undefined : values ?? [];
    // Written out, not spread: a spread and more keys cost a kilobyte a record.
    return undecided
        ? { name, nameUndecided: true, type: upper, values: known, zone, source: "", edge: false }
        : { name, type: upper, values: known, zone, source: "", edge: false };
}

/** Route 53 zones and records. */
export const route53StackReader: StackRecordReader = {
    resourceTypes: [ROUTE53_ZONE, ROUTE53_RECORD],
    zones,
    read,
};
