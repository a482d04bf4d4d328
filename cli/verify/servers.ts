/**
 * DNS servers as a user writes them (`--server 127.0.0.1:5353`,
 * `--server ns1.example.net:5353`), checked, host names resolved, and
 * turned into what node's `Resolver.setServers` takes.
 */
import * as ipaddr from "ipaddr.js";

/** A server address or verify option that cannot be used, with a message for the user. */
export class VerifyOptionError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "VerifyOptionError";
    }
}

/** One server as given: an IP address or a host name, and the port if one was given. */
export interface ServerSpec {
    /** An IP address (IPv6 per RFC 5952) or a host name (lower case, without trailing dot). */
    host: string;
    kind: "ip" | "name";
    port?: number;
}

/** How a host name is resolved: node's `dns.promises.lookup` (getaddrinfo: /etc/hosts, then DNS), all addresses. */
export type HostLookup = (host: string, options: { all: true }) => Promise<{ address: string; family: number }[]>;

/** node's lookup, its module loaded when a name is looked up: `plan` parses no --server and never needs it. */
const systemLookup: HostLookup = (host, options) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("node:dns/promises") as typeof import("node:dns/promises")).lookup(host, options);

function checkPort(text: string, raw: string): number {
    const port = Number(text);
    if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) {
        throw new VerifyOptionError(`--server ${JSON.stringify(raw)}: the port must be a number from 1 to 65535, got ${/^\d+$/.test(text) ? text : JSON.stringify(text)}`);
    }
    return port;
}

/** RFC 1123 host name: labels of letters, digits and inner hyphens, up to 63 each, 253 in all, the last not all digits. */
function isHostName(text: string): boolean {
    const name = text.replace(/\.$/, "");
    if (name.length === 0 || name.length > 253) return false;
    const labels = name.split(".");
    return labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

/**
 * Checks one server, `HOST[:PORT]` with an IPv4 address or a host name,
 * `[IPv6]:PORT` or a bare IPv6 address. Nothing is resolved here. Throws
 * `VerifyOptionError`.
 */
export function parseServer(raw: string): ServerSpec {
    const text = raw.trim();
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
    if (bracketed) {
        const [, address, port] = bracketed;
        if (!ipaddr.IPv6.isValid(address)) throw new VerifyOptionError(`--server ${JSON.stringify(raw)}: ${JSON.stringify(address)} is not an IPv6 address`);
        const host = ipaddr.IPv6.parse(address).toRFC5952String();
        return port === undefined ? { host, kind: "ip" } : { host, kind: "ip", port: checkPort(port, raw) };
    }
    if (ipaddr.IPv6.isValid(text)) return { host: ipaddr.IPv6.parse(text).toRFC5952String(), kind: "ip" };
    const [host, port, ...rest] = text.split(":");
    const kind = ipaddr.IPv4.isValidFourPartDecimal(host) ? "ip" : isHostName(host) ? "name" : undefined;
    if (rest.length === 0 && kind) {
        const spec: ServerSpec = { host: kind === "name" ? host.toLowerCase().replace(/\.$/, "") : host, kind };
        return port === undefined ? spec : { ...spec, port: checkPort(port, raw) };
    }
    throw new VerifyOptionError(
        `--server ${JSON.stringify(raw)} is not a server: give HOST[:PORT] with an IPv4 address or a host name, [IPV6]:PORT or IPV6 (e.g. 127.0.0.1:5353, ns1.example.net, [::1]:5353)`,
    );
}

/** An address and port in the form `setServers` takes. */
function serverString(address: string, port: number | undefined): string {
    if (ipaddr.IPv6.isValid(address)) {
        const canonical = ipaddr.IPv6.parse(address).toRFC5952String();
        return port === undefined ? canonical : `[${canonical}]:${port}`;
    }
    return port === undefined ? address : `${address}:${port}`;
}

/**
 * Every server checked and every host name resolved, once, to all its
 * addresses (each with the port given), in the form `setServers` takes,
 * without duplicates. A name that does not resolve is a `VerifyOptionError`.
 * Names under `invalid.` never resolve (RFC 6761 §6.4) and are not looked up.
 */
export async function resolveServers(raws: readonly string[], lookup: HostLookup = systemLookup): Promise<string[]> {
    const specs = raws.map((raw) => ({ raw, spec: parseServer(raw) }));
    const resolved = await Promise.all(specs.map(async ({ raw, spec }) => {
        if (spec.kind === "ip") return [serverString(spec.host, spec.port)];
        let addresses: string[] = [];
        let reason = "ENOTFOUND";
        if (!/(^|\.)invalid$/.test(spec.host)) {
            try {
                addresses = (await lookup(spec.host, { all: true })).map((a) => a.address);
            } catch (error) {
                reason = (error as NodeJS.ErrnoException).code ?? String(error);
            }
        }
        if (addresses.length === 0) {
            throw new VerifyOptionError(`--server ${JSON.stringify(raw)}: the host name ${spec.host} does not resolve (${reason}); give a name that resolves, or an IP address`);
        }
        return addresses.map((a) => serverString(a, spec.port));
    }));
    return [...new Set(resolved.flat())];
}
