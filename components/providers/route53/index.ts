/**
 * AWS Route 53 (`@pulumi/aws`): one `aws.route53.Record` per record set,
 * named absolutely, SRV values as the plan writes them. A zone without a
 * given id is looked up by name among the public hosted zones.
 */
import type { DnsProviderModule } from "../model";
import type { Renderer } from "../renderer";
import { route53StackReader } from "./stack-reader";

export const route53: DnsProviderModule = {
    id: "route53",
    title: "Route 53",
    package: { name: "@pulumi/aws", range: "^7" },
    recordType: "aws:route53/record:Record",
    // AWS, "Quotas: Amazon Route 53": 400 values per record set.
    maxValuesPerRecordSet: 400,
    resolveTarget: (fields) => ({ hostedZoneIds: fields.hostedZoneIds, resourceGroups: new Map() }),
    // The aws.route53.Record import ID (the provider's docs, "Import"):
    // ZONEID_NAME_TYPE, the name as the resource's `name` input holds it (the
    // absolute name, no trailing dot). Its parser takes the first "_"-part
    // that is a record type as the type, so the underscores of
    // `_sip._tls.contoso.com` stay in the name.
    importId(record, target) {
        const zoneId = target.hostedZoneIds.get(record.zone);
        if (typeof zoneId !== "string") {
            return {
                path: `dns.hostedZoneIds[${JSON.stringify(record.zone)}]`,
                message: `${zoneId === undefined ? "is required" : "must be a plain string, not an Output"} for dns.adopt: the import ID of each record set (<hosted zone id>_<name>_<type>) is made when the component is constructed, before a lookup by name or another resource's output is known`,
            };
        }
        return { id: `${zoneId}_${record.name}_${record.type}` };
    },
    stackReader: route53StackReader,
    loadRenderer() {
        // A require at the point of use keeps @pulumi/aws unloaded until Route 53 is chosen.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return (require("./render") as { renderRoute53: Renderer }).renderRoute53;
    },
    describe(logicalName, inputs) {
        return {
            name: String(inputs.name), type: String(inputs.type), ttl: Number(inputs.ttl),
            values: (inputs.records as string[] | undefined) ?? [],
            resource: `aws.route53.Record ${logicalName} (zoneId ${String(inputs.zoneId)}, allowOverwrite ${String(inputs.allowOverwrite)})`,
        };
    },
};
