/**
 * `npm run bench`: measures, in one run on this machine,
 *
 *   1. `plan` through the built CLI for 1 to 10,000 SIP domains, beside `node -e 0`;
 *   2. LyncEdgeDns under the SDK's mock engine beside a hand-written program
 *      registering the same record sets, on Route 53 and Azure DNS;
 *   3. the policy pack's stack validation over 1,000 to 40,000 records, at update and at preview;
 *   4. `verify` against a local BIND;
 *
 * each figure the median of several fresh processes (min and max beside it),
 * prints a markdown table and writes bench/results.json.
 *
 *   npm run bench                      the full run (about 6 minutes)
 *   npm run bench -- --quick           small sizes, 2 runs each: checks the bench itself; writes nothing
 *   npm run bench -- --only plan,mock  some sections; writes nothing
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { prepareBuild, type Built } from "./build";
import { currentLoad, describeMachine } from "./machine";
import { measureMock } from "./mock/measure";
import { measurePlan, pulumiModulesLoadedByPlan } from "./plan";
import { measurePolicy, type PolicyResult } from "./policy/measure";
import { rssMethod } from "./process";
import { quietStats } from "./quiet";
import type { Results, Target } from "./results";
import { markdownTable } from "./table";
import { measureVerify } from "./verify";

const SECTIONS = ["plan", "mock", "policy", "verify"] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Every mock child gets the same flags. 1,000 Azure DNS domains (6,003
 * RecordSets) peak near the default ~4 GiB heap limit of a 64-bit Node 20,
 * so the limit is raised for all mock runs alike.
 */
const MOCK_NODE_FLAGS = ["--max-old-space-size=8192"];

/** Sizes and runs. */
interface Settings {
    plan: { sizes: number[]; runs: number };
    mock: Record<"route53" | "azure", { domains: number; runs: number }[]>;
    policy: { records: number; runs: number; preview?: boolean }[];
    verify: { domains: number; runs: number }[];
}

/** Sizes and runs of the full benchmark and of --quick. */
const SETTINGS: { full: Settings; quick: Settings } = {
    full: {
        plan: { sizes: [1, 10, 100, 1000, 10_000], runs: 5 },
        // 100 domains carry the component's target; 1,000 (minutes a run, no target) is left to --only mock runs by hand.
        mock: {
            route53: [{ domains: 10, runs: 3 }, { domains: 100, runs: 7 }],
            azure: [{ domains: 10, runs: 3 }, { domains: 100, runs: 5 }],
        },
        policy: [
            { records: 1000, runs: 3 }, { records: 10_000, runs: 3 }, { records: 40_000, runs: 5 },
            { records: 10_000, runs: 3, preview: true }, { records: 40_000, runs: 3, preview: true },
        ],
        verify: [{ domains: 10, runs: 3 }, { domains: 100, runs: 3 }],
    },
    quick: {
        plan: { sizes: [1, 10, 100], runs: 2 },
        mock: { route53: [{ domains: 10, runs: 2 }], azure: [{ domains: 10, runs: 2 }] },
        policy: [{ records: 1000, runs: 2 }, { records: 1000, runs: 2, preview: true }],
        verify: [{ domains: 10, runs: 2 }],
    },
};

function parseArgs(argv: string[]): { quick: boolean; only: Section[] } {
    const quick = argv.includes("--quick");
    const onlyAt = argv.indexOf("--only");
    const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? "").split(",").filter((s) => s !== "") : [...SECTIONS];
    for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section ${JSON.stringify(s)} (${SECTIONS.join(", ")})`);
    return { quick, only: only as Section[] };
}

function target(name: string, value: number, bound: number): Target {
    return { name, value, bound, held: value <= bound };
}

/** What one run needs. */
interface Context {
    built: Built;
    preload: string;
    settings: Settings;
    only: Section[];
    log: (line: string) => void;
}

type Measured = Pick<Results, "planPulumiModules" | "plan" | "mock" | "policy" | "verify">;

async function measure({ built, preload, settings, only, log }: Context): Promise<Measured> {
    const measured: Measured = { planPulumiModules: Number.NaN, plan: [], mock: [], policy: [], verify: [] };
    if (only.includes("plan")) {
        measured.planPulumiModules = await pulumiModulesLoadedByPlan(built.cli, preload);
        measured.plan = await measurePlan({ ...settings.plan, cli: built.cli, preload, log });
    }
    if (only.includes("mock")) {
        for (const provider of ["route53", "azure"] as const) {
            measured.mock.push(...await measureMock({ providers: [provider], sizes: settings.mock[provider], nodeFlags: MOCK_NODE_FLAGS, child: built.bench("mock/child.ts"), preload, log }));
        }
    }
    if (only.includes("policy")) measured.policy = await measurePolicy({ sizes: settings.policy, child: built.bench("policy/child.ts"), preload, log });
    if (only.includes("verify")) measured.verify = await measureVerify({ sizes: settings.verify, cli: built.cli, preload, log });
    return measured;
}

/** The mobility rule, the one that was quadratic at preview. */
const MOBILITY_RULE = "lync-mobility-federation-srv";

/** The targets, judged from what was measured: ratios within this one run, absolute bounds where the goal is one. */
function judge(measured: Measured): Target[] {
    const targets: Target[] = [];
    if (measured.plan.length > 0) targets.push(target("Pulumi modules loaded by plan", measured.planPulumiModules, 0));
    const plan = (domains: number) => measured.plan.find((p) => p.domains === domains);
    const floor = plan(0);
    if (floor) {
        const one = plan(1);
        const thousand = plan(1000);
        if (one) targets.push(target("plan 1 domain / node -e 0", one.wallMs.median / floor.wallMs.median, 1.5));
        if (thousand) targets.push(target("plan 1,000 domains / node -e 0", thousand.wallMs.median / floor.wallMs.median, 2.5));
    }
    const tenThousand = plan(10_000);
    if (tenThousand) {
        targets.push(target("plan 10,000 domains, wall s", tenThousand.wallMs.median / 1000, 1));
        targets.push(target("plan 10,000 domains, peak RSS MiB", tenThousand.peakRssMiB.median, 150));
    }
    for (const m of measured.mock.filter((c) => c.domains === 100)) {
        targets.push(target(`component / hand-written, ${m.provider}, ${m.domains} domains`, m.wallRatio, 1.05));
    }
    const policy = (records: number, preview: boolean) => measured.policy.find((p) => p.records === records && p.preview === preview);
    const update40k = policy(40_000, false);
    if (update40k) targets.push(target("policy pack, 40,000 records, every validateStack, s", update40k.validateMs.median / 1000, 0.3));
    const [small, large] = [policy(10_000, true), policy(40_000, true)];
    if (small && large) {
        // Linear: four times the records, about four times the time; quadratic would be sixteen.
        // Its policy's whole validateStack, as before the read was shared: being first, it holds the stack read too.
        const perRecord = (p: PolicyResult) => p.perPolicyMs[MOBILITY_RULE] / p.records;
        targets.push(target("mobility rule at preview, per record, 40,000 / 10,000 records", perRecord(large) / perRecord(small), 2));
    }
    return targets;
}

async function main(): Promise<void> {
    const started = performance.now();
    const { quick, only } = parseArgs(process.argv.slice(2));
    const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
    const machine = describeMachine();
    const built = prepareBuild(log);
    log(`${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage.start}; peak RSS by ${rssMethod()}`);
    let measured: Measured;
    try {
        measured = await measure({ built, preload: built.bench("usage-preload.ts"), settings: quick ? SETTINGS.quick : SETTINGS.full, only, log });
    } finally {
        built.remove();
    }
    machine.loadAverage.end = currentLoad();
    const results: Results = {
        machine,
        settings: {
            rssMethod: rssMethod(),
            mockNodeFlags: MOCK_NODE_FLAGS,
            durationS: Math.round((performance.now() - started) / 1000),
            quiet: { runs: quietStats.runs, waitedS: Math.round(quietStats.waitedMs / 1000), startedBusy: quietStats.startedBusy },
        },
        ...measured,
        targets: judge(measured),
    };
    process.stdout.write(`${markdownTable(results)}\n\n`);
    process.stdout.write(`${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.uname}; ${machine.date}; `
        + `load average ${machine.loadAverage.start} → ${machine.loadAverage.end}; ${quietStats.runs} processes measured, ${Math.round(quietStats.waitedMs / 1000)} s waiting for a quiet machine, ${quietStats.startedBusy} started busy anyway; `
        + `peak RSS and CPU by ${results.settings.rssMethod}; mock runs with ${MOCK_NODE_FLAGS.join(" ")}; ${results.settings.durationS} s in all.\n`);
    for (const t of results.targets) process.stdout.write(`target ${t.held ? "held" : "MISSED"}: ${t.name} = ${t.value.toFixed(3)} (bound ${t.bound})\n`);
    if (quick || only.length < SECTIONS.length) {
        log("a partial run (--quick or --only): bench/results.json left as it was");
    } else {
        // An output of the run (ignored by git); docs/performance.md carries the table.
        writeFileSync(join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
        log("wrote bench/results.json");
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
});
