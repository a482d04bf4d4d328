/**
 * DNS names, stated once.
 *
 * Invariants of every name the planner produces (as in DNSControl's model):
 * absolute, lower case, ASCII (IDN in punycode), without a trailing dot.
 * SRV targets in presentation form carry the trailing dot instead, as RFC
 * 1035 master files and Route 53 write them.
 */
import { domainToASCII } from "node:url";

/** RFC 1035 §2.3.4: 63 octets a label, 255 octets on the wire, so 253 characters in text. */
const MAX_LABEL = 63;
/** The longest name in text form, without the trailing dot (RFC 1035 §2.3.4: 255 octets on the wire). */
export const MAX_NAME = 253;
/** RFC 952 / RFC 1123 host names: letters, digits and inner hyphens. */
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** A result that is either a value or the reason it could not be made. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The given value quoted as JSON, so that newlines and quotes stay visible on one line. */
export function quote(value: unknown): string {
    // Error messages quote what a user gave, and a program may give anything:
    // JSON.stringify throws on a BigInt (`ttl: 3600n`) and on a circular
    // structure, which must be reported as a ConfigError, not crash the check.
    if (typeof value === "bigint") return `${value}n`;
    // JSON has no NaN or Infinity: JSON.stringify writes them as null, which is not what was given (`ttl: .nan` in YAML).
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    try {
        return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(value);
    } catch {
        return "(a value that cannot be written out)";
    }
}

/** Names a character the way an admin would look for it. */
function describeChar(ch: string): string {
    const names: Record<string, string> = {
        " ": "a space", "\t": "a tab", "\n": "a newline", "\r": "a carriage return",
        "\"": "a double quote", "'": "a quote", "\\": "a backslash", ";": "\";\" (a zone-file comment)",
        "$": "\"$\" (a zone-file directive)", "(": "\"(\"", ")": "\")\"", "_": "an underscore", "@": "\"@\"",
        "*": "\"*\" (a wildcard)", "/": "\"/\"", ":": "\":\"",
    };
    if (names[ch]) return names[ch];
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
    return quote(ch);
}

/** Checks labels already lower-cased and in ASCII; returns the first problem. */
function labelProblem(labels: string[]): string | undefined {
    for (const label of labels) {
        if (label.length === 0) return "it has an empty label (two dots in a row, or a leading dot)";
        if (label.length > MAX_LABEL) return `label "${label.slice(0, 20)}…" has ${label.length} characters; at most ${MAX_LABEL} are allowed`;
        if (!LDH_LABEL.test(label)) return `label ${quote(label)} must be letters, digits and hyphens, not starting or ending with a hyphen`;
    }
    return undefined;
}

/** True for the ASCII characters a host name may hold: letters, digits, hyphens and dots. */
function isHostNameAscii(code: number): boolean {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}

/**
 * The first ASCII character of `raw` a host name may not hold, if any
 * (other characters are IDN, judged later). Scanned by char code: a spread
 * into characters and a regular expression per character made most of the
 * garbage of checking thousands of domains.
 */
function firstForbiddenAscii(raw: string): string | undefined {
    for (let i = 0; i < raw.length; i++) {
        const code = raw.charCodeAt(i);
        if (code < 0x80 && !isHostNameAscii(code)) return raw[i];
    }
    return undefined;
}

/**
 * Turns what a user wrote into a host name in canonical form, or says why it
 * is not one. Accepts upper case, one trailing dot and Unicode (IDNA, to
 * punycode). Refuses anything that could change the meaning of a zone file
 * (spaces, `;`, `$`, quotes, parentheses, backslashes, control characters),
 * underscores, single-label names and all-numeric top-level labels (which is
 * how an IP address given as a name shows up).
 */
export function canonicalHostName(raw: string): Checked<string> {
    const bad = firstForbiddenAscii(raw);
    if (bad !== undefined) return { ok: false, reason: `it contains ${describeChar(bad)}; a host name holds only letters, digits, hyphens and dots` };
    let name = raw;
    if (/[^\x00-\x7f]/.test(name)) {
        name = domainToASCII(name);
        if (name === "") return { ok: false, reason: "it is not a valid internationalized domain name (IDNA)" };
    }
    name = name.toLowerCase();
    if (name.endsWith(".")) name = name.slice(0, -1);
    if (name === "") return { ok: false, reason: "it is empty" };
    if (name.length > MAX_NAME) return { ok: false, reason: `it has ${name.length} characters; at most ${MAX_NAME} are allowed` };
    const labels = name.split(".");
    const problem = labelProblem(labels);
    if (problem) return { ok: false, reason: problem };
    if (labels.length < 2) return { ok: false, reason: "it has a single label; give the full domain name, e.g. contoso.com" };
    if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return { ok: false, reason: "its last label is all digits (an IP address is not a DNS name)" };
    return { ok: true, value: name };
}

/**
 * Checks a relative host label such as `sip` or `sip.edge` (one or more
 * labels, prefixed to each SIP domain). Lower-cases it.
 */
export function canonicalRelativeName(raw: string): Checked<string> {
    const bad = [...raw].find((ch) => !/[A-Za-z0-9.-]/.test(ch));
    if (bad !== undefined) return { ok: false, reason: `it contains ${describeChar(bad)}; a host label holds only letters, digits and hyphens` };
    const name = raw.toLowerCase();
    if (name === "") return { ok: false, reason: "it is empty" };
    if (name.endsWith(".")) return { ok: false, reason: "it ends with a dot; give the label alone, e.g. \"sip\", which is put in front of each SIP domain" };
    const problem = labelProblem(name.split("."));
    return problem ? { ok: false, reason: problem } : { ok: true, value: name };
}

/** True when no character of `text` is in [low, high] or outside ASCII (where case mapping may change it). */
function asciiOutside(text: string, low: number, high: number): boolean {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if ((c >= low && c <= high) || c > 0x7f) return false;
    }
    return true;
}

/**
 * `text.toLowerCase()`, but the very string when that would change nothing.
 * `toLowerCase` copies even a string already lower case, as DNS names read
 * from a stack almost always are: tens of thousands of copies a stack, all
 * garbage at once.
 */
export function lowerCase(text: string): string {
    return asciiOutside(text, 65, 90) ? text : text.toLowerCase();
}

/** `text.toUpperCase()`, but the very string when that would change nothing (record types: `SRV`, `A`). */
export function upperCase(text: string): string {
    return asciiOutside(text, 97, 122) ? text : text.toUpperCase();
}

/** `text` without one trailing dot (`text.replace(/\.$/, "")`, which copies even when there is none). */
export function withoutTrailingDot(text: string): string {
    return text.charCodeAt(text.length - 1) === 46 ? text.slice(0, -1) : text;
}

/** True when `name` is `zone` itself or lies below it. Both canonical. */
export function isWithin(name: string, zone: string): boolean {
    // `name.endsWith(`.${zone}`)`, without a new string per call.
    return name === zone || (name.length > zone.length && name.endsWith(zone) && name.charCodeAt(name.length - zone.length - 1) === 46);
}

/** The name relative to its zone, `@` for the apex (Azure DNS, zone files). */
export function relativeName(name: string, zone: string): string {
    return name === zone ? "@" : name.slice(0, name.length - zone.length - 1);
}

/** The most specific of `zones` that holds `name`, if any. */
export function enclosingZone(name: string, zones: Iterable<string>): string | undefined {
    return zoneFinder(zones)(name);
}

/**
 * A lookup of the most specific enclosing zone that costs one set probe per
 * label of the name, not one comparison per zone: rules and planner stay
 * linear when thousands of zones meet thousands of names.
 */
export function zoneFinder(zones: Iterable<string>): (name: string) => string | undefined {
    const known = new Set(zones);
    return (name) => {
        for (let suffix = name; ; ) {
            if (known.has(suffix)) return suffix;
            const dot = suffix.indexOf(".");
            if (dot < 0) return undefined;
            suffix = suffix.slice(dot + 1);
        }
    };
}

/** An absolute name in presentation form, with its trailing dot (SRV targets, zone files). */
export function absolute(name: string): string {
    return `${name}.`;
}

/**
 * Canonical form of a name found in the wild (a resource's inputs, a
 * resolver's answer): lower case, no trailing dot; made absolute against
 * `zone` when it is relative (`@` is the zone itself).
 */
export function normalizeFoundName(name: string, zone?: string): string {
    let n = lowerCase(name.trim());
    const isAbsolute = n.endsWith(".");
    if (isAbsolute) n = n.slice(0, -1);
    if (!zone) return n;
    const z = normalizeFoundName(zone);
    if (n === "@" || n === "") return z;
    if (isAbsolute || isWithin(n, z)) return n;
    return `${n}.${z}`;
}
