/** SRV values between their zone-file text and their fields (RFC 2782). */

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
 * Reads `"priority weight port target"`, as the plan, Route 53 and zone files
 * write it. Returns undefined when it is not four fields of that form.
 */
export function parseSrv(text: string): SrvValue | undefined {
    const fields = text.trim().split(/\s+/);
    const [priority, weight, port, target] = fields.map((f, i) => (i === 3 ? f : /^\d{1,5}$/.test(f) ? Number(f) : NaN));
    if (fields.length !== 4 || typeof target !== "string") return undefined;
    const field = (n: number | string | undefined): number | undefined => (typeof n === "number" && Number.isInteger(n) && n <= 65535 ? n : undefined);
    const [p, w, o] = [field(priority), field(weight), field(port)];
    if (p === undefined || w === undefined || o === undefined) return undefined;
    return { priority: p, weight: w, port: o, target: target.toLowerCase().replace(/\.$/, "") };
}
