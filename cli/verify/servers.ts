/**
 * DNS server addresses as a user writes them (`--server 127.0.0.1:5353`),
 * checked and turned into what node's `Resolver.setServers` takes.
 */
import * as ipaddr from "ipaddr.js";

/** A server address or verify option that cannot be used, with a message for the user. */
export class VerifyOptionError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "VerifyOptionError";
    }
}

function checkPort(text: string, raw: string): void {
    const port = Number(text);
    if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) {
        throw new VerifyOptionError(`DNS server ${JSON.stringify(raw)}: port ${JSON.stringify(text)} is not a number from 1 to 65535`);
    }
}

/**
 * Checks one server, `HOST[:PORT]` with an IPv4 address, `[IPv6]:PORT` or a
 * bare IPv6 address, and returns it in the form `setServers` takes. Host
 * names are refused: the resolver needs an address to send its queries to.
 * Throws `VerifyOptionError`.
 */
export function parseServer(raw: string): string {
    const text = raw.trim();
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
    if (bracketed) {
        const [, address, port] = bracketed;
        if (!ipaddr.IPv6.isValid(address)) throw new VerifyOptionError(`DNS server ${JSON.stringify(raw)}: ${JSON.stringify(address)} is not an IPv6 address`);
        if (port !== undefined) checkPort(port, raw);
        const canonical = ipaddr.IPv6.parse(address).toRFC5952String();
        return port === undefined ? canonical : `[${canonical}]:${port}`;
    }
    if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text).toRFC5952String();
    const [address, port, ...rest] = text.split(":");
    if (rest.length === 0 && ipaddr.IPv4.isValidFourPartDecimal(address)) {
        if (port !== undefined) checkPort(port, raw);
        return port === undefined ? address : `${address}:${port}`;
    }
    throw new VerifyOptionError(
        `DNS server ${JSON.stringify(raw)} is not an IP address with an optional port: give IPV4[:PORT], [IPV6]:PORT or IPV6 (e.g. 127.0.0.1:5353, [::1]:5353); host names cannot be used`,
    );
}
