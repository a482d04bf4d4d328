/**
 * What a DNS provider module is: everything about one DNS service in one
 * place — which `dns` fields it reads and how it checks them, its limits,
 * its renderer (loaded only when used), and how the offline run shows its
 * resources. The core reads providers only through this interface and the
 * registry (`registry.ts`). Pure: the renderer is behind a function that
 * loads the provider's Pulumi package on first use.
 */
import type { IssueCollector } from "../core/config/errors";
import type { ZoneHandle } from "../core/config/target";
import type { TracedRecordSet } from "../core/plan/model";
import type { Renderer } from "./renderer";
import type { StackRecordReader } from "./stack-reader";

/** A provider's checked target: the zone handles it resolved, per zone. */
export interface ProviderTarget {
    /** Route 53: hosted zone id per zone, where given (others are looked up by name). */
    hostedZoneIds: Map<string, ZoneHandle>;
    /** Azure: resource group per zone, for every zone. */
    resourceGroups: Map<string, ZoneHandle>;
}

/** The `dns` fields after the generic checks, zone maps keyed by canonical zone name. */
export interface TargetFields {
    hostedZoneIds: Map<string, ZoneHandle>;
    resourceGroupName?: ZoneHandle;
    zoneResourceGroups: Map<string, ZoneHandle>;
    subscriptionId?: string;
}

/** An import ID, or why it cannot be made (a config path and a message). */
export type ImportIdResult = { id: string } | { path: string; message: string };

/** A registered record resource as a person reads it (the offline run). */
export interface RecordResourceView {
    name: string;
    type: string;
    ttl: number;
    values: string[];
    /** The resource's type, logical name and the inputs that place it. */
    resource: string;
}

/** One DNS service. */
export interface DnsProviderModule {
    /** The `dns.provider` value, e.g. `route53`. */
    id: string;
    /** The service's name in messages, e.g. `Route 53`. */
    title: string;
    /** The Pulumi package its resources come from, and the version range we support. */
    package: { name: string; range: string };
    /** The Pulumi resource type of one record set, e.g. `aws:route53/record:Record`. */
    recordType: string;
    /** The most values one record set may hold (the service's limit). */
    maxValuesPerRecordSet: number;
    /** Checks the provider's own `dns` fields for the deployment's zones. */
    resolveTarget(fields: TargetFields, zones: readonly string[], out: IssueCollector): ProviderTarget;
    /**
     * The ID Pulumi's `import` option takes for one record set (the
     * provider's own import format), or why it cannot be made from plain
     * values now.
     */
    importId(record: TracedRecordSet, target: ProviderTarget, fields: TargetFields): ImportIdResult;
    /** Loads the renderer, and with it the provider's package. */
    loadRenderer(): Renderer;
    /** How the policy pack reads this provider's resources in a stack. */
    stackReader: StackRecordReader;
    /** A registered record resource's inputs, as the offline run shows them. */
    describe(logicalName: string, inputs: Record<string, unknown>): RecordResourceView;
}
