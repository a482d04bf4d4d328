/**
 * RFC 1035 master files from the plan: what BIND loads, and what Route 53
 * ("Import zone file") and Azure DNS (`az network dns zone import`) import.
 * Names are absolute with the trailing dot, one value a line.
 */
import { absolute } from "./dns/names";
import type { PlannedZone } from "./plan/model";

/** Options of `renderZoneFile`. */
export interface ZoneFileOptions {
    /**
     * Add a placeholder SOA and NS at the apex so that BIND loads the file
     * on its own. Leave it off for an import into Route 53 or Azure DNS, which
     * keep their own SOA and NS.
     * @default false
     */
    soa?: boolean;
    /** A comment line at the top, e.g. where the file came from. */
    comment?: string;
}

/**
 * Above the placeholder SOA and NS: what they are for and what to do with
 * them, so that nobody publishes them or wonders where the name server is.
 */
export const PLACEHOLDER_APEX_COMMENT: readonly string[] = [
    "; Placeholder SOA and NS, only so that BIND loads this file as it is.",
    "; Delete these two lines before importing into Route 53 or Azure DNS:",
    "; they keep the zone's own SOA and NS (ns.lync-edge-dns.invalid. is no server).",
];

/** The NS name of the placeholder apex: `.invalid` is reserved (RFC 2606), so it can never be mistaken for a real server. */
export const PLACEHOLDER_NS = "ns.lync-edge-dns.invalid.";

/** One zone as a master file. */
export function renderZoneFile(zone: PlannedZone, options: ZoneFileOptions = {}): string {
    const ttl = zone.records[0]?.ttl ?? 3600;
    const origin = absolute(zone.zone);
    const rows: [string, string, string, string][] = [];
    if (options.soa) {
        rows.push([origin, String(ttl), "SOA", `${PLACEHOLDER_NS} hostmaster.${origin} 1 3600 600 1209600 300`]);
        rows.push([origin, String(ttl), "NS", PLACEHOLDER_NS]);
    }
    for (const record of zone.records) {
        for (const value of record.values) rows.push([absolute(record.name), String(record.ttl), record.type, value]);
    }
    const width = rows.reduce((w, [name]) => Math.max(w, name.length), 0);
    const line = ([name, t, type, value]: [string, string, string, string]) => `${name.padEnd(width)} ${t} IN ${type.padEnd(4)} ${value}`;
    const lines = [
        ...(options.comment ? [`; ${options.comment.replace(/[\r\n]+/g, " ")}`] : []),
        `$ORIGIN ${origin}`,
        `$TTL ${ttl}`,
    ];
    const apex = options.soa ? 2 : 0;
    if (options.soa) lines.push(...PLACEHOLDER_APEX_COMMENT, ...rows.slice(0, apex).map(line), "; The Edge records:");
    for (const row of rows.slice(apex)) lines.push(line(row));
    return `${lines.join("\n")}\n`;
}
