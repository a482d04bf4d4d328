/**
 * How the pack reads the props of a stack's resources: every value through
 * `get`, which gives `UNKNOWN` for a value not known until the update (the
 * readers never see the SDK's sentinels), and, when asked, notes which keys
 * of each resource's props the read looked at.
 *
 * A stack read is a function of the settings, each resource's type, URN
 * and name, and the values read through `get`: nothing else of the props.
 * So another stack whose resources agree on those and hold equal values at
 * the keys noted (compared in full, below each key) reads the same, key by
 * key; shared-read.ts compares only those.
 */
import { UnknownValueError } from "@pulumi/policy";
import { UNKNOWN, type Known, type ReadContext } from "../components/providers/stack-reader";
import { isUnknownValue } from "./plain-props";

/**
 * `from[key]` (undefined from null or undefined), `UNKNOWN` for a value not known until the update: the
 * sentinel in the raw props, or the error of a proxy the props are still
 * behind (rawProps leaves a proxy that is not the SDK's).
 */
export function get(from: unknown, key: string | number): Known<unknown> {
    // Another program's resource may hold anything where a record is expected (`records: [null]`):
    // nothing to read there is not a crash, and the readers judge the value missing.
    if (from === null || from === undefined) return undefined;
    let value: unknown;
    try {
        value = (from as Record<string | number, unknown>)[key];
    } catch (error) {
        if (error instanceof UnknownValueError) return UNKNOWN;
        throw error;
    }
    return isUnknownValue(value) ? UNKNOWN : value;
}

/** A list of keys, and the lists one key longer: resources read alike share one list. */
interface KeyList {
    keys: readonly string[];
    longer: Map<string, KeyList>;
}

/**
 * What one read looked at: each resource's props as read (without the
 * server's proxy), and the keys of them it read, in the order first read.
 */
export class PropsRead {
    private readonly lists: KeyList[];
    private readonly props: unknown[];
    private index = -1;
    private current: unknown = undefined;

    constructor(resources: number) {
        const none: KeyList = { keys: [], longer: new Map() };
        this.lists = new Array<KeyList>(resources).fill(none);
        this.props = new Array<unknown>(resources).fill(undefined);
    }

    /** The reads that follow are of resource `index`, whose props are `props`. */
    reading(index: number, props: unknown): void {
        this.index = index;
        this.current = props;
        this.props[index] = props;
    }

    /** Notes a read of `key` from `from`, when `from` is the props being read. */
    note(from: unknown, key: string | number): void {
        if (from !== this.current || typeof key !== "string") return;
        const list = this.lists[this.index] as KeyList;
        if (list.keys.includes(key)) return;
        let longer = list.longer.get(key);
        if (longer === undefined) {
            longer = { keys: [...list.keys, key], longer: new Map() };
            list.longer.set(key, longer);
        }
        this.lists[this.index] = longer;
    }

    /** The keys of resource `index`'s props read. */
    keysOf(index: number): readonly string[] {
        return (this.lists[index] as KeyList).keys;
    }

    /** Resource `index`'s props as read. */
    propsOf(index: number): unknown {
        return this.props[index];
    }
}

/** A context whose reads are noted in `noted`; without it, plain `get`. */
export function readContext(noted?: PropsRead): ReadContext {
    if (noted === undefined) return { get };
    return {
        get: (from, key) => {
            noted.note(from, key);
            return get(from, key);
        },
    };
}
