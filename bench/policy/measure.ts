/** The policy pack over synthetic stacks of growing size, each run in a fresh process. */
import { expectSuccess, runNode } from "../process";
import { summarize, type Summary } from "../stats";
import type { PolicyReport } from "./child";

/** One stack size. */
export interface PolicyResult {
    records: number;
    /** Computed outputs unknown, as at the preview of the update that creates the records. */
    preview: boolean;
    resources: number;
    /** validateStack of every policy, summed (in the child). */
    validateMs: Summary;
    /** Each policy's median (its whole validateStack). */
    perPolicyMs: Record<string, number>;
    /** Of validateMs, medians: the stack read the policies share (the first pays it) and the later policies' comparisons with it, summed. */
    sharedReadMs: number;
    compareMs: number;
    /** Each rule's own time, median: its policy's validateStack less the shared read and comparison. */
    perRuleMs: Record<string, number>;
    /** The slowest rule by its own time, and which. */
    slowestRule: { name: string; ms: number };
    /** The policy server's own work around the calls: deserializing each policy's props, proxies, diagnostics (not our code). */
    serverMs: Summary;
    wallMs: Summary;
    peakRssMiB: Summary;
}

/** What to run. */
export interface PolicyPlan {
    sizes: { records: number; runs: number; preview?: boolean }[];
    child: string;
    preload: string;
    log: (line: string) => void;
}

/** Runs the pack over each size. */
export async function measurePolicy(plan: PolicyPlan): Promise<PolicyResult[]> {
    const results: PolicyResult[] = [];
    for (const { records, runs, preview = false } of plan.sizes) {
        const reports: PolicyReport[] = [];
        const walls: number[] = [];
        const rss: number[] = [];
        for (let i = 0; i < runs; i++) {
            const run = expectSuccess(await runNode([plan.child, String(records), ...(preview ? ["preview"] : [])], { preload: plan.preload }), `policy child (${records} records${preview ? ", preview" : ""})`);
            const report = JSON.parse(run.stdout.trim()) as PolicyReport;
            if (report.violations !== 0 || (!preview && report.deferred !== 0)) throw new Error(`the synthetic stack of ${records} records should pass every policy: ${run.stdout}`);
            reports.push(report);
            walls.push(run.wallMs);
            rss.push(run.peakRssMiB);
            plan.log(`policy ${records} records${preview ? " (preview)" : ""} run ${i + 1}/${runs}: validate ${report.validateMs.toFixed(0)} ms, process ${(run.wallMs / 1000).toFixed(2)} s, ${run.peakRssMiB.toFixed(0)} MiB`);
        }
        const median = (pick: (r: PolicyReport) => number) => summarize(reports.map(pick)).median;
        const perPolicy = Object.keys(reports[0].perPolicyMs).map((name) => ({ name, ms: median((r) => r.perPolicyMs[name]) }));
        const perRule = Object.keys(reports[0].perRuleMs).map((name) => ({ name, ms: median((r) => r.perRuleMs[name]) }));
        results.push({
            records,
            preview,
            perPolicyMs: Object.fromEntries(perPolicy.map((p) => [p.name, p.ms])),
            sharedReadMs: median((r) => r.sharedReadMs),
            compareMs: median((r) => r.compareMs),
            perRuleMs: Object.fromEntries(perRule.map((p) => [p.name, p.ms])),
            resources: reports[0].resources,
            validateMs: summarize(reports.map((r) => r.validateMs)),
            slowestRule: perRule.reduce((a, b) => (b.ms > a.ms ? b : a)),
            serverMs: summarize(reports.map((r) => r.serverMs)),
            wallMs: summarize(walls),
            peakRssMiB: summarize(rss),
        });
    }
    return results;
}
