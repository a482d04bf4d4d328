/**
 * Reading master files back, with parsers that share no code with
 * `renderZoneFile`: the `dns-zonefile` package (RFC 1035 parser, RDATA read
 * into fields) and BIND's `named-checkzone -D` (BIND's own loader, dumping
 * the zone in canonical form). Both give record sets in the plan's form so a
 * test can compare them with the plan.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as ipaddr from "ipaddr.js";
import zonefile from "dns-zonefile";
import { requireTool } from "./tools";

/** A record set read from a master file, keyed like the plan: `name type`. */
export interface ParsedSet {
    name: string;
    type: string;
    ttl: number;
    values: string[];
}

function canonicalName(name: string, origin: string): string {
    const n = name.toLowerCase();
    if (n === "@") return origin;
    if (n.endsWith(".")) return n.slice(0, -1);
    return `${n}.${origin}`;
}

/** Addresses compared as addresses (RFC 5952 / dotted decimal); anything else kept as it is, so that it shows as a difference. */
function canonicalAddress(text: string): string {
    if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
    if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text).toRFC5952String();
    return text;
}

/** Groups records into sets, values sorted; a (name, type) whose lines disagree on the TTL gets NaN, so that a comparison shows it. */
function group(records: { name: string; type: string; ttl: number; value: string }[]): ParsedSet[] {
    const sets = new Map<string, ParsedSet>();
    for (const r of records) {
        const key = `${r.name} ${r.type}`;
        const set = sets.get(key) ?? { name: r.name, type: r.type, ttl: r.ttl, values: [] };
        if (set.ttl !== r.ttl) set.ttl = Number.NaN; // one set, one TTL: a mismatch must show
        set.values.push(r.value);
        sets.set(key, set);
    }
    return [...sets.values()].map((s) => ({ ...s, values: s.values.sort() })).sort((a, b) => (`${a.name} ${a.type}` < `${b.name} ${b.type}` ? -1 : 1));
}

/**
 * Parses a master file with `dns-zonefile`. Record types it does not know,
 * or lines it cannot read, simply do not come back: the caller compares the
 * count of records with the count of record lines.
 */
export function parseWithDnsZonefile(text: string): { origin: string; ttl: number; sets: ParsedSet[]; records: number } {
    const parsed = zonefile.parse(text);
    const origin = (parsed.$origin ?? "").toLowerCase().replace(/\.$/, "");
    const ttl = Number(parsed.$ttl);
    const records = [
        ...(parsed.a ?? []).map((r) => ({ name: r.name, type: "A", ttl: r.ttl ?? ttl, value: canonicalAddress(r.ip) })),
        ...(parsed.aaaa ?? []).map((r) => ({ name: r.name, type: "AAAA", ttl: r.ttl ?? ttl, value: canonicalAddress(r.ip) })),
        ...(parsed.srv ?? []).map((r) => ({
            name: r.name, type: "SRV", ttl: r.ttl ?? ttl,
            value: `${r.priority} ${r.weight} ${r.port} ${canonicalName(r.target, origin)}.`,
        })),
        ...(parsed.cname ?? []).map((r) => ({ name: r.name, type: "CNAME", ttl: r.ttl ?? ttl, value: r.alias })),
        ...(parsed.txt ?? []).map((r) => ({ name: r.name, type: "TXT", ttl: r.ttl ?? ttl, value: r.txt })),
        ...(parsed.ns ?? []).map((r) => ({ name: r.name, type: "NS", ttl: r.ttl ?? ttl, value: r.host })),
    ].map((r) => ({ ...r, name: canonicalName(r.name, origin) }));
    return { origin, ttl, sets: group(records), records: records.length };
}

const run = promisify(execFile);

/**
 * Loads a master file (which must carry SOA and NS) with BIND's
 * `named-checkzone` and reads its canonical dump (`-D -o -`): absolute
 * names, explicit TTL and class on every line. BIND refuses the zone, and
 * this throws with its message, if any line is not valid RFC 1035.
 * SOA and NS at the apex are left out of the result.
 */
export async function parseWithBind(zone: string, text: string): Promise<ParsedSet[]> {
    const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-zone-"));
    try {
        const file = join(dir, `${zone}.zone`);
        writeFileSync(file, text);
        // -k fail: an owner or SRV target that is not a host name fails the load
        // instead of warning. -i local: integrity checks on in-zone data only, so
        // that BIND never asks the network about a name outside the zone.
        const { stdout } = await run(requireTool("named-checkzone"), ["-q", "-k", "fail", "-i", "local", "-D", "-o", "-", zone, file], { encoding: "utf8" })
            .catch((error: { stdout?: string; stderr?: string; message: string }) => {
                throw new Error(`named-checkzone refused ${zone}: ${error.stdout ?? ""}${error.stderr ?? ""}${error.message}`);
            });
        const records = stdout.split("\n").filter((line) => line.trim() !== "").map((line) => {
            const [name, ttl, klass, type, ...rdata] = line.trim().split(/\s+/);
            if (klass !== "IN") throw new Error(`named-checkzone dump: unexpected line ${JSON.stringify(line)}`);
            const value = type === "A" || type === "AAAA" ? canonicalAddress(rdata.join(" ")) : rdata.join(" ").toLowerCase();
            return { name: canonicalName(name, zone), type, ttl: Number(ttl), value };
        }).filter((r) => !(r.name === zone && (r.type === "SOA" || r.type === "NS")));
        return group(records);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
