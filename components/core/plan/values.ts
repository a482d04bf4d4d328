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
    if (fields.length !== 4) return undefined;
    const [priority, weight, port] = fields.slice(0, 3).map((f) => (/^\d{1,5}$/.test(f) ? Number(f) : NaN));
    if (![priority, weight, port].every((n) => Number.isInteger(n) && n >= 0 && n <= 65535)) return undefined;
    return { priority, weight, port, target: fields[3].toLowerCase().replace(/\.$/, "") };
}
