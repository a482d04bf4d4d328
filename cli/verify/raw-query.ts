/**
 * One DNS query sent by verify itself, over UDP and, when the answer comes
 * back truncated, again over TCP (RFC 7766), to read what node's resolver
 * does not show (see dns-message.ts). Loopback or not, it goes only to the
 * servers verify was told to ask, or the system's.
 */
import { randomInt } from "node:crypto";
import * as dgram from "node:dgram";
import * as net from "node:net";
import { decodeReply, encodeQuery, type DnsReply, type QueryType } from "./dns-message";

/** A server to send to. */
export interface ServerAddress {
    address: string;
    port: number;
}

/** A query that got no usable reply; `code` as node's resolver would name it (ETIMEOUT, ECONNREFUSED, EBADRESP, ECANCELLED). */
export class RawQueryError extends Error {
    constructor(readonly code: string, message: string) {
        super(message);
        this.name = "RawQueryError";
    }
}

/** A server in the form `Resolver.getServers()` gives it: `1.2.3.4`, `1.2.3.4:53`, `::1`, `[::1]:53`. */
export function serverAddress(server: string): ServerAddress {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
    if (bracketed) return { address: bracketed[1], port: Number(bracketed[2] ?? 53) };
    if (net.isIPv6(server)) return { address: server, port: 53 };
    const [address, port] = server.split(":");
    return { address, port: Number(port ?? 53) };
}

/** Settles once, after `timeoutMs` or an abort at the latest, and always cleans up. */
function exchange(
    timeoutMs: number, signal: AbortSignal | undefined,
    start: (done: (error: Error | undefined, reply?: DnsReply) => void) => () => void,
): Promise<DnsReply> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) { reject(new RawQueryError("ECANCELLED", "cancelled")); return; }
        let cleanup: () => void = () => undefined;
        let settled = false;
        const onAbort = (): void => done(new RawQueryError("ECANCELLED", "cancelled"));
        const timer = setTimeout(() => done(new RawQueryError("ETIMEOUT", "timeout")), timeoutMs);
        function done(error: Error | undefined, reply?: DnsReply): void {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener("abort", onAbort);
            cleanup();
            if (error) reject(error);
            else resolve(reply as DnsReply);
        }
        signal?.addEventListener("abort", onAbort);
        cleanup = start(done);
    });
}

function overUdp(server: ServerAddress, query: Buffer, id: number, timeoutMs: number, signal?: AbortSignal): Promise<DnsReply> {
    return exchange(timeoutMs, signal, (done) => {
        const socket = dgram.createSocket(net.isIPv6(server.address) ? "udp6" : "udp4");
        socket.on("error", (error) => done(new RawQueryError("ECONNREFUSED", error.message)));
        socket.on("message", (message, peer) => {
            // Anything not from the server, or not the reply to this query, is ignored (RFC 5452).
            if (peer.port !== server.port || message.length < 2 || message.readUInt16BE(0) !== id) return;
            try {
                done(undefined, decodeReply(message));
            } catch (error) {
                done(error as Error);
            }
        });
        socket.send(query, server.port, server.address);
        return () => socket.close();
    });
}

function overTcp(server: ServerAddress, query: Buffer, timeoutMs: number, signal?: AbortSignal): Promise<DnsReply> {
    return exchange(timeoutMs, signal, (done) => {
        const socket = net.connect(server.port, server.address);
        let received = Buffer.alloc(0);
        socket.on("error", (error) => done(new RawQueryError("ECONNREFUSED", error.message)));
        socket.on("close", () => done(new RawQueryError("ECONNREFUSED", "connection closed before a whole answer arrived")));
        socket.on("data", (chunk) => {
            received = Buffer.concat([received, chunk]);
            // RFC 1035 §4.2.2: the message is preceded by its two-byte length.
            if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
            try {
                done(undefined, decodeReply(received.subarray(2, 2 + received.readUInt16BE(0))));
            } catch (error) {
                done(error as Error);
            }
        });
        const length = Buffer.alloc(2);
        length.writeUInt16BE(query.length, 0);
        socket.write(Buffer.concat([length, query]));
        return () => socket.destroy();
    });
}

/**
 * Asks `server` for `name` `type`: over UDP, then over TCP when the UDP
 * answer is truncated. Each transport gets `timeoutMs`. A TCP answer that
 * is still truncated is not an answer: it throws EBADRESP, like any reply
 * that cannot be read. Throws `RawQueryError` (or EBADRESP) on failure.
 */
export async function rawQuery(server: ServerAddress, name: string, type: QueryType, timeoutMs: number, signal?: AbortSignal): Promise<DnsReply> {
    const id = randomInt(0, 0x10000);
    const query = encodeQuery(id, name, type);
    const udp = await overUdp(server, query, id, timeoutMs, signal);
    if (!udp.truncated) return udp;
    const tcp = await overTcp(server, query, timeoutMs, signal);
    if (tcp.id !== id) throw new RawQueryError("EBADRESP", "the TCP answer is not for this query");
    if (tcp.truncated) throw new RawQueryError("EBADRESP", "truncated answer over TCP");
    return tcp;
}
