/**
 * `lync-edge-dns plan --format json` through the built CLI, for growing
 * numbers of SIP domains, beside `node -e 0` started the same way (the
 * floor: what any Node process costs here). Sizes are interleaved run by run.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordSetCount, syntheticDeployment } from "./configs";
import { expectSuccess, runNode, type ProcessRun } from "./process";
import { summarize, type Summary } from "./stats";

/** One row: the floor (domains 0) or a plan. */
export interface PlanResult {
    /** 0 for the `node -e 0` floor. */
    domains: number;
    records: number;
    wallMs: Summary;
    peakRssMiB: Summary;
}

/** What to run. */
export interface PlanPlan {
    sizes: number[];
    runs: number;
    cli: string;
    preload: string;
    log: (line: string) => void;
}

function checkOutput(run: ProcessRun, domains: number): void {
    expectSuccess(run, `plan (${domains} domains)`);
    const printed = JSON.parse(run.stdout) as { zones: { records: unknown[] }[]; violations: unknown[] };
    const records = printed.zones.reduce((n, z) => n + z.records.length, 0);
    if (records !== recordSetCount(domains) || printed.violations.length !== 0) {
        throw new Error(`plan (${domains} domains) printed ${records} record sets and ${printed.violations.length} violations; expected ${recordSetCount(domains)} and none`);
    }
}

/**
 * How many @pulumi modules a plan through the built CLI loads (the plan path
 * must load none; tests/integration/cli.test.ts asserts the same).
 */
export async function pulumiModulesLoadedByPlan(cli: string, preload: string): Promise<number> {
    const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-bench-plan-"));
    try {
        const file = join(dir, "deployment.json");
        writeFileSync(file, JSON.stringify(syntheticDeployment(10)));
        const script = `require(${JSON.stringify(cli)}).run(["plan", "--config", ${JSON.stringify(file)}, "--format", "json"], () => {}).then((code) => {
            if (code !== 0) process.exit(1);
            console.log(Object.keys(require.cache).filter((f) => f.includes("/@pulumi/")).length);
        });`;
        const run = expectSuccess(await runNode(["-e", script], { preload }), "plan (modules loaded)");
        return Number(run.stdout.trim());
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** Runs the floor and every size `runs` times. */
export async function measurePlan(plan: PlanPlan): Promise<PlanResult[]> {
    const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-bench-plan-"));
    try {
        const files = new Map(plan.sizes.map((domains) => {
            const file = join(dir, `deployment-${domains}.json`);
            writeFileSync(file, JSON.stringify(syntheticDeployment(domains)));
            return [domains, file];
        }));
        const collected = new Map<number, ProcessRun[]>([[0, []], ...plan.sizes.map((d): [number, ProcessRun[]] => [d, []])]);
        for (let i = 0; i < plan.runs; i++) {
            const floor = expectSuccess(await runNode(["-e", "0"], { preload: plan.preload }), "node -e 0");
            collected.get(0)?.push(floor);
            for (const domains of plan.sizes) {
                const run = await runNode([plan.cli, "plan", "--config", files.get(domains) as string, "--format", "json"], { preload: plan.preload });
                checkOutput(run, domains);
                run.stdout = "";
                collected.get(domains)?.push(run);
                plan.log(`plan ${domains} domains run ${i + 1}/${plan.runs}: ${(run.wallMs / 1000).toFixed(2)} s, ${run.peakRssMiB.toFixed(0)} MiB`);
            }
        }
        return [...collected].map(([domains, runs]) => ({
            domains,
            records: domains === 0 ? 0 : recordSetCount(domains),
            wallMs: summarize(runs.map((r) => r.wallMs)),
            peakRssMiB: summarize(runs.map((r) => r.peakRssMiB)),
        }));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
