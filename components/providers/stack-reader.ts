/**
 * How a DNS provider's resources read as record sets when a whole Pulumi
 * stack is judged (the CrossGuard policy pack): one reader per provider,
 * pure, with no Pulumi runtime loaded.
 *
 * During a preview a computed value (a zone id, an `fqdn`, a value taken
 * from another resource's output) is not known yet: the props hold the
 * policy SDK's marker for it. Readers read every value through the `get`
 * the policy layer injects, which gives `UNKNOWN` for such a value, so they
 * never see the SDK's markers or its error type. It takes no closure: a
 * reader runs for every record of a large stack, and what it allocates the
 * garbage collector pays for.
 */
import type { RecordSetFact } from "../core/rules/model";

/** A value that is not known until the update (a preview). */
export const UNKNOWN: unique symbol = Symbol("not known until the update");

/** A value, or `UNKNOWN` while it is not known. */
export type Known<T> = T | typeof UNKNOWN;

/** A resource of the stack as a reader sees it: its props are read through `ReadContext.get`, never directly. */
export interface StackResourceView {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

/** What the policy layer gives a reader. */
export interface ReadContext {
    /**
     * `from[key]`, as JavaScript reads it (a TypeError for null or
     * undefined), or `UNKNOWN` when that value is not known until the update.
     */
    get(from: unknown, key: string | number): Known<unknown>;
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

/**
 * A record set as a reader finds it. Where it came from (`source`, `edge`)
 * is the stack reader's to set: a reader writes `""` and `false`, so that
 * the object is made with room for them (set on an object made without
 * them, they took a second allocation a record).
 */
export type RecordRead = RecordSetFact;

/**
 * One provider's reading of its stack resources. The resource a call gets is
 * the caller's to reuse once the call returns (one view for a whole stack):
 * a reader keeps nothing of it.
 */
export interface StackRecordReader {
    /** The resource types this reader reads (`aws:route53/record:Record`, ...). */
    readonly resourceTypes: readonly string[];
    /** Zones a resource tells of; called for every resource of these types before any record is read. */
    zones(resource: StackResourceView, context: ReadContext): readonly ZoneSighting[];
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

/** `str(from[key])`, or `UNKNOWN` while that value is not known. */
export function text(context: ReadContext, from: unknown, key: string): Known<string | undefined> {
    const value = context.get(from, key);
    return value === UNKNOWN ? UNKNOWN : str(value);
}

/** For a list of strings: no object item is kept. */
export function noObjects(): undefined {
    return undefined;
}

/**
 * The items of a list prop's value (`list`, read with `context.get`):
 * `UNKNOWN` when the list or any item is not known yet, undefined when it
 * is not a list. Object items go through `map` (`UNKNOWN` from it for any
 * of them makes the whole list unknown); string items are kept as they are.
 */
export function items<T>(context: ReadContext, list: Known<unknown>, map: (item: Record<string, unknown>, context: ReadContext) => Known<T | undefined>): Known<T[]> | undefined {
    if (list === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(list)) return undefined;
    // Sized up front: a list grown from [] by push takes room for 17 items,
    // and a stack holds tens of thousands of one- and two-item lists.
    const out = new Array<T>(list.length);
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
        const item = context.get(list, i);
        if (item === UNKNOWN) return UNKNOWN;
        const mapped = item !== null && typeof item === "object" ? map(item as Record<string, unknown>, context) : str(item) as T | undefined;
        if (mapped === UNKNOWN) return UNKNOWN;
        if (mapped !== undefined) out[kept++] = mapped;
    }
    out.length = kept;
    return out;
}
