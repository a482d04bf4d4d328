/**
 * DNS lookups for verify, through node's own resolver (c-ares): bounded in
 * number, each with a timeout and its own retry, every answer normalized,
 * and each (name, type) asked once per run however many checks need it.
 *
 * The resolver is made with `tries: 1` and the retry happens here, so that
 * "timeout after 2 tries" means exactly two queries of `timeoutMs` each.
 * c-ares itself falls back to TCP when a UDP answer has the TC bit set; that
 * fallback is part of one try.
 */
import { Resolver } from "node:dns/promises";
import { limiter } from "./limit";
import { normalizeValues, type LookupType } from "./compare";
import { formatSrv } from "../../components/core/plan/values";
import { normalizeFoundName } from "../../components/core/dns/names";

/** What one lookup came to. */
export type LookupResult =
    /** The name has records of the type: their values, normalized and sorted. */
    | { outcome: "found"; values: string[] }
    /** The name does not exist (NXDOMAIN) or has no records of the type (NODATA). */
    | { outcome: "missing"; reason: "NXDOMAIN" | "NODATA" }
    /** No usable answer after `tries` tries: `reason` in words, `code` as node gives it (e.g. ETIMEOUT). */
    | { outcome: "error"; reason: string; code: string; tries: number };

/** Node's error codes for "there is no such record": a definite answer, not a failure. */
const MISSING: Record<string, "NXDOMAIN" | "NODATA"> = { ENOTFOUND: "NXDOMAIN", ENODATA: "NODATA" };

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

/** A failed query in words, keeping NXDOMAIN/NODATA apart from resolver errors. */
function classify(error: unknown): { missing: "NXDOMAIN" | "NODATA" } | { code: string; reason: string } {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "UNKNOWN";
    if (MISSING[code]) return { missing: MISSING[code] };
    return { code, reason: RESOLVER_ERRORS[code] ?? `${code}: ${(error as Error | undefined)?.message ?? String(error)}` };
}

/** How a lookup behaves. */
export interface LookupOptions {
    /** Servers in `setServers` form; empty for the system's. */
    servers: string[];
    timeoutMs: number;
    concurrency: number;
    tries: number;
}

/** Lookups sharing one resolver, one concurrency bound and one answer cache. */
export class Lookup {
    private readonly resolver: Resolver;
    private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
    private readonly cache = new Map<string, Promise<LookupResult>>();

    constructor(private readonly options: LookupOptions) {
        this.resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
        if (options.servers.length > 0) this.resolver.setServers(options.servers);
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

    /** Stops every query still in flight (they fail with ECANCELLED). */
    cancel(): void {
        this.resolver.cancel();
    }

    private async withRetry(name: string, type: LookupType): Promise<LookupResult> {
        let last: { code: string; reason: string } = { code: "UNKNOWN", reason: "no try made" };
        for (let attempt = 1; attempt <= this.options.tries; attempt++) {
            try {
                return { outcome: "found", values: normalizeValues(type, await this.ask(name, type)) };
            } catch (error) {
                const failure = classify(error);
                if ("missing" in failure) return { outcome: "missing", reason: failure.missing };
                last = failure;
            }
        }
        return { outcome: "error", ...last, tries: this.options.tries };
    }

    /** One query, its answer in presentation form. */
    private async ask(name: string, type: LookupType): Promise<string[]> {
        switch (type) {
            case "A": return this.resolver.resolve4(name);
            case "AAAA": return this.resolver.resolve6(name);
            case "CNAME": return this.resolver.resolveCname(name);
            case "SRV": {
                const records = await this.resolver.resolveSrv(name);
                return records.map((r) => formatSrv({ priority: r.priority, weight: r.weight, port: r.port, target: normalizeFoundName(r.name) }));
            }
        }
    }
}

/** A resolver error in words: `timeout after 2 tries`, `SERVFAIL after 1 try`. */
export function describeError(result: Extract<LookupResult, { outcome: "error" }>): string {
    return `${result.reason} after ${result.tries} ${result.tries === 1 ? "try" : "tries"}`;
}
