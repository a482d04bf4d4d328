/**
 * A progress line for long verify runs: `checked 120/60000 record sets` on
 * one line of stderr, rewritten in place every 250 ms, and wiped at the
 * end, so that a slow run shows it is alive and the report stays clean.
 * Only on a terminal: piped or redirected output gets nothing.
 */

/** Where the line goes: a stream that may be a terminal. */
export interface ProgressStream {
    isTTY?: boolean;
    write(text: string): unknown;
}

/** How often the line is rewritten. The first write comes after one interval, so that a quick run shows nothing. */
export const PROGRESS_INTERVAL_MS = 250;

/** Carriage return and "erase to end of line" (ECMA-48 EL): the line is rewritten where it stands. */
const REWRITE = "\r\x1b[K";

/** A running progress line: feed it with `update`, end it with `stop`. */
export interface Progress {
    update(checked: number, total: number): void;
    stop(): void;
}

/** Starts the progress line on `stream` if it is a terminal; otherwise a progress that writes nothing. */
export function startProgress(stream: ProgressStream, intervalMs = PROGRESS_INTERVAL_MS): Progress {
    if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
    let checked = 0;
    let total: number | undefined;
    let shown = false;
    const timer = setInterval(() => {
        if (total === undefined) return;
        stream.write(`${REWRITE}checked ${checked}/${total} record sets`);
        shown = true;
    }, intervalMs);
    return {
        update(n, of) {
            checked = n;
            total = of;
        },
        stop() {
            clearInterval(timer);
            if (shown) stream.write(REWRITE);
            shown = false;
        },
    };
}
