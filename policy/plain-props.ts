/**
 * The props of a stack's resources as the policy server deserialized them,
 * without its unknown-checking proxy (`@pulumi/policy/proxy`).
 *
 * Through the proxy, every property read allocates a path array and a
 * further proxy, and reading a value not known until the update (one of the
 * deserializer's sentinels) throws a new `UnknownValueError`, stack trace
 * and all. Over a large stack those reads were most of the pack's time, and
 * at a preview, where every record holds unknown outputs, the errors more
 * still. The proxy does nothing else: so the pack reads the proxy's own
 * target, and takes a sentinel for what it is, a value not known yet
 * (`isUnknownValue`), as the proxy would have thrown at the same read.
 */
import { types } from "node:util";
import type { StackResource } from "./stack-records";

// The proxy's marker and sentinels, as @pulumi/policy/proxy exports them (not in its typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;

const TARGET = proxy.getSpecialProxyTarget as string;

/** The sentinels the proxy refuses to hand out (the deserializer's unknown values): strings. */
const SENTINELS: ReadonlySet<unknown> = new Set(
    ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue", "unknownArchiveValue", "unknownObjectValue"].map((k) => proxy[k]),
);

/** Their lengths: most strings are told apart by length alone, without hashing them. */
const SENTINEL_LENGTHS: ReadonlySet<number> = new Set([...SENTINELS].map((s) => String(s).length));

/** True for a value not known until the update (one the proxy throws on). */
export function isUnknownValue(value: unknown): boolean {
    return typeof value === "string" && SENTINEL_LENGTHS.has(value.length) && SENTINELS.has(value);
}

/**
 * A resource's props without the policy SDK's proxy: its target, read once
 * through the proxy. Props that are not behind a proxy, or behind one that
 * is not the SDK's (it hands out no target), are given as they are.
 */
export function rawProps(resource: StackResource): unknown {
    const props = resource.props as unknown;
    if (props === null || typeof props !== "object" || !types.isProxy(props)) return props;
    const target = (props as Record<string, unknown>)[TARGET];
    return target !== null && typeof target === "object" ? target : props;
}
