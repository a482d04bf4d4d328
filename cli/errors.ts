/**
 * How every entry point (the CLI, `npm start`) turns a failure into what a
 * person reads: one block of text and an exit code. A mistake in the input
 * or the command line never shows a stack trace; an unexpected error shows
 * one only with `LYNC_EDGE_DNS_DEBUG=1`.
 */
import { ConfigError } from "../components/core/config/errors";
import { DEFAULT_WIDTH, usageLines, wrapBlock } from "./text-layout";

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, problem: 1, usage: 2 } as const;

/** The environment variable that adds stack traces to unexpected errors. */
export const DEBUG_VARIABLE = "LYNC_EDGE_DNS_DEBUG";

/** The command line is wrong: exit 2, with the usage line. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** Something the user named cannot be used (a folder to write to, say): exit 1, no stack trace. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

/** Pulumi's `RunError` (its message is meant for the user, as Pulumi prints it without a trace); read by its marker, loading no Pulumi module. */
function isPulumiRunError(error: unknown): error is Error {
    return error instanceof Error && (error as { __pulumiRunError?: unknown }).__pulumiRunError === true;
}

/** True when `LYNC_EDGE_DNS_DEBUG` asks for stack traces. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
    const value = env[DEBUG_VARIABLE];
    return value !== undefined && value !== "" && value !== "0";
}

/** A failure as printed: the text (ending in a newline) and the exit code. */
export interface FailureReport {
    text: string;
    code: number;
}

/**
 * The report of a failure, its lines wrapped to `width` (the core's
 * `ConfigError` keeps one line per problem for library users; wrapping is
 * how the CLI and `npm start` show it). `program` prefixes messages that do
 * not speak for themselves; `usage` follows a usage error. Pulumi's
 * `RunError` (a missing stack config key, say) is the user's input like a
 * `ConfigError`. A stack trace is never wrapped.
 */
export function describeFailure(error: unknown, program: string, usage: string, debug: boolean = debugEnabled(), width: number = DEFAULT_WIDTH): FailureReport {
    const trace = debug && error instanceof Error && error.stack ? `${error.stack}\n` : "";
    const block = (text: string) => `${wrapBlock(text, width).join("\n")}\n`;
    if (error instanceof UsageError) return { text: `${block(`${program}: ${error.message}`)}${usageLines(usage, width).join("\n")}\n`, code: EXIT.usage };
    if (ConfigError.isInstance(error)) return { text: `${block(error.message)}${trace}`, code: EXIT.problem };
    if (error instanceof InputError || isPulumiRunError(error)) {
        return { text: `${block(`${program}: ${error.message}`)}${trace}`, code: EXIT.problem };
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
        text: `${block(`${program}: unexpected error: ${message}`)}${trace || `(set ${DEBUG_VARIABLE}=1 to see where it happened)\n`}`,
        code: EXIT.problem,
    };
}
