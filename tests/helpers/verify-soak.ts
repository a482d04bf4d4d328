/**
 * A soak of `verifyPlan`, run in a child process so that its heap is its own:
 * `node --expose-gc --require tsx/cjs tests/helpers/verify-soak.ts SERVER RUNS
 * COUNT TIMEOUT_MS TRIES CONCURRENCY` verifies a plan of COUNT A record sets
 * against SERVER, RUNS times, forces a garbage collection after each run and
 * prints one JSON line: what each run found and the memory it left behind.
 */
import { verifyPlan } from "../../cli/verify/verify";
import type { EdgeDnsPlan } from "../../components/core/plan/model";

/** The zone of the soak plan. */
export const SOAK_ZONE = "soak.contoso.com";

/** Every other name of the soak plan: those whose number is odd. */
export const SOAK_DROP_PATTERN = /^h\d*[13579]\.soak\.contoso\.com$/;

/** A plan of `count` A record sets, `h0000.soak.contoso.com` up, one distinct public address each. */
export function soakPlan(count: number): EdgeDnsPlan {
    const records = Array.from({ length: count }, (_, i) => ({
        name: `h${String(i).padStart(4, "0")}.${SOAK_ZONE}`,
        type: "A" as const,
        ttl: 60,
        values: [`131.107.${(i >> 8) & 255}.${i & 255}`],
    }));
    return { zones: [{ zone: SOAK_ZONE, records }], warnings: [] };
}

/** What one run found, and the memory after it (after a forced GC). */
export interface SoakRun {
    elapsedMs: number;
    /** Record sets per status, only the statuses that occurred. */
    byStatus: Record<string, number>;
    /** The names reported as resolver-error, sorted. */
    resolverErrors: string[];
    /** The distinct `detail` texts of those checks. */
    details: string[];
    heapUsed: number;
    rss: number;
}

async function collectGarbage(): Promise<void> {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error("run with node --expose-gc");
    // Twice, with a turn of the event loop between: finalizers (c-ares channels) run in between.
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
}

async function main(): Promise<void> {
    const [server, runs, count, timeoutMs, tries, concurrency] = process.argv.slice(2);
    const plan = soakPlan(Number(count));
    const results: SoakRun[] = [];
    for (let run = 0; run < Number(runs); run++) {
        const report = await verifyPlan(plan, { servers: [server], timeoutMs: Number(timeoutMs), tries: Number(tries), concurrency: Number(concurrency) });
        const errors = report.checks.filter((c) => c.status === "resolver-error");
        const byStatus = Object.fromEntries(Object.entries(report.summary.byStatus).filter(([, n]) => n > 0));
        await collectGarbage();
        const { heapUsed, rss } = process.memoryUsage();
        results.push({
            elapsedMs: report.elapsedMs,
            byStatus,
            resolverErrors: errors.map((c) => c.name).sort(),
            details: [...new Set(errors.map((c) => c.detail ?? ""))],
            heapUsed,
            rss,
        });
    }
    process.stdout.write(`${JSON.stringify(results)}\n`);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
        process.exitCode = 1;
    });
}
