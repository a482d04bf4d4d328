/** Route 53: one `aws.route53.Record` per planned record set. */
import * as route53 from "@pulumi/aws/route53";
import type * as pulumi from "@pulumi/pulumi";
import { recordLogicalName, recordOptions, type RenderedRecord, type Renderer } from "../renderer";

/**
 * Route 53 takes the absolute name, and SRV values as the plan writes them
 * (`priority weight port target`). A zone without a given id is looked up by
 * name among the public hosted zones, once per zone.
 */
export const renderRoute53: Renderer = (records, context) => {
    const { parent, componentName, target } = context;
    const zoneIds = new Map<string, pulumi.Input<string>>();
    const zoneIdOf = (zone: string): pulumi.Input<string> => {
        let id = zoneIds.get(zone) ?? target.hostedZoneIds.get(zone);
        if (id === undefined) id = route53.getZoneOutput({ name: zone, privateZone: false }, { parent }).zoneId;
        zoneIds.set(zone, id);
        return id;
    };
    return records.map((record): RenderedRecord => {
        const resource = new route53.Record(recordLogicalName(componentName, record.zone, record), {
            zoneId: zoneIdOf(record.zone),
            name: record.name,
            type: record.type,
            ttl: record.ttl,
            records: record.values,
            // Never take over a record set that someone else manages: Route 53
            // refuses to create one that exists, and so do we (dns.adopt
            // imports it instead, on purpose).
            allowOverwrite: false,
        }, recordOptions(record, context));
        return { record, fqdn: resource.fqdn };
    });
};
