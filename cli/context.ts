/** What a command needs from the process: where to write, how wide to write, and how to end. */
import { DEFAULT_WIDTH } from "./text-layout";

/** A stream that may be a terminal. */
export interface Terminal {
    isTTY?: boolean;
    columns?: number;
}

/** The process as the commands see it; tests and `run()` callers may give their own. */
export interface CliContext {
    /** Standard output. */
    out(text: string): void;
    /** Standard error. */
    err(text: string): void;
    setExit(code: number): void;
    /** Standard output as a terminal, if it is one: colour and width follow it. */
    stdout: Terminal;
    /** Standard error as a terminal, if it is one. */
    stderr: Terminal;
}

/**
 * The width of output for people on `stream`: `DEFAULT_WIDTH` columns, or a terminal's
 * width when stdout is one, or no limit with `--wide`.
 */
export function outputWidth(stream: Terminal, wide: boolean | undefined): number {
    if (wide) return Infinity;
    const columns = stream.isTTY ? stream.columns : undefined;
    return columns !== undefined && columns >= 40 ? columns : DEFAULT_WIDTH;
}
