/**
 * LyncEdgeDns against the hand-written baseline under the mock engine: for
 * each provider and size, both programs in fresh processes, interleaved (the
 * order alternates from run to run, so drift in the machine's speed hits
 * both alike), with the same Node flags.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordSetCount, syntheticDeployment } from "../configs";
import { expectSuccess, runNode, type ProcessRun } from "../process";
import { summarize, type Summary } from "../stats";
import type { ChildReport } from "./child";
import { componentInput, handwrittenInput, type Provider } from "./inputs";

/** One program at one size. */
export interface ProgramResult {
    wallMs: Summary;
    /** User plus system CPU time of the process. */
    cpuMs: Summary;
    peakRssMiB: Summary;
    /** The child's own timing of the mock run (after node and @pulumi/pulumi are loaded). */
    runMs: Summary;
    /** Within the run: loading the component or the provider package. */
    loadMs: Summary;
    /** Within the run: the program's synchronous part (loading, planning, constructing every resource). */
    programMs: Summary;
}

/** Both programs at one size. */
export interface MockComparison {
    provider: Provider;
    domains: number;
    records: number;
    component: ProgramResult;
    handwritten: ProgramResult;
    /** component / hand-written, of the median wall times. */
    wallRatio: number;
    /** component / hand-written, of the median CPU times. */
    cpuRatio: number;
    /** The median of the per-run ratios (run i of the component over run i of the baseline, started back to back). */
    pairedWallRatio: number;
    /** component / hand-written, of the median peak RSS. */
    rssRatio: number;
}

/** What to run. */
export interface MockPlan {
    providers: Provider[];
    /** Domains, and how many runs of each program. */
    sizes: { domains: number; runs: number }[];
    nodeFlags: string[];
    child: string;
    preload: string;
    log: (line: string) => void;
}

function parseReport(run: ProcessRun, what: string): ChildReport {
    expectSuccess(run, what);
    const line = run.stdout.trim().split("\n").pop() ?? "";
    return JSON.parse(line) as ChildReport;
}

function recordsOf(report: ChildReport, provider: Provider): number {
    return report.byType[provider === "route53" ? "aws:route53/record:Record" : "azure-native:dns:RecordSet"] ?? 0;
}

/**
 * Checks, once per provider on a small deployment, that both programs
 * register exactly the same record resources (type, logical name, inputs).
 */
async function checkSameRecords(provider: Provider, dir: string, plan: MockPlan): Promise<void> {
    const config = syntheticDeployment(10);
    const files = { component: join(dir, "check-component.json"), handwritten: join(dir, "check-handwritten.json") };
    writeFileSync(files.component, JSON.stringify(componentInput(config, provider)));
    writeFileSync(files.handwritten, JSON.stringify(handwrittenInput(config, provider)));
    const digests: string[] = [];
    for (const program of ["component", "handwritten"] as const) {
        const report = parseReport(await runNode([plan.child, program, files[program], "--digest"], { nodeFlags: plan.nodeFlags, preload: plan.preload }), `${program} (${provider}, digest)`);
        if (recordsOf(report, provider) !== recordSetCount(10)) throw new Error(`${program} on ${provider} registered ${recordsOf(report, provider)} records, expected ${recordSetCount(10)}`);
        digests.push(report.digest ?? "");
    }
    if (digests[0] !== digests[1]) throw new Error(`on ${provider} the component and the hand-written program register different records`);
}

function programResult(runs: { run: ProcessRun; report: ChildReport }[]): ProgramResult {
    return {
        wallMs: summarize(runs.map((r) => r.run.wallMs)),
        cpuMs: summarize(runs.map((r) => r.run.cpuMs)),
        peakRssMiB: summarize(runs.map((r) => r.run.peakRssMiB)),
        runMs: summarize(runs.map((r) => r.report.runMs)),
        loadMs: summarize(runs.map((r) => r.report.loadMs)),
        programMs: summarize(runs.map((r) => r.report.programMs)),
    };
}

/** Runs the comparison. */
export async function measureMock(plan: MockPlan): Promise<MockComparison[]> {
    const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-bench-mock-"));
    const results: MockComparison[] = [];
    try {
        for (const provider of plan.providers) {
            await checkSameRecords(provider, dir, plan);
            plan.log(`mock ${provider}: the component and the hand-written program register the same records`);
            for (const { domains, runs } of plan.sizes) {
                const config = syntheticDeployment(domains);
                const files = { component: join(dir, `component-${provider}-${domains}.json`), handwritten: join(dir, `handwritten-${provider}-${domains}.json`) };
                writeFileSync(files.component, JSON.stringify(componentInput(config, provider)));
                writeFileSync(files.handwritten, JSON.stringify(handwrittenInput(config, provider)));
                const expected = recordSetCount(domains);
                const collected = { component: [] as { run: ProcessRun; report: ChildReport }[], handwritten: [] as { run: ProcessRun; report: ChildReport }[] };
                for (let i = 0; i < runs; i++) {
                    const order = i % 2 === 0 ? (["component", "handwritten"] as const) : (["handwritten", "component"] as const);
                    for (const program of order) {
                        const run = await runNode([plan.child, program, files[program]], { nodeFlags: plan.nodeFlags, preload: plan.preload });
                        const report = parseReport(run, `${program} (${provider}, ${domains} domains)`);
                        if (recordsOf(report, provider) !== expected) throw new Error(`${program} registered ${recordsOf(report, provider)} records, expected ${expected}`);
                        collected[program].push({ run, report });
                        plan.log(`mock ${provider} ${domains} domains ${program} run ${i + 1}/${runs}: ${(run.wallMs / 1000).toFixed(2)} s, ${run.peakRssMiB.toFixed(0)} MiB`);
                    }
                }
                const component = programResult(collected.component);
                const handwritten = programResult(collected.handwritten);
                results.push({
                    provider, domains, records: expected, component, handwritten,
                    wallRatio: component.wallMs.median / handwritten.wallMs.median,
                    cpuRatio: component.cpuMs.median / handwritten.cpuMs.median,
                    pairedWallRatio: summarize(collected.component.map((c, i) => c.run.wallMs / collected.handwritten[i].run.wallMs)).median,
                    rssRatio: component.peakRssMiB.median / handwritten.peakRssMiB.median,
                });
            }
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return results;
}
