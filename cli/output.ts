/**
 * Writing to stdout without surprises: long output goes out in chunks of
 * lines (no single giant string), and a reader that stops early
 * (`lync-edge-dns plan | head -1`) ends the program quietly with exit 0
 * instead of an EPIPE stack trace.
 */

/** Lines per write: large enough to be fast, small enough never to build a huge string. */
const CHUNK_LINES = 2000;

/** Writes `lines`, each followed by a newline, through `write` in chunks. */
export function writeLines(write: (text: string) => void, lines: readonly string[]): void {
    for (let start = 0; start < lines.length; start += CHUNK_LINES) {
        write(`${lines.slice(start, start + CHUNK_LINES).join("\n")}\n`);
    }
}

/**
 * Exits with 0 when the reader of `stream` has gone away (EPIPE): what was
 * asked for was read, and nothing is left to say to anybody.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
    stream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") exit(0);
        else throw error;
    });
}
