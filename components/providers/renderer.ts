/**
 * What a renderer does: turn planned record sets into one provider's
 * resources. Renderers hold no DNS knowledge of their own: names, values and
 * grouping all come from the plan.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedTarget } from "../core/config/target";
import type { PlannedRecordSet, TracedRecordSet } from "../core/plan/model";
import { relativeName } from "../core/dns/names";
import { swapsWith } from "../core/plan/cutover";

/** What every renderer is given. */
export interface RenderContext {
    /** The component: parent of every record, so providers and options flow down. */
    parent: pulumi.Resource;
    /** The component's name, the prefix of every child's logical name. */
    componentName: string;
    target: ResolvedTarget;
}

/** A record set as created: its plan entry and the FQDN the service reports. */
export interface RenderedRecord {
    record: TracedRecordSet;
    fqdn: pulumi.Output<string>;
}

/** Creates one resource per planned record set, in plan order. */
export type Renderer = (records: readonly TracedRecordSet[], context: RenderContext) => RenderedRecord[];

/**
 * The options of one record's resource: the component as parent (so
 * providers and options such as `protect` flow down), and Pulumi's `import`
 * with the provider's import ID when `dns.adopt` takes the record set over.
 */
export function recordOptions(record: TracedRecordSet, { parent, componentName, target }: RenderContext): pulumi.CustomResourceOptions {
    const options: pulumi.CustomResourceOptions = { parent };
    const importId = target.importIds.get(record);
    if (importId !== undefined) options.import = importId;
    // A name that changes between A and CNAME (a domain moving to or from
    // Teams Only): the resource of the other type is this one renamed, so
    // Pulumi replaces it, deleting the old record before it creates the new
    // one (DNS refuses a CNAME beside other data). See core/plan/cutover.ts.
    const previous = swapsWith(record);
    if (previous !== undefined) {
        options.aliases = [{ name: recordLogicalName(componentName, record.zone, { ...record, type: previous }) }];
        options.deleteBeforeReplace = true;
    }
    return options;
}

/**
 * The logical name of a record's resource: component, zone, relative name,
 * type. It never depends on the order of domains or addresses, so reordering
 * the config replaces nothing.
 */
export function recordLogicalName(componentName: string, zone: string, record: PlannedRecordSet): string {
    return `${componentName}/${zone}/${relativeName(record.name, zone)}/${record.type}`;
}
