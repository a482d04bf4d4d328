/**
 * One read of the stack for all the pack's policies.
 *
 * The policy server runs the policies one after another over the same
 * stack, but hands each its own resources array with freshly deserialized
 * props: nothing in it is the same object from one policy to the next. So
 * the last read is kept with the content it was read from, and the next
 * policy's resources are compared with that content, value by value: equal
 * content (type, URN, name and every prop, the preview's unknown sentinels
 * included) gives the same read, so it is handed out again. Anything that
 * differs, even one value that was unknown at preview and is known at the
 * update, is read afresh. The rules treat their input as read-only, as they
 * do when the CLI runs them all over one input.
 */
import { types } from "node:util";
import { rawProps } from "./plain-props";
import { readStack, type StackInput, type StackResource, type StackSettings } from "./stack-records";

function isPlainObject(value: object): boolean {
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/**
 * The keys of the object being compared at each depth. A comparison meets
 * every object of the stack once per policy: listing each one's keys anew
 * (`Object.keys`) made much of the garbage the garbage collector then had
 * to sweep during the pack's run.
 */
const keysAt: string[][] = [];

/**
 * True when `a` and `b` are equal plain data (strings, numbers, booleans,
 * null, undefined, plain objects and arrays, keys in the same order). Anything
 * else, such as a class instance, counts as different: no sharing then.
 */
function sameContent(a: unknown, b: unknown, depth: number): boolean {
    if (a === b) return typeof a !== "object" || a === null;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth > 64) return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i], depth + 1)) return false;
        return true;
    }
    if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
    // A plain object inherits no enumerable key: `for...in` meets its own keys, in Object.keys order.
    const keys = (keysAt[depth] ??= []);
    let count = 0;
    for (const key in a) keys[count++] = key;
    let i = 0;
    for (const key in b) {
        if (i === count || key !== keys[i] || !sameContent((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
        i++;
    }
    return i === count;
}

/** The last read, and the content it was read from. */
interface LastRead {
    settings: string;
    resources: { type: string; urn: string; name: string; props: unknown }[];
    read: StackInput;
}

let last: LastRead | undefined;

function sameStack(previous: LastRead, resources: readonly StackResource[], settings: string): boolean {
    if (previous.settings !== settings || previous.resources.length !== resources.length) return false;
    for (let i = 0; i < resources.length; i++) {
        const was = previous.resources[i];
        const now = resources[i];
        if (was.type !== now.type || was.urn !== now.urn || was.name !== now.name) return false;
        // Props behind a proxy that is not the SDK's are not compared through it.
        const props = rawProps(now);
        if (props !== null && typeof props === "object" && props === now.props && types.isProxy(props)) return false;
        if (!sameContent(was.props, props, 0)) return false;
    }
    return true;
}

/**
 * `readStack(resources, settings)`, shared with the previous call when the
 * resources and settings have the same content.
 */
export function readStackShared(resources: readonly StackResource[], settings: StackSettings): StackInput {
    const key = JSON.stringify(settings);
    if (last !== undefined && sameStack(last, resources, key)) return last.read;
    last = undefined;
    const read = readStack(resources, settings);
    last = { settings: key, resources: resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: rawProps(r) })), read };
    return read;
}

/** Forgets the kept read (its resources hold memory): for tests and long-lived processes. */
export function forgetSharedRead(): void {
    last = undefined;
}
