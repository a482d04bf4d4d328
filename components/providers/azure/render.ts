/** Azure DNS: one `azure-native` `dns.RecordSet` per planned record set. */
import * as dns from "@pulumi/azure-native/dns";
import { parseSrv } from "../../core/plan/values";
import type { PlannedRecordSet } from "../../core/plan/model";
import { relativeName } from "../../core/dns/names";
import { recordLogicalName, recordOptions, type RenderedRecord, type Renderer } from "../renderer";

/** The typed record list for the set's type; SRV and CNAME targets without the trailing dot, as Azure DNS stores them. */
function typedRecords(record: PlannedRecordSet): Pick<dns.RecordSetArgs, "aRecords" | "aaaaRecords" | "srvRecords" | "cnameRecord"> {
    switch (record.type) {
        case "A":
            return { aRecords: record.values.map((ipv4Address) => ({ ipv4Address })) };
        case "AAAA":
            return { aaaaRecords: record.values.map((ipv6Address) => ({ ipv6Address })) };
        case "SRV":
            return {
                srvRecords: record.values.map((text) => {
                    const srv = parseSrv(text);
                    if (!srv) throw new Error(`internal: planned SRV value ${JSON.stringify(text)} is not well formed`);
                    return srv;
                }),
            };
        case "CNAME": {
            // A CNAME set holds one alias (RFC 1034 §3.6.2); the planner makes exactly one.
            const [cname] = record.values;
            if (cname === undefined || record.values.length !== 1) throw new Error(`internal: planned CNAME ${record.name} holds ${record.values.length} values`);
            return { cnameRecord: { cname: cname.replace(/\.$/, "") } };
        }
        default: {
            const unknownType: never = record.type;
            throw new Error(`internal: no Azure DNS rendering for record type ${String(unknownType)}`);
        }
    }
}

/**
 * Azure DNS names a record set relative to its zone (`@` at the apex); the
 * zone name has no trailing dot. Azure refuses to create a record set that
 * exists, so a record made by hand is imported first (`dns.adopt`).
 */
export const renderAzure: Renderer = (records, context) => {
    const { componentName, target } = context;
    return records.map((record): RenderedRecord => {
        const resourceGroupName = target.resourceGroups.get(record.zone);
        if (resourceGroupName === undefined) throw new Error(`internal: no resource group resolved for zone ${record.zone}`);
        const resource = new dns.RecordSet(recordLogicalName(componentName, record.zone, record), {
            resourceGroupName,
            zoneName: record.zone,
            relativeRecordSetName: relativeName(record.name, record.zone),
            recordType: record.type,
            ttl: record.ttl,
            ...typedRecords(record),
        }, recordOptions(record, context));
        return { record, fqdn: resource.fqdn };
    });
};
