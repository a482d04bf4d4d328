/** Route 53: one `aws.route53.Record` per planned record set. */
import * as route53 from "@pulumi/aws/route53";
import type * as pulumi from "@pulumi/pulumi";
import { recordLogicalName, type RenderedRecord, type Renderer } from "../renderer";

/**
 * Route 53 takes the absolute name, and SRV values as the plan writes them
 * (`priority weight port target`). A zone without a given id is looked up by
 * name among the public hosted zones, once per zone.
 */
export const renderRoute53: Renderer = (zones, { parent, componentName, target }) => {
    const rendered: RenderedRecord[] = [];
    for (const { zone, records } of zones) {
        const zoneId: pulumi.Input<string> = target.hostedZoneIds.get(zone)
            ?? route53.getZoneOutput({ name: zone, privateZone: false }, { parent }).zoneId;
        for (const record of records) {
            const resource = new route53.Record(recordLogicalName(componentName, zone, record), {
                zoneId,
                name: record.name,
                type: record.type,
                ttl: record.ttl,
                records: record.values,
                // Never take over a record set that someone else manages: Route 53
                // refuses to create one that exists, and so do we.
                allowOverwrite: false,
            }, { parent });
            rendered.push({ zone, record, fqdn: resource.fqdn });
        }
    }
    return rendered;
};
