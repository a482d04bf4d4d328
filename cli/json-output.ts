/**
 * JSON for machines, written in pieces: exactly `JSON.stringify(value, null,
 * 2)` and a newline, but the containers near the top are laid out here and
 * only their items are stringified, so that a plan of 60,000 record sets is
 * never one 15 MB string, and then its copy in bytes, at once.
 */

/** Bytes (about) gathered before each write: few writes, no large strings. */
const CHUNK = 1 << 16;

/** An array or a plain object; anything else (a Date, a boxed string, a value with toJSON) is JSON.stringify's to write. */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
    if (typeof value !== "object" || value === null) return false;
    if (Array.isArray(value)) return true;
    const proto = Object.getPrototypeOf(value);
    return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/** Whether JSON.stringify writes a property with this value at all (it leaves out undefined, functions and symbols). */
function written(value: unknown): boolean {
    return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

/**
 * The pieces of `JSON.stringify(value, null, 2)` for a value `indent` deep:
 * arrays and plain objects down to `depth` levels are laid out here, the
 * rest by JSON.stringify with its lines indented to where they stand.
 */
export function* jsonPieces(value: unknown, depth: number, indent = ""): Generator<string> {
    if (depth === 0 || !isPlainContainer(value)) {
        const text = JSON.stringify(value, null, 2) ?? "null";
        yield indent === "" ? text : text.replace(/\n/g, `\n${indent}`);
        return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
        if (value.length === 0) return yield "[]";
        yield "[";
        for (let i = 0; i < value.length; i++) {
            yield `${i === 0 ? "" : ","}\n${inner}`;
            // In an array, JSON.stringify writes null for what it would leave out of an object.
            yield* jsonPieces(written(value[i]) ? value[i] : null, depth - 1, inner);
        }
        return yield `\n${indent}]`;
    }
    const keys = Object.keys(value).filter((k) => written(value[k]));
    if (keys.length === 0) return yield "{}";
    yield "{";
    for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        yield `${i === 0 ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
        yield* jsonPieces(value[key], depth - 1, inner);
    }
    yield `\n${indent}}`;
}

/** Writes `JSON.stringify(value, null, 2)` and a newline through `write`, in chunks; containers are laid out down to `depth` levels. */
export function writeJson(write: (text: string) => void, value: unknown, depth = 4): void {
    let chunk = "";
    for (const piece of jsonPieces(value, depth)) {
        chunk += piece;
        if (chunk.length >= CHUNK) {
            write(chunk);
            chunk = "";
        }
    }
    write(`${chunk}\n`);
}
