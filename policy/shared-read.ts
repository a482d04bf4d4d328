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
import { readStack, type StackInput, type StackResource, type StackSettings } from "./stack-records";

// The proxy's markers, as @pulumi/policy/proxy exports them (not in its typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
const IS_PROXY = proxy.isSpecialProxy as string;
const TARGET = proxy.getSpecialProxyTarget as string;

/** The props as deserialized, without the policy server's proxy. */
function rawProps(resource: StackResource): unknown {
    const props = resource.props as Record<string, unknown> | undefined;
    return props !== null && typeof props === "object" && props[IS_PROXY] === true ? props[TARGET] : props;
}

function isPlainObject(value: object): boolean {
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

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
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (let i = 0; i < keysA.length; i++) {
        const key = keysA[i];
        if (key !== keysB[i] || !sameContent((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
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
        if (was.type !== now.type || was.urn !== now.urn || was.name !== now.name || !sameContent(was.props, rawProps(now), 0)) return false;
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
