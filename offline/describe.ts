/**
 * Reads a registered record resource back into name, type, TTL and values,
 * from the inputs the provider resource actually received (not from the
 * plan), so that what is printed is what `pulumi up` would send.
 */
import type { RegisteredResource } from "./engine";

/** A record resource as a person reads it. */
export interface RecordResourceView {
    name: string;
    type: string;
    ttl: number;
    values: string[];
    /** The resource's type, logical name and the inputs that place it. */
    resource: string;
}

export function describeRecordResource(r: RegisteredResource): RecordResourceView {
    const inputs = r.inputs as Record<string, unknown>;
    if (r.type === "aws:route53/record:Record") {
        return {
            name: String(inputs.name), type: String(inputs.type), ttl: Number(inputs.ttl),
            values: (inputs.records as string[]) ?? [],
            resource: `aws.route53.Record ${r.name} (zoneId ${String(inputs.zoneId)}, allowOverwrite ${String(inputs.allowOverwrite)})`,
        };
    }
    if (r.type === "azure-native:dns:RecordSet") {
        const rel = String(inputs.relativeRecordSetName);
        const zone = String(inputs.zoneName);
        const srv = (inputs.srvRecords as { priority: number; weight: number; port: number; target: string }[] | undefined)
            ?.map((s) => `${s.priority} ${s.weight} ${s.port} ${s.target}`);
        const a = (inputs.aRecords as { ipv4Address: string }[] | undefined)?.map((x) => x.ipv4Address);
        const aaaa = (inputs.aaaaRecords as { ipv6Address: string }[] | undefined)?.map((x) => x.ipv6Address);
        return {
            name: rel === "@" ? zone : `${rel}.${zone}`, type: String(inputs.recordType), ttl: Number(inputs.ttl),
            values: srv ?? a ?? aaaa ?? [],
            resource: `azure-native.dns.RecordSet ${r.name} (resourceGroupName ${String(inputs.resourceGroupName)}, zoneName ${zone}, relativeRecordSetName ${rel})`,
        };
    }
    return { name: r.name, type: r.type, ttl: 0, values: [], resource: r.type };
}
