/**
 * The policy server wraps each resource's props in an unknown-checking proxy
 * (`@pulumi/policy/proxy`): every property read allocates a path array and a
 * further proxy, and throws `UnknownValueError` when it reaches a value not
 * known until the update. Reading a large stack through it six times (once
 * per policy) was most of the pack's time.
 *
 * A resource none of whose values is unknown reads the same through the
 * proxy as without it: the proxy throws only on the unknown sentinels. So
 * such a resource is read from the proxy's own target, and only a resource
 * that holds an unknown value anywhere keeps its proxy (and its errors).
 */
import type { StackResource } from "./stack-records";

// The proxy's markers and sentinels, as @pulumi/policy/proxy exports them (not in its typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;

const IS_PROXY = proxy.isSpecialProxy as string;
const TARGET = proxy.getSpecialProxyTarget as string;

/** The sentinels the proxy refuses to hand out (the deserializer's unknown values). */
const SENTINELS: ReadonlySet<unknown> = new Set(
    ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue", "unknownArchiveValue", "unknownObjectValue"].map((k) => proxy[k]),
);

/**
 * True when `value` is plain data (strings, numbers, booleans, null, plain
 * objects and arrays) with no unknown sentinel anywhere in it. Anything
 * else (a class instance, an asset) is not looked into and counts as unsafe,
 * so such a resource keeps the proxy.
 */
function plainAndKnown(value: unknown, depth: number): boolean {
    if (value === null || value === undefined) return true;
    switch (typeof value) {
        case "string":
            return !SENTINELS.has(value);
        case "number":
        case "boolean":
            return true;
        case "object": {
            if (depth > 64) return false;
            if (Array.isArray(value)) {
                for (const item of value) if (!plainAndKnown(item, depth + 1)) return false;
                return true;
            }
            const proto = Object.getPrototypeOf(value) as unknown;
            if (proto !== Object.prototype && proto !== null) return false;
            for (const key in value) {
                if (!plainAndKnown((value as Record<string, unknown>)[key], depth + 1)) return false;
            }
            return true;
        }
        default:
            return false;
    }
}

/**
 * The resource with its props unwrapped when they are the policy proxy over
 * plain, fully known data; otherwise the resource as given.
 */
export function withPlainProps(resource: StackResource): StackResource {
    const props = resource.props as Record<string, unknown> | undefined;
    if (props === null || typeof props !== "object" || props[IS_PROXY] !== true) return resource;
    const target = props[TARGET];
    if (!plainAndKnown(target, 0)) return resource;
    return { type: resource.type, urn: resource.urn, name: resource.name, props: target as Record<string, unknown> };
}
