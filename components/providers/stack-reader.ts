/**
 * How a DNS provider's resources read as record sets when a whole Pulumi
 * stack is judged (the CrossGuard policy pack): one reader per provider,
 * pure, with no Pulumi runtime loaded.
 *
 * During a preview a computed value (a zone id, an `fqdn`, a value taken
 * from another resource's output) is not known yet. Reading one makes the
 * policy SDK throw; the policy layer turns that into `UNKNOWN` through the
 * `known` helper it injects, so readers never see the SDK's error type.
 */
import type { RecordSetFact } from "../core/rules/model";

/** A value that is not known until the update (a preview). */
export const UNKNOWN: unique symbol = Symbol("not known until the update");

/** A value, or `UNKNOWN` while it is not known. */
export type Known<T> = T | typeof UNKNOWN;

/** A resource of the stack as a reader sees it: reading a prop may throw during a preview. */
export interface StackResourceView {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

/** What the policy layer gives a reader. */
export interface ReadContext {
    /** Runs `read`; `UNKNOWN` when it touched a value not known until the update. */
    known<T>(read: () => T): Known<T>;
}

/** What a reader may ask while reading record sets, after every zone has been seen. */
export interface RecordContext extends ReadContext {
    /** The canonical name of a zone of this stack by its provider id (Route 53's zone id). */
    zoneNameById(id: string): string | undefined;
    /**
     * The most specific zone or domain the stack knows (zones it creates or
     * records in, the components' zones and mobility domains, the pack
     * config's) that holds `name`, a canonical name.
     */
    knownDomainOf(name: string): string | undefined;
}

/** A zone a resource tells of: its canonical name, and its provider id when known. */
export interface ZoneSighting {
    name: string;
    id?: string;
}

/** A record set as a reader finds it; the stack reader adds where it came from. */
export type RecordRead = Omit<RecordSetFact, "source" | "edge">;

/** One provider's reading of its stack resources. */
export interface StackRecordReader {
    /** The resource types this reader reads (`aws:route53/record:Record`, ...). */
    readonly resourceTypes: readonly string[];
    /** Zones a resource tells of; called for every resource of these types before any record is read. */
    zones(resource: StackResourceView, context: ReadContext): ZoneSighting[];
    /**
     * The record set a resource holds: `undefined` for a resource that holds
     * none (a zone), `UNKNOWN` when its type or every form of its name is not
     * known yet. A set whose values are unknown has `values: undefined`; one
     * whose zone is unknown has `nameUndecided`.
     */
    read(resource: StackResourceView, context: RecordContext): Known<RecordRead> | undefined;
}

/** A non-empty string, else undefined. */
export function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Plain copies of an array prop's items, the prop and each item read
 * guarded: `UNKNOWN` when the list or any item is not known yet, undefined
 * when the prop is absent. Object items go through `map`; string items are
 * kept as they are.
 */
export function items<T>(context: ReadContext, read: () => unknown, map: (item: Record<string, unknown>) => T | undefined): Known<T[]> | undefined {
    const list = context.known(() => {
        const value = read();
        return Array.isArray(value) ? [...value] : undefined;
    });
    if (list === UNKNOWN) return UNKNOWN;
    if (list === undefined) return undefined;
    const out: T[] = [];
    for (const item of list) {
        const mapped = context.known(() => (item !== null && typeof item === "object" ? map(item as Record<string, unknown>) : str(item) as T | undefined));
        if (mapped === UNKNOWN) return UNKNOWN;
        if (mapped !== undefined) out.push(mapped);
    }
    return out;
}
