/**
 * IP addresses for A and AAAA records: parsing, canonical form and what kind
 * of address each is. Classification comes from ipaddr.js, which tracks the
 * IANA special-purpose registries; this module only decides what each class
 * means for a public Edge record.
 */
import * as ipaddr from "ipaddr.js";
import type { Checked } from "./names";

/** What an address is, as far as publishing it in public DNS goes. */
export type AddressClass =
    | "public"
    /** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737), 2001:db8::/32 (RFC 3849), 3fff::/20 (RFC 9637). */
    | "documentation"
    | "private" | "loopback" | "link-local" | "CGNAT" | "multicast" | "unspecified" | "broadcast"
    | "unique-local" | "reserved";

/** A checked address in canonical text form (IPv6 per RFC 5952). */
export interface ParsedAddress {
    address: string;
    family: 4 | 6;
    class: AddressClass;
    /** For a documentation address, the range it lies in, e.g. `203.0.113.0/24`. */
    range?: string;
}

const DOCUMENTATION = [
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20",
].map((cidr) => ({ cidr, net: ipaddr.parseCIDR(cidr) }));

const CLASS_OF_RANGE: Record<string, AddressClass> = {
    unicast: "public",
    private: "private",
    loopback: "loopback",
    linkLocal: "link-local",
    carrierGradeNat: "CGNAT",
    multicast: "multicast",
    unspecified: "unspecified",
    broadcast: "broadcast",
    uniqueLocal: "unique-local",
    deprecatedSiteLocal: "private",
};

/** Classes that `allowPrivateAddresses` lets through; everything else but public and documentation is always refused. */
export const PRIVATE_CLASSES: ReadonlySet<AddressClass> = new Set<AddressClass>([
    "private", "loopback", "link-local", "CGNAT", "multicast", "unspecified", "unique-local", "broadcast", "reserved",
]);

/**
 * Global unicast IPv6 (RFC 4291 §2.4, IANA "IPv6 Address Space"): only
 * 2000::/3 is allocated for it. Anything else that ipaddr.js calls plain
 * unicast (`4000::1`, or `::a00:1`, which embeds 10.0.0.1) is not reachable
 * on the Internet.
 */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

function classify(addr: ipaddr.IPv4 | ipaddr.IPv6): Omit<ParsedAddress, "address" | "family"> {
    const doc = DOCUMENTATION.find(({ net: [net, bits] }) => addr.kind() === net.kind() && addr.match(net, bits));
    if (doc) return { class: "documentation", range: doc.cidr };
    const kind = CLASS_OF_RANGE[addr.range()] ?? "reserved";
    if (kind === "public" && addr.kind() === "ipv6" && !addr.match(GLOBAL_UNICAST_V6)) return { class: "reserved" };
    return { class: kind };
}

/**
 * Parses an IPv4 address (four decimal parts, no leading zeros) or an IPv6
 * address (no zone index). An IPv4-mapped IPv6 address is refused: write the
 * IPv4 address, which becomes an A record.
 */
export function parseAddress(raw: string): Checked<ParsedAddress> {
    if (ipaddr.IPv4.isValidFourPartDecimal(raw)) {
        const addr = ipaddr.IPv4.parse(raw);
        return { ok: true, value: { address: addr.toString(), family: 4, ...classify(addr) } };
    }
    if (!raw.includes("%") && ipaddr.IPv6.isValid(raw)) {
        const addr = ipaddr.IPv6.parse(raw);
        if (addr.isIPv4MappedAddress()) {
            return { ok: false, reason: `it is an IPv4-mapped IPv6 address; give the IPv4 address ${addr.toIPv4Address().toString()} instead` };
        }
        return { ok: true, value: { address: addr.toRFC5952String(), family: 6, ...classify(addr) } };
    }
    return { ok: false, reason: "it is not an IPv4 address (four decimal numbers 0-255) or an IPv6 address" };
}
