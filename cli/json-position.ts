/**
 * Where JSON text stops being JSON, for the messages of JSON.parse that do
 * not say (V8's "Unexpected token ']', ..." of a trailing comma, a single
 * quote or a comment, and "Unexpected end of JSON input"): a reader of
 * RFC 8259's grammar that returns the offset of the first character it
 * cannot take, or undefined for valid text or nesting too deep to follow.
 */

const WORDS: Record<string, string> = { t: "true", f: "false", n: "null" };

function isDigit(c: string | undefined): boolean {
    return c !== undefined && c >= "0" && c <= "9";
}

export function jsonErrorOffset(text: string): number | undefined {
    let i = 0;
    const space = (): void => {
        while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
    };
    const string = (): void => {
        if (text[i] !== "\"") throw i;
        for (i++; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 0x22) { i++; return; }
            if (c < 0x20) throw i;
            if (c !== 0x5c) continue;
            i++;
            if (text[i] === "u") {
                for (let k = 0; k < 4; k++) if (!/[0-9a-fA-F]/.test(text[++i] ?? "")) throw i;
            } else if (!"\"\\/bfnrt".includes(text[i] ?? "x")) {
                throw i;
            }
        }
        throw i;
    };
    // A word or a number, a character at a time: the offset is the first one that does not fit, as V8 gives it.
    const literal = (): void => {
        const word = WORDS[text[i] ?? ""];
        if (word !== undefined) {
            for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) throw i;
            return;
        }
        if (text[i] === "-") i++;
        if (text[i] === "0") i++;
        else if (isDigit(text[i])) while (isDigit(text[i])) i++;
        else throw i;
        if (text[i] === ".") {
            i++;
            if (!isDigit(text[i])) throw i;
            while (isDigit(text[i])) i++;
        }
        if (text[i] === "e" || text[i] === "E") {
            i++;
            if (text[i] === "+" || text[i] === "-") i++;
            if (!isDigit(text[i])) throw i;
            while (isDigit(text[i])) i++;
        }
    };
    // Each list and object: its items, then `,` or its closing bracket.
    const value = (): void => {
        space();
        const open = text[i];
        if (open === "\"") return string();
        if (open !== "[" && open !== "{") return literal();
        const close = open === "[" ? "]" : "}";
        i++;
        space();
        if (text[i] === close) { i++; return; }
        for (;;) {
            if (open === "{") {
                space();
                string();
                space();
                if (text[i] !== ":") throw i;
                i++;
            }
            value();
            space();
            if (text[i] === close) { i++; return; }
            if (text[i] !== ",") throw i;
            i++;
        }
    };
    try {
        value();
        space();
        return i < text.length ? i : undefined;
    } catch (at) {
        if (typeof at === "number") return at;
        // RangeError: nested deeper than the call stack; JSON.parse's own message stands alone.
        return undefined;
    }
}
