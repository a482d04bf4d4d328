/**
 * How the pack reads the props of a stack's resources: every value through
 * `get`, which gives `UNKNOWN` for a value not known until the update (the
 * readers never see the SDK's sentinels).
 */
import { UnknownValueError } from "@pulumi/policy";
import { UNKNOWN, type Known, type ReadContext } from "../components/providers/stack-reader";
import { isUnknownValue } from "./plain-props";

/**
 * `from[key]`, `UNKNOWN` for a value not known until the update: the
 * sentinel in the raw props, or the error of a proxy the props are still
 * behind (rawProps leaves a proxy that is not the SDK's).
 */
export function get(from: unknown, key: string | number): Known<unknown> {
    let value: unknown;
    try {
        value = (from as Record<string | number, unknown>)[key];
    } catch (error) {
        if (error instanceof UnknownValueError) return UNKNOWN;
        throw error;
    }
    return isUnknownValue(value) ? UNKNOWN : value;
}

/** The context the readers get. */
export const READ: ReadContext = { get };
