/**
 * A small authoritative DNS server for tests, on 127.0.0.1 over UDP and TCP,
 * that answers from a record list and misbehaves on request, per name: it
 * drops queries, answers SERVFAIL, REFUSED or NXDOMAIN, or sets the TC bit.
 * Every message is built and read by the `dns-packet` library; nothing here
 * writes DNS wire format by hand.
 */
import * as dgram from "node:dgram";
import * as net from "node:net";
import * as dnsPacket from "dns-packet";
import { parseSrv } from "../../components/core/plan/values";
import type { EdgeDnsPlan } from "../../components/core/plan/model";

/**
 * How the server misbehaves for one name (every query type):
 * - `drop`: never answers, over UDP or TCP (the client times out);
 * - `servfail`, `refused`, `nxdomain`: that RCODE, no records;
 * - `truncate`: over UDP an empty answer with the TC bit set; over TCP the
 *   real answer (what a server does with an answer too big for UDP);
 * - `truncate-no-tcp`: TC over UDP, and over TCP the connection is closed
 *   without an answer (a middlebox that blocks DNS over TCP);
 * - `formerr`, `notimp`, `yxdomain`, `yxrrset`, `nxrrset`, `notauth`,
 *   `notzone`: that RCODE (RFC 1035, RFC 2136), no records;
 * - `badvers`: RCODE 16, BADVERS (RFC 6891): header RCODE 0 and the upper
 *   bits in an OPT record, no records;
 * - `truncate-tcp`: no records and the TC bit set, over UDP and over TCP
 *   alike (a server that truncates even what it sends over TCP);
 * - `tcp-cut`: TC over UDP, and over TCP the first half of the real answer,
 *   then the connection closed (an answer cut short in transit).
 */
export type Fault =
    | "drop" | "servfail" | "refused" | "nxdomain" | "truncate" | "truncate-no-tcp"
    | "formerr" | "notimp" | "yxdomain" | "yxrrset" | "nxrrset" | "notauth" | "notzone" | "badvers"
    | "truncate-tcp" | "tcp-cut";

/** One record the server holds; `value` in zone-file form ("0 0 5061 sip.contoso.com." for SRV). */
export interface FaultRecord {
    name: string;
    type: "A" | "AAAA" | "SRV" | "CNAME";
    value: string;
    /** Seconds. @default 3600 (the planner's TTL) */
    ttl?: number;
}

/** One query the server received. */
export interface ReceivedQuery {
    /** The query name, lower case, without trailing dot. */
    name: string;
    type: string;
    transport: "udp" | "tcp";
}

/** What `startFaultServer` takes. */
export interface FaultServerOptions {
    /** The records to answer from. A name without records gets NXDOMAIN. */
    records: FaultRecord[];
    /** Faults by lower-case name without trailing dot. */
    faults?: Record<string, Fault>;
    /**
     * Faults by name pattern, for names without a fault of their own in
     * `faults`; the first pattern that matches the lower-case name (without
     * trailing dot) applies. E.g. `[{ pattern: /[13579]\./, fault: "drop" }]`.
     */
    faultPatterns?: readonly FaultPattern[];
    /**
     * Keep every query in `queries`. Turn it off for long soak runs, so that
     * the log does not grow with them.
     * @default true
     */
    recordQueries?: boolean;
}

/** A fault for every name that matches `pattern`. */
export interface FaultPattern {
    pattern: RegExp;
    fault: Fault;
}

const RCODE = {
    NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5,
    YXDOMAIN: 6, YXRRSET: 7, NXRRSET: 8, NOTAUTH: 9, NOTZONE: 10,
} as const;
/** What the server does with one query: answer, stay silent, hang up, or send half an answer and hang up. */
type Reply = dnsPacket.Packet | "close" | { cut: dnsPacket.Packet } | undefined;

/** The TTL of a record given without one: the planner's. */
const DEFAULT_TTL = 3600;
/** A CNAME chain longer than this is answered as it stands (loop guard). */
const MAX_CHAIN = 8;

/** The records of a plan, for the server to answer from. */
export function recordsFromPlan(plan: EdgeDnsPlan): FaultRecord[] {
    return plan.zones.flatMap((z) => z.records.flatMap((r) => r.values.map((value) => ({ name: r.name, type: r.type, value, ttl: r.ttl }))));
}

function canonical(name: string): string {
    return name.toLowerCase().replace(/\.$/, "");
}

/** A record as dns-packet encodes it. */
function toAnswer(record: FaultRecord): dnsPacket.Answer {
    const name = canonical(record.name);
    if (record.type === "SRV") {
        const srv = parseSrv(record.value);
        if (!srv) throw new Error(`fault server: bad SRV value ${JSON.stringify(record.value)}`);
        return { name, type: "SRV", ttl: record.ttl ?? DEFAULT_TTL, data: srv };
    }
    const data = record.type === "CNAME" ? canonical(record.value) : record.value;
    return { name, type: record.type, ttl: record.ttl ?? DEFAULT_TTL, data };
}

/** A running fault server. Stop it with `close()`. */
export class FaultServer {
    /** Every query received, in order. */
    readonly queries: ReceivedQuery[] = [];
    private readonly byName = new Map<string, dnsPacket.Answer[]>();
    private readonly faults = new Map<string, Fault>();
    private readonly faultPatterns: readonly FaultPattern[];
    private readonly recordQueries: boolean;
    private received = 0;
    private readonly sockets = new Set<net.Socket>();

    constructor(options: FaultServerOptions, private readonly udp: dgram.Socket, private readonly tcp: net.Server) {
        for (const record of options.records) {
            const answer = toAnswer(record);
            this.byName.set(answer.name, [...(this.byName.get(answer.name) ?? []), answer]);
        }
        for (const [name, fault] of Object.entries(options.faults ?? {})) this.faults.set(canonical(name), fault);
        // A global or sticky RegExp keeps state between test() calls: use a stateless copy.
        this.faultPatterns = (options.faultPatterns ?? []).map(({ pattern, fault }) => ({ pattern: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")), fault }));
        this.recordQueries = options.recordQueries ?? true;
        udp.on("message", (message, peer) => this.onUdp(message, peer));
        tcp.on("connection", (socket) => this.onTcp(socket));
    }

    /** The port, the same for UDP and TCP. */
    get port(): number {
        return this.udp.address().port;
    }

    /** `127.0.0.1:PORT`, as `verifyPlan` takes a server. */
    get address(): string {
        return `127.0.0.1:${this.port}`;
    }

    /** `localhost:PORT`: the same server by host name. */
    get hostAddress(): string {
        return `localhost:${this.port}`;
    }

    /** How many queries arrived, also when they are not recorded. */
    get queryCount(): number {
        return this.received;
    }

    /** Sets or (with undefined) clears the fault of a name. */
    setFault(name: string, fault: Fault | undefined): void {
        if (fault) this.faults.set(canonical(name), fault);
        else this.faults.delete(canonical(name));
    }

    /** Queries received for `name`, optionally only over one transport. */
    queriesFor(name: string, transport?: "udp" | "tcp"): ReceivedQuery[] {
        return this.queries.filter((q) => q.name === canonical(name) && (!transport || q.transport === transport));
    }

    /** Stops both listeners and closes open TCP connections. */
    async close(): Promise<void> {
        for (const socket of this.sockets) socket.destroy();
        await Promise.all([
            new Promise<void>((resolve) => this.udp.close(() => resolve())),
            new Promise<void>((resolve) => this.tcp.close(() => resolve())),
        ]);
    }

    private onUdp(message: Buffer, peer: dgram.RemoteInfo): void {
        const reply = this.reply(message, "udp");
        if (reply && reply !== "close" && !("cut" in reply)) this.udp.send(dnsPacket.encode(reply), peer.port, peer.address);
    }

    private onTcp(socket: net.Socket): void {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
        let pending = Buffer.alloc(0);
        socket.on("data", (chunk) => {
            pending = Buffer.concat([pending, chunk]);
            // RFC 1035 §4.2.2: each message is preceded by its two-byte length.
            while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
                const length = pending.readUInt16BE(0);
                const message = pending.subarray(2, 2 + length);
                pending = pending.subarray(2 + length);
                const reply = this.reply(message, "tcp");
                if (reply === "close") { socket.destroy(); return; }
                if (reply && "cut" in reply) {
                    const whole = dnsPacket.streamEncode(reply.cut);
                    socket.end(whole.subarray(0, Math.ceil(whole.length / 2)));
                    return;
                }
                if (reply) socket.write(dnsPacket.streamEncode(reply));
            }
        });
    }

    /** The reply to one message; undefined to stay silent, "close" to hang up (TCP), `cut` to send half of it and hang up (TCP). */
    private reply(message: Buffer, transport: "udp" | "tcp"): Reply {
        let query: dnsPacket.DecodedPacket;
        try {
            query = dnsPacket.decode(message);
        } catch {
            return undefined; // not DNS: ignore, like a real server
        }
        const question = query.questions?.[0];
        if (!question) return undefined;
        const name = canonical(question.name);
        this.received++;
        if (this.recordQueries) this.queries.push({ name, type: question.type, transport });
        const fault = this.faults.get(name) ?? this.faultPatterns.find((p) => p.pattern.test(name))?.fault;
        // The RCODE is the low four bits of the flags word (RFC 1035 §4.1.1).
        const respond = (rcode: number, answers: dnsPacket.Answer[] = [], flags = 0, additionals: dnsPacket.Answer[] = []): dnsPacket.Packet => ({
            type: "response",
            id: query.id,
            flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | flags | rcode,
            questions: query.questions,
            answers,
            additionals,
        });
        switch (fault) {
            case "drop": return undefined;
            case "servfail": return respond(RCODE.SERVFAIL);
            case "refused": return respond(RCODE.REFUSED);
            case "nxdomain": return respond(RCODE.NXDOMAIN);
            case "formerr": return respond(RCODE.FORMERR);
            case "notimp": return respond(RCODE.NOTIMP);
            case "yxdomain": return respond(RCODE.YXDOMAIN);
            case "yxrrset": return respond(RCODE.YXRRSET);
            case "nxrrset": return respond(RCODE.NXRRSET);
            case "notauth": return respond(RCODE.NOTAUTH);
            case "notzone": return respond(RCODE.NOTZONE);
            case "badvers": {
                // RFC 6891 §6.1.3: the OPT record's TTL carries the upper 8 bits of the 12-bit RCODE (16 = 1 << 4 | 0).
                const opt = { type: "OPT", name: ".", udpPayloadSize: 1232, extendedRcode: 1, ednsVersion: 0, flags: 0, flag_do: false, options: [] } as dnsPacket.Answer;
                return respond(RCODE.NOERROR, [], 0, [opt]);
            }
            case "truncate-tcp": return respond(RCODE.NOERROR, [], dnsPacket.TRUNCATED_RESPONSE);
            case "tcp-cut":
                if (transport === "udp") return respond(RCODE.NOERROR, [], dnsPacket.TRUNCATED_RESPONSE);
                return { cut: respond(RCODE.NOERROR, this.resolve(name, question.type)) };
            case "truncate":
            case "truncate-no-tcp":
                if (transport === "udp") return respond(RCODE.NOERROR, [], dnsPacket.TRUNCATED_RESPONSE);
                if (fault === "truncate-no-tcp") return "close";
                break;
        }
        if (!this.byName.has(name)) return respond(RCODE.NXDOMAIN);
        return respond(RCODE.NOERROR, this.resolve(name, question.type));
    }

    /** The answer section: the records of the type asked for, following CNAMEs as a recursive server would. */
    private resolve(name: string, type: string): dnsPacket.Answer[] {
        const answers: dnsPacket.Answer[] = [];
        let current = name;
        for (let step = 0; step < MAX_CHAIN; step++) {
            const records = this.byName.get(current) ?? [];
            const cname = records.find((r): r is dnsPacket.StringAnswer => r.type === "CNAME");
            if (cname && type !== "CNAME") {
                answers.push(cname);
                current = cname.data;
                continue;
            }
            answers.push(...records.filter((r) => r.type === type));
            break;
        }
        return answers;
    }
}

/** Binds UDP and TCP to the same free port on 127.0.0.1, trying again if TCP finds the port taken. */
async function listenBoth(): Promise<{ udp: dgram.Socket; tcp: net.Server }> {
    for (let attempt = 0; attempt < 20; attempt++) {
        const udp = dgram.createSocket("udp4");
        await new Promise<void>((resolve, reject) => {
            udp.once("error", reject);
            udp.bind(0, "127.0.0.1", () => { udp.off("error", reject); resolve(); });
        });
        const tcp = net.createServer();
        const listening = await new Promise<boolean>((resolve) => {
            tcp.once("error", () => resolve(false));
            tcp.listen(udp.address().port, "127.0.0.1", () => resolve(true));
        });
        if (listening) return { udp, tcp };
        await new Promise<void>((resolve) => udp.close(() => resolve()));
    }
    throw new Error("fault server: found no port free for both UDP and TCP on 127.0.0.1");
}

/** Starts a fault server on a free port of 127.0.0.1. */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
    const { udp, tcp } = await listenBoth();
    return new FaultServer(options, udp, tcp);
}
