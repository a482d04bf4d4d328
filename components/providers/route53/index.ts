/**
 * AWS Route 53 (`@pulumi/aws`): one `aws.route53.Record` per record set,
 * named absolutely, SRV values as the plan writes them. A zone without a
 * given id is looked up by name among the public hosted zones.
 */
import type { DnsProviderModule } from "../model";
import type { Renderer } from "../renderer";

export const route53: DnsProviderModule = {
    id: "route53",
    title: "Route 53",
    package: { name: "@pulumi/aws", range: "^7" },
    recordType: "aws:route53/record:Record",
    // AWS, "Quotas: Amazon Route 53": 400 values per record set.
    maxValuesPerRecordSet: 400,
    resolveTarget: (fields) => ({ hostedZoneIds: fields.hostedZoneIds, resourceGroups: new Map() }),
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
