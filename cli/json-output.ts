/**
 * JSON for machines: `JSON.stringify(value, null, 2)` and a newline, handed
 * to the stream in slices. A plan of 60,000 record sets is a 15 MB string;
 * written whole, the stream would copy it into a 15 MB buffer as well, where
 * a slice of a flat string costs no copy and its bytes go out a chunk at a
 * time. (Stringifying piece by piece would spare the string too, but costs
 * three to four times as long.)
 */

/** Characters per write. */
const CHUNK = 1 << 16;

/** Writes `JSON.stringify(value, null, 2)` and a newline through `write`, in slices of `CHUNK` characters (the last with the newline). */
export function writeJson(write: (text: string) => void, value: unknown): void {
    // The newline goes with the last slice: added to the whole text, it
    // would make a second copy of it, as large, when the first slice is cut.
    // String(): `undefined`, a function or a symbol stringify to nothing, written as "undefined".
    const text = String(JSON.stringify(value, null, 2) as string | undefined);
    for (let start = 0; start < text.length; start += CHUNK) {
        const end = start + CHUNK;
        write(end >= text.length ? `${text.slice(start)}\n` : text.slice(start, end));
    }
}
