/**
 * One read of the stack for all the pack's policies.
 *
 * The policy server runs the policies one after another over the same
 * stack, but hands each its own resources array with freshly deserialized
 * props: nothing in it is the same object from one policy to the next. So
 * the last read is kept with the content it was read from, and the next
 * policy's resources are compared with that content: type, URN and name of
 * every resource, and the values of each one's props that the read looked
 * at (props-read.ts says why those suffice), in full, the preview's unknown
 * sentinels included. Equal, the kept read is handed out again. Anything
 * that differs, even one value that was unknown at preview and is known at
 * the update, is read afresh; props the read never looked at (a record's
 * TTL, a resource group) are not compared. The rules treat their input as
 * read-only, as they do when the CLI runs them all over one input.
 */
import { types } from "node:util";
import { rawProps } from "./plain-props";
import { PropsRead } from "./props-read";
import { readStackNoting, STACK_READERS, type StackInput, type StackResource, type StackSettings } from "./stack-records";

function isPlainObject(value: object): boolean {
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/**
 * The keys of the object being compared at each depth. A comparison meets
 * every object the read looked into, once per policy: listing each one's
 * keys anew (`Object.keys`) made much of the garbage the garbage collector
 * then had to sweep during the pack's run.
 */
const keysAt: string[][] = [];

/**
 * True when `a` and `b` are equal plain data (strings, numbers, booleans,
 * null, undefined, plain objects and arrays, keys in the same order). Anything
 * else, such as a class instance, counts as different: no sharing then; and
 * so does one object met on both sides, which may have changed since.
 */
function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) return typeof a !== "object" || a === null;
    return typeof a === "object" && typeof b === "object" && a !== null && b !== null && sameObjects(a, b, 1);
}

/**
 * `sameValue` for two objects that are not the same one. The values inside
 * are compared in the loop, a call made only for an object within: props
 * are mostly strings and lists of strings or of flat objects, and a call
 * per value was most of a comparison's time.
 */
function sameObjects(a: object, b: object, depth: number): boolean {
    if (depth > 64) return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) {
            const x: unknown = a[i];
            const y: unknown = b[i];
            if (x === y) {
                if (typeof x === "object" && x !== null) return false;
            } else if (typeof x !== "object" || typeof y !== "object" || x === null || y === null || !sameObjects(x, y, depth + 1)) {
                return false;
            }
        }
        return true;
    }
    if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
    // A plain object inherits no enumerable key: `for...in` meets its own keys, in Object.keys order.
    const keys = (keysAt[depth] ??= []);
    let count = 0;
    for (const key in a) keys[count++] = key;
    let i = 0;
    for (const key in b) {
        if (i === count || key !== keys[i]) return false;
        const x = (a as Record<string, unknown>)[key];
        const y = (b as Record<string, unknown>)[key];
        if (x === y) {
            if (typeof x === "object" && x !== null) return false;
        } else if (typeof x !== "object" || typeof y !== "object" || x === null || y === null || !sameObjects(x, y, depth + 1)) {
            return false;
        }
        i++;
    }
    return i === count;
}

/** The last read, and the content it was read from. */
interface LastRead {
    settings: string;
    /** Each resource's type, URN and name, in turn. */
    names: readonly string[];
    /** Their props as read, and which keys the read looked at. */
    noted: PropsRead;
    read: StackInput;
}

let last: LastRead | undefined;

/**
 * Where the pack's time went in this process, for measurement: reading
 * stacks (the first policy over a stack pays it) and comparing a policy's
 * stack with the kept read (each later one pays that). The bench reports
 * them apart from the rules' own time.
 */
export const sharedReadTimes = { readMs: 0, compareMs: 0 };

function sameStack(previous: LastRead, resources: readonly StackResource[], settings: string): boolean {
    const names = previous.names;
    if (previous.settings !== settings || names.length !== 3 * resources.length) return false;
    for (let i = 0; i < resources.length; i++) {
        const now = resources[i];
        if (names[3 * i] !== now.type || names[3 * i + 1] !== now.urn || names[3 * i + 2] !== now.name) return false;
        const keys = previous.noted.keysOf(i);
        if (keys.length === 0) continue;
        const before = previous.noted.propsOf(i) as Record<string, unknown>;
        const props = rawProps(now);
        // The very same props may have changed since they were read; props
        // behind a proxy that is not the SDK's are not compared through it.
        if (props === before || props === null || typeof props !== "object" || (props === now.props && types.isProxy(props))) return false;
        for (let k = 0; k < keys.length; k++) {
            const key = keys[k] as string;
            if (!sameValue(before[key], (props as Record<string, unknown>)[key])) return false;
        }
    }
    return true;
}

/** True when the read looked only into props it can compare later: objects, not behind a foreign proxy. */
function comparable(resources: readonly StackResource[], noted: PropsRead): boolean {
    for (let i = 0; i < resources.length; i++) {
        if (noted.keysOf(i).length === 0) continue;
        const props = noted.propsOf(i);
        if (props === null || typeof props !== "object" || (props === resources[i].props && types.isProxy(props))) return false;
    }
    return true;
}

function namesOf(resources: readonly StackResource[]): string[] {
    const names = new Array<string>(3 * resources.length);
    for (let i = 0; i < resources.length; i++) {
        const r = resources[i];
        names[3 * i] = r.type;
        names[3 * i + 1] = r.urn;
        names[3 * i + 2] = r.name;
    }
    return names;
}

/**
 * `readStack(resources, settings)`, shared with the previous call when the
 * resources and settings have the same content.
 */
export function readStackShared(resources: readonly StackResource[], settings: StackSettings): StackInput {
    const key = JSON.stringify(settings);
    const started = performance.now();
    const same = last !== undefined && sameStack(last, resources, key);
    const compared = performance.now();
    sharedReadTimes.compareMs += compared - started;
    if (same && last !== undefined) return last.read;
    last = undefined;
    const noted = new PropsRead(resources.length);
    const read = readStackNoting(resources, settings, STACK_READERS, noted);
    if (comparable(resources, noted)) last = { settings: key, names: namesOf(resources), noted, read };
    sharedReadTimes.readMs += performance.now() - compared;
    return read;
}

/** Forgets the kept read (its resources hold memory): for tests and long-lived processes. */
export function forgetSharedRead(): void {
    last = undefined;
}
