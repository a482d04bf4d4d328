/**
 * Hand-written stack resources as CrossGuard's stack validation receives
 * them at update: inputs plus what the provider computed (a Route 53
 * record's `fqdn`, a zone's id). `atPreview` in ./stack turns them into
 * what a preview hands over.
 */
import { route53Fqdn, type PackResource } from "./stack";

const STACK = "urn:pulumi:prod::infra::";
let serial = 0;

/** The zones the fixtures' zone ids stand for; a test may add its own. */
export const ZONES: Record<string, string> = { ZCONTOSO: "contoso.com", ZFABRIKAM: "fabrikam.com", ZLITWARE: "litware.com", ZLOOKEDUP: "contoso.com" };

/**
 * A hand-written Route 53 record (`name` absolute, relative or with a dot)
 * with the `fqdn` and `id` the provider computed.
 */
export function r53(name: string, type: string, records: string[], zoneId = "ZCONTOSO"): PackResource {
    const logical = `rec${++serial}`;
    const zone = ZONES[zoneId];
    if (zone === undefined) throw new Error(`fixture: no zone for id ${zoneId}; add it to ZONES`);
    const fqdn = route53Fqdn(name, zone);
    return {
        type: "aws:route53/record:Record", name: logical, urn: `${STACK}aws:route53/record:Record::${logical}`,
        props: { name, type, records, zoneId, ttl: 3600, fqdn, id: `${zoneId}_${fqdn}_${type}` },
    };
}

/** A Route 53 hosted zone of the stack. */
export function r53Zone(name: string, zoneId: string): PackResource {
    ZONES[zoneId] = name;
    return { type: "aws:route53/zone:Zone", name, urn: `${STACK}aws:route53/zone:Zone::${name}`, props: { name, zoneId, id: zoneId } };
}

/** A hand-written Azure DNS record set; `relativeRecordSetName` is relative to `zoneName`, as Azure reads it. */
export function az(zoneName: string, relativeRecordSetName: string, recordType: string, values: string[]): PackResource {
    const logical = `set${++serial}`;
    const typed = recordType === "SRV"
        ? { srvRecords: values.map((v) => { const [priority, weight, port, target] = v.split(" "); return { priority: +priority, weight: +weight, port: +port, target }; }) }
        : recordType === "A" ? { aRecords: values.map((ipv4Address) => ({ ipv4Address })) }
            : recordType === "AAAA" ? { aaaaRecords: values.map((ipv6Address) => ({ ipv6Address })) }
                : { cnameRecord: { cname: values[0] } };
    const fqdn = `${relativeRecordSetName === "@" ? "" : `${relativeRecordSetName}.`}${zoneName}.`;
    return {
        type: "azure-native:dns:RecordSet", name: logical, urn: `${STACK}azure-native:dns:RecordSet::${logical}`,
        props: { resourceGroupName: "rg", zoneName, relativeRecordSetName, recordType, ttl: 3600, ...typed, fqdn, name: relativeRecordSetName, type: `Microsoft.Network/dnszones/${recordType}` },
    };
}

/** A LyncEdgeDns component as the pack sees it: its registered outputs. */
export function component(mobilityDomains: string[], zones: string[]): PackResource {
    return { type: "lync-edge-dns:index:LyncEdgeDns", name: "edge", urn: `${STACK}lync-edge-dns:index:LyncEdgeDns::edge`, props: { mobilityDomains, records: zones.map((zone) => ({ zone, records: [] })) } };
}
