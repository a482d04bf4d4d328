/** SRV values between their zone-file text and their fields (RFC 2782). */
import { lowerCase, withoutTrailingDot } from "../dns/names";

/** The fields of one SRV value. */
export interface SrvValue {
    priority: number;
    weight: number;
    port: number;
    /** Absolute target, lower case, without trailing dot. */
    target: string;
}

/** `{0, 0, 5061, "sip.contoso.com"}` becomes `"0 0 5061 sip.contoso.com."`. */
export function formatSrv(value: SrvValue): string {
    return `${value.priority} ${value.weight} ${value.port} ${value.target}.`;
}

/**
 * The usual form read without a regular expression, `"0 0 5061 sip.contoso.com."`:
 * three fields of 1 to 5 digits and a target of printable ASCII, single
 * spaces between, nothing around. `null` for any other text, which the
 * general reading below decides (the same answer, found more slowly).
 */
function parseUsualSrv(text: string): SrvValue | undefined | null {
    let at = 0;
    let priority = 0;
    let weight = 0;
    let port = 0;
    for (let field = 0; field < 3; field++) {
        const start = at;
        let n = 0;
        for (let c = text.charCodeAt(at); c >= 48 && c <= 57; c = text.charCodeAt(++at)) n = n * 10 + (c - 48);
        if (at === start || at - start > 5 || text.charCodeAt(at) !== 32) return null;
        if (field === 0) priority = n;
        else if (field === 1) weight = n;
        else port = n;
        at++;
    }
    const start = at;
    if (start >= text.length) return null;
    for (; at < text.length; at++) {
        const c = text.charCodeAt(at);
        if (c < 33 || c > 126) return null;
    }
    if (priority > 65535 || weight > 65535 || port > 65535) return undefined;
    // Lower case, one trailing dot dropped.
    const end = text.charCodeAt(text.length - 1) === 46 ? text.length - 1 : text.length;
    return { priority, weight, port, target: lowerCase(text.slice(start, end)) };
}

/**
 * Reads `"priority weight port target"`, as the plan, Route 53 and zone files
 * write it. Returns undefined when it is not four fields of that form.
 */
export function parseSrv(text: string): SrvValue | undefined {
    const usual = parseUsualSrv(text);
    if (usual !== null) return usual;
    const fields = text.trim().split(/\s+/);
    const [priority, weight, port, target] = fields.map((f, i) => (i === 3 ? f : /^\d{1,5}$/.test(f) ? Number(f) : NaN));
    if (fields.length !== 4 || typeof target !== "string") return undefined;
    const field = (n: number | string | undefined): number | undefined => (typeof n === "number" && Number.isInteger(n) && n <= 65535 ? n : undefined);
    const [p, w, o] = [field(priority), field(weight), field(port)];
    if (p === undefined || w === undefined || o === undefined) return undefined;
    return { priority: p, weight: w, port: o, target: withoutTrailingDot(lowerCase(target)) };
}
