/**
 * The little of the DNS wire format (RFC 1035 §4.1) verify reads itself:
 * a query to send, and from the reply its header (RCODE, TC, AA), the full
 * RCODE with the EDNS bits (RFC 6891) and the type and TTL of each answer.
 *
 * Node's resolver (c-ares) hides all of these: it gives ENODATA for any
 * reply without answers whose RCODE it does not know (NOTAUTH, NOTZONE,
 * YXDOMAIN, BADVERS, ...) and for a TCP reply that is itself truncated, and
 * it gives no TTL for SRV records. Values still come from c-ares; this only
 * tells a definite "no such record" from a failure, and reads SRV TTLs.
 */

/** RR type codes (RFC 1035, RFC 2782, RFC 3596, RFC 6891). */
export const TYPE_CODE = { A: 1, NS: 2, CNAME: 5, SOA: 6, AAAA: 28, SRV: 33, OPT: 41 } as const;

/** The types a query can ask for here. */
export type QueryType = Exclude<keyof typeof TYPE_CODE, "OPT" | "NS" | "SOA">;

/** RCODE names, with the extended ones that come from an OPT record. */
export const RCODE_NAMES: Readonly<Record<number, string>> = {
    0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED",
    6: "YXDOMAIN", 7: "YXRRSET", 8: "NXRRSET", 9: "NOTAUTH", 10: "NOTZONE", 16: "BADVERS",
};

/** The parts of a reply verify uses. */
export interface DnsReply {
    id: number;
    /** TC: the answer did not fit and was cut. */
    truncated: boolean;
    /** AA: the answer comes from a server authoritative for the zone. */
    authoritative: boolean;
    /** The full RCODE: the header's four bits, plus the OPT record's upper eight bits when there is one. */
    rcode: number;
    /** Type code and TTL of each record in the answer section. */
    answers: { type: number; ttl: number }[];
    /** Type code of each record in the authority section: SOA in a negative answer (RFC 2308), NS in a referral. */
    authority: number[];
}

/** A reply that cannot be read (too short, a name running past the end, ...). */
export class MalformedReplyError extends Error {
    readonly code = "EBADRESP";
}

/** A query for `name` `type`, class IN, recursion desired (a stub resolver's query), without EDNS. */
export function encodeQuery(id: number, name: string, type: QueryType): Buffer {
    const labels = name.replace(/\.$/, "").split(".").filter((l) => l.length > 0);
    const qname = Buffer.concat([...labels.map((l) => {
        const bytes = Buffer.from(l, "ascii");
        return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    }), Buffer.from([0])]);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(id, 0);
    header.writeUInt16BE(0x0100, 2); // RD
    header.writeUInt16BE(1, 4); // QDCOUNT
    const tail = Buffer.alloc(4);
    tail.writeUInt16BE(TYPE_CODE[type], 0);
    tail.writeUInt16BE(1, 2); // IN
    return Buffer.concat([header, qname, tail]);
}

/** The offset after the (possibly compressed) name at `offset`. */
function skipName(buf: Buffer, offset: number): number {
    let at = offset;
    for (;;) {
        if (at >= buf.length) throw new MalformedReplyError("a name runs past the end of the reply");
        const len = buf[at];
        if ((len & 0xc0) === 0xc0) return at + 2; // a pointer ends the name
        if (len === 0) return at + 1;
        at += 1 + len;
    }
}

/** Reads the header, the answers' types and TTLs, the authority section's types and the extended RCODE; throws `MalformedReplyError`. */
export function decodeReply(buf: Buffer): DnsReply {
    if (buf.length < 12) throw new MalformedReplyError(`a reply of ${buf.length} bytes, shorter than a DNS header`);
    const flags = buf.readUInt16BE(2);
    const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)];
    let at = 12;
    for (let i = 0; i < counts[0]; i++) at = skipName(buf, at) + 4;
    const answers: DnsReply["answers"] = [];
    const authority: number[] = [];
    let extended = 0;
    for (let section = 1; section <= 3; section++) {
        for (let i = 0; i < counts[section]; i++) {
            at = skipName(buf, at);
            if (at + 10 > buf.length) throw new MalformedReplyError("a record runs past the end of the reply");
            const type = buf.readUInt16BE(at);
            const ttl = buf.readUInt32BE(at + 4);
            at += 10 + buf.readUInt16BE(at + 8);
            if (at > buf.length) throw new MalformedReplyError("a record's data runs past the end of the reply");
            if (section === 1) answers.push({ type, ttl });
            if (section === 2) authority.push(type);
            // RFC 6891 §6.1.3: the OPT record's TTL field starts with the RCODE's upper eight bits.
            if (section === 3 && type === TYPE_CODE.OPT) extended = ttl >>> 24;
        }
    }
    return {
        id: buf.readUInt16BE(0),
        truncated: (flags & 0x0200) !== 0,
        authoritative: (flags & 0x0400) !== 0,
        rcode: (extended << 4) | (flags & 0x000f),
        answers,
        authority,
    };
}
