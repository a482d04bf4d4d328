/**
 * Azure DNS (`@pulumi/azure-native`): one `dns.RecordSet` per record set,
 * named relative to its zone (`@` at the apex), in the zone's resource group.
 */
import type { DnsProviderModule } from "../model";
import type { Renderer } from "../renderer";
import { azureStackReader } from "./stack-reader";
import type { ZoneHandle } from "../../core/config/target";
import { relativeName } from "../../core/dns/names";

export const azure: DnsProviderModule = {
    id: "azure",
    title: "Azure DNS",
    package: { name: "@pulumi/azure-native", range: "^3" },
    recordType: "azure-native:dns:RecordSet",
    // Azure, "Azure DNS limits": 20 records per record set.
    maxValuesPerRecordSet: 20,
    resolveTarget(fields, zones, out) {
        const resourceGroups = new Map<string, ZoneHandle>();
        const missing: string[] = [];
        for (const zone of zones) {
            const group = fields.zoneResourceGroups.get(zone) ?? fields.resourceGroupName;
            if (group === undefined) missing.push(zone);
            else resourceGroups.set(zone, group);
        }
        if (missing.length > 0) {
            out.error("dns.resourceGroupName", `is required for azure: no resource group for ${missing.join(", ")} (give resourceGroupName, or zoneResourceGroups for each zone)`);
        }
        return { hostedZoneIds: fields.hostedZoneIds, resourceGroups };
    },
    // The azure-native dns.RecordSet import ID is the record set's Azure
    // resource ID: /subscriptions/<id>/resourceGroups/<group>/providers/
    // Microsoft.Network/dnsZones/<zone>/<TYPE>/<relative name, @ at the apex>.
    importId(record, target, fields) {
        if (fields.subscriptionId === undefined) {
            return { path: "dns.subscriptionId", message: "is required for dns.adopt on azure: the import ID of each record set is its Azure resource ID, /subscriptions/<subscriptionId>/resourceGroups/<group>/providers/Microsoft.Network/dnsZones/<zone>/<TYPE>/<name>" };
        }
        const group = target.resourceGroups.get(record.zone);
        if (typeof group !== "string") {
            return { path: "dns.resourceGroupName", message: `must be a plain string for dns.adopt (the resource group of ${record.zone} is part of each import ID), not an Output` };
        }
        return { id: `/subscriptions/${fields.subscriptionId}/resourceGroups/${group}/providers/Microsoft.Network/dnsZones/${record.zone}/${record.type}/${relativeName(record.name, record.zone)}` };
    },
    stackReader: azureStackReader,
    loadRenderer() {
        // A require at the point of use keeps @pulumi/azure-native (136 MB) unloaded until Azure is chosen.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return (require("./render") as { renderAzure: Renderer }).renderAzure;
    },
    describe(logicalName, inputs) {
        const rel = String(inputs.relativeRecordSetName);
        const zone = String(inputs.zoneName);
        const srv = (inputs.srvRecords as { priority: number; weight: number; port: number; target: string }[] | undefined)
            ?.map((s) => `${s.priority} ${s.weight} ${s.port} ${s.target}`);
        const a = (inputs.aRecords as { ipv4Address: string }[] | undefined)?.map((x) => x.ipv4Address);
        const aaaa = (inputs.aaaaRecords as { ipv6Address: string }[] | undefined)?.map((x) => x.ipv6Address);
        const cname = (inputs.cnameRecord as { cname: string } | undefined)?.cname;
        return {
            name: rel === "@" ? zone : `${rel}.${zone}`, type: String(inputs.recordType), ttl: Number(inputs.ttl),
            values: srv ?? a ?? aaaa ?? (cname === undefined ? [] : [cname]),
            resource: `azure-native.dns.RecordSet ${logicalName} (resourceGroupName ${String(inputs.resourceGroupName)}, zoneName ${zone}, relativeRecordSetName ${rel})`,
        };
    },
};
