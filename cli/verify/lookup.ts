/**
 * DNS lookups for verify, through node's own resolver (c-ares): bounded in
 * number, each with a timeout and its own retry, every answer normalized,
 * and each (name, type) asked once per run however many checks need it.
 *
 * The resolver is made with `tries: 1` and the retry happens here, so that
 * "timeout after 2 tries" means exactly two queries of `timeoutMs` each.
 * c-ares itself falls back to TCP when a UDP answer has the TC bit set; that
 * fallback is part of one try.
 *
 * c-ares reads some failures as "no such record" (an RCODE it does not
 * know, a truncated TCP answer): every such answer is asked once more by
 * verify itself and only counts as missing when the RCODE is NXDOMAIN or
 * NOERROR. SRV TTLs, which c-ares does not give, are read the same way.
 */
import { Resolver } from "node:dns/promises";
import { setMaxListeners } from "node:events";
import { limiter } from "./limit";
import { normalizeValues, type LookupType } from "./compare";
import { formatSrv } from "../../components/core/plan/values";
import { normalizeFoundName } from "../../components/core/dns/names";
import { RCODE_NAMES, TYPE_CODE, type DnsReply } from "./dns-message";
import { rawQuery, serverAddress, type ServerAddress } from "./raw-query";

/** What one lookup came to. */
export type LookupResult =
    /** The name has records of the type: their values, normalized and sorted, and their TTL when it could be read. */
    | { outcome: "found"; values: string[]; ttl?: number; ttlError?: string }
    /** The name does not exist (NXDOMAIN) or has no records of the type (NODATA), as the RCODE says. */
    | { outcome: "missing"; reason: "NXDOMAIN" | "NODATA" }
    /** No usable answer after `tries` tries: `reason` in words, `code` as node gives it (e.g. ETIMEOUT) or the RCODE's name (e.g. NOTAUTH). */
    | { outcome: "error"; reason: string; code: string; tries: number }
    /** Not asked, or not answered, before the overall deadline. */
    | { outcome: "unchecked" };

/** Node's error codes that c-ares gives for "there is no such record"; confirmed by the RCODE before they count as missing. */
const NEGATIVE = new Set(["ENOTFOUND", "ENODATA"]);

/** Node's (c-ares') resolver error codes in words. */
const RESOLVER_ERRORS: Record<string, string> = {
    ETIMEOUT: "timeout",
    ESERVFAIL: "SERVFAIL",
    EREFUSED: "refused",
    ECONNREFUSED: "connection refused or closed",
    EFORMERR: "FORMERR (the server could not read the query)",
    ENOTIMP: "NOTIMP (the server does not implement the query)",
    EBADRESP: "malformed response",
    EBADNAME: "not a valid DNS name",
    EBADQUERY: "malformed query",
    ECANCELLED: "cancelled",
    EOF: "end of file",
};

/** The RCODEs that c-ares has no error of its own for, in words (RFC 2136, RFC 6891). */
const RCODE_WORDS: Record<string, string> = {
    YXDOMAIN: "YXDOMAIN (RCODE 6: a name exists that should not)",
    YXRRSET: "YXRRSET (RCODE 7: an RRset exists that should not)",
    NXRRSET: "NXRRSET (RCODE 8: an RRset that should exist does not)",
    NOTAUTH: "NOTAUTH (RCODE 9: the server is not authoritative for the zone)",
    NOTZONE: "NOTZONE (RCODE 10: the name is not in the zone)",
    BADVERS: "BADVERS (RCODE 16: EDNS version not supported)",
};

/** The c-ares code of the RCODEs it does know, so that they read the same whichever way they were seen. */
const RCODE_CODES: Record<string, string> = { FORMERR: "EFORMERR", SERVFAIL: "ESERVFAIL", NOTIMP: "ENOTIMP", REFUSED: "EREFUSED" };

type Failure = { code: string; reason: string };

/** A failed query in words. */
function failure(error: unknown): Failure {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "UNKNOWN";
    if (code === "EBADRESP" && error instanceof Error && /truncated/.test(error.message)) return { code, reason: `malformed response (${error.message})` };
    return { code, reason: RESOLVER_ERRORS[code] ?? `${code}: ${(error as Error | undefined)?.message ?? String(error)}` };
}

/** What a reply's RCODE says about a name c-ares found nothing for: missing, or a failure. */
function fromRcode(reply: DnsReply): { missing: "NXDOMAIN" | "NODATA" } | Failure {
    // No answer, not authoritative, name servers and no SOA in the authority section: a referral
    // (RFC 1034 §4.3.2), not a NODATA (RFC 2308 §2.2 gives that an SOA). Another zone answers for the name.
    if (reply.rcode === 0 && reply.answers.length === 0 && !reply.authoritative && reply.authority.includes(TYPE_CODE.NS) && !reply.authority.includes(TYPE_CODE.SOA)) {
        return { code: "REFERRAL", reason: "a referral to another zone's name servers (the name is below a delegation, NS and no SOA, so its records are that zone's: give the child zone as sipDomains[].zone)" };
    }
    if (reply.rcode === 0) return { missing: "NODATA" };
    if (reply.rcode === 3) return { missing: "NXDOMAIN" };
    const name = RCODE_NAMES[reply.rcode];
    if (name && RCODE_CODES[name]) return failure({ code: RCODE_CODES[name] });
    if (name) return { code: name, reason: RCODE_WORDS[name] };
    return { code: `RCODE${reply.rcode}`, reason: `RCODE ${reply.rcode} (unassigned)` };
}

/** How a lookup behaves. */
export interface LookupOptions {
    /** Servers in `setServers` form; empty for the system's. */
    servers: string[];
    timeoutMs: number;
    concurrency: number;
    tries: number;
}

/** Lookups sharing one resolver, one concurrency bound, one answer cache and one deadline. */
export class Lookup {
    private readonly resolver: Resolver;
    private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
    private readonly cache = new Map<string, Promise<LookupResult>>();
    private readonly aliases = new Map<string, Promise<string[]>>();
    private readonly stop = new AbortController();
    private readonly rawServers: ServerAddress[];

    constructor(private readonly options: LookupOptions) {
        this.resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
        if (options.servers.length > 0) this.resolver.setServers(options.servers);
        this.rawServers = this.resolver.getServers().map(serverAddress);
        // Every raw query in flight listens for the deadline: as many as `concurrency`, legitimately.
        setMaxListeners(0, this.stop.signal);
        this.limit = limiter(options.concurrency);
    }

    /** The servers asked, as node reports them. */
    servers(): string[] {
        return this.resolver.getServers();
    }

    /** The records of `type` at `name`; asked once, then answered from the cache. */
    query(name: string, type: LookupType): Promise<LookupResult> {
        const key = `${type} ${name}`;
        let result = this.cache.get(key);
        if (!result) {
            result = this.limit(() => this.withRetry(name, type));
            this.cache.set(key, result);
        }
        return result;
    }

    /**
     * The CNAME at `name`, if it holds one. c-ares follows a CNAME to its
     * target's addresses when the server answers with both, so an A or AAAA
     * lookup alone cannot tell an alias from an address record. Empty when
     * there is none, or when the question fails (one try: it only looks
     * beside an answer already found). Asked once per name.
     */
    aliasAt(name: string): Promise<string[]> {
        let result = this.aliases.get(name);
        if (!result) {
            result = this.limit(async () => {
                if (this.expired) return [];
                try {
                    return normalizeValues("CNAME", await this.resolver.resolveCname(name));
                } catch {
                    return [];
                }
            });
            this.aliases.set(name, result);
        }
        return result;
    }

    /**
     * The deadline has passed: no query is sent any more, those in flight
     * are stopped, and every lookup not answered yet ends `unchecked`.
     */
    expire(): void {
        this.stop.abort();
        this.resolver.cancel();
    }

    /** Stops every query still in flight (they fail with ECANCELLED). */
    cancel(): void {
        this.resolver.cancel();
    }

    private get expired(): boolean {
        return this.stop.signal.aborted;
    }

    private async withRetry(name: string, type: LookupType): Promise<LookupResult> {
        let last: Failure = { code: "UNKNOWN", reason: "no try made" };
        for (let attempt = 1; attempt <= this.options.tries; attempt++) {
            if (this.expired) return { outcome: "unchecked" };
            try {
                return await this.ask(name, type);
            } catch (error) {
                if (this.expired) return { outcome: "unchecked" };
                const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
                const seen = NEGATIVE.has(code) ? await this.confirm(name, type) : failure(error);
                if (this.expired) return { outcome: "unchecked" };
                if ("missing" in seen) return { outcome: "missing", reason: seen.missing };
                // A referral is the zone's answer, as definite as a NODATA: asking again gives it again.
                if (seen.code === "REFERRAL") return { outcome: "error", ...seen, tries: attempt };
                last = seen;
            }
        }
        return { outcome: "error", ...last, tries: this.options.tries };
    }

    /**
     * c-ares says "no such record" for NXDOMAIN and NODATA, but also for any
     * RCODE it does not know and for a truncated TCP answer: the same
     * question asked again, reading the RCODE, tells which it was.
     */
    private async confirm(name: string, type: LookupType): Promise<{ missing: "NXDOMAIN" | "NODATA" } | Failure> {
        try {
            return fromRcode(await this.raw(name, type));
        } catch (error) {
            return failure(error);
        }
    }

    /** One query of verify's own, to the first server that answers. */
    private async raw(name: string, type: LookupType): Promise<DnsReply> {
        let last: unknown = new Error("no DNS server to ask");
        for (const server of this.rawServers) {
            try {
                return await rawQuery(server, name, type, this.options.timeoutMs, this.stop.signal);
            } catch (error) {
                last = error;
                if (this.expired) break;
            }
        }
        throw last;
    }

    /** One query through c-ares, its answer normalized, with the TTL. */
    private async ask(name: string, type: LookupType): Promise<LookupResult> {
        switch (type) {
            case "A":
            case "AAAA": {
                const records = type === "A" ? await this.resolver.resolve4(name, { ttl: true }) : await this.resolver.resolve6(name, { ttl: true });
                // An answer with no address of the type (a CNAME whose target this server does not hold) holds none.
                if (records.length === 0) return { outcome: "missing", reason: "NODATA" };
                return { outcome: "found", values: normalizeValues(type, records.map((r) => r.address)), ttl: Math.min(...records.map((r) => r.ttl)) };
            }
            case "CNAME": return { outcome: "found", values: normalizeValues(type, await this.resolver.resolveCname(name)) };
            case "SRV": {
                const records = await this.resolver.resolveSrv(name);
                const values = normalizeValues(type, records.map((r) => formatSrv({ priority: r.priority, weight: r.weight, port: r.port, target: normalizeFoundName(r.name) })));
                return { outcome: "found", values, ...(await this.srvTtl(name)) };
            }
        }
    }

    /** node's resolveSrv gives no TTL: read it from a query of verify's own. */
    private async srvTtl(name: string): Promise<{ ttl: number } | { ttlError: string }> {
        try {
            const ttls = (await this.raw(name, "SRV")).answers.filter((a) => a.type === TYPE_CODE.SRV).map((a) => a.ttl);
            return ttls.length > 0 ? { ttl: Math.min(...ttls) } : { ttlError: "the SRV records were gone when their TTL was read" };
        } catch (error) {
            return { ttlError: failure(error).reason };
        }
    }
}

/** A resolver error in words: `timeout after 2 tries`, `SERVFAIL after 1 try`. */
export function describeError(result: Extract<LookupResult, { outcome: "error" }>): string {
    return `${result.reason} after ${result.tries} ${result.tries === 1 ? "try" : "tries"}`;
}
