/**
 * `npm run bench`: measures, in one run on this machine,
 *
 *   1. `plan` through the built CLI for 10 to 10,000 SIP domains, beside `node -e 0`;
 *   2. LyncEdgeDns under the SDK's mock engine beside a hand-written program
 *      registering the same record sets, on Route 53 and Azure DNS;
 *   3. the policy pack's stack validation over 1,000 to 40,000 records;
 *   4. `verify` against a local BIND;
 *
 * each figure the median of several fresh processes (min and max beside it),
 * prints a markdown table and writes bench/results.json.
 *
 *   npm run bench                      the full run (about 15 minutes)
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
import { measurePolicy } from "./policy/measure";
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
    policy: { records: number; runs: number }[];
    verify: { domains: number; runs: number }[];
}

/** Sizes and runs of the full benchmark and of --quick. */
const SETTINGS: { full: Settings; quick: Settings } = {
    full: {
        plan: { sizes: [10, 100, 1000, 10_000], runs: 5 },
        mock: {
            route53: [{ domains: 10, runs: 5 }, { domains: 100, runs: 11 }, { domains: 1000, runs: 3 }],
            azure: [{ domains: 10, runs: 5 }, { domains: 100, runs: 9 }, { domains: 1000, runs: 2 }],
        },
        policy: [{ records: 1000, runs: 5 }, { records: 10_000, runs: 5 }, { records: 40_000, runs: 3 }],
        verify: [{ domains: 10, runs: 5 }, { domains: 100, runs: 5 }],
    },
    quick: {
        plan: { sizes: [10, 100], runs: 2 },
        mock: { route53: [{ domains: 10, runs: 2 }], azure: [{ domains: 10, runs: 2 }] },
        policy: [{ records: 1000, runs: 2 }],
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

/** The targets, judged from what was measured. */
function judge(measured: Measured): Target[] {
    const targets: Target[] = [];
    if (measured.plan.length > 0) targets.push(target("Pulumi modules loaded by plan", measured.planPulumiModules, 0));
    const plan1k = measured.plan.find((p) => p.domains === 1000);
    const plan10k = measured.plan.find((p) => p.domains === 10_000);
    if (plan1k && plan10k) targets.push(target("plan 10,000 / 1,000 domains", plan10k.wallMs.median / plan1k.wallMs.median, 10));
    for (const m of measured.mock.filter((c) => c.domains === 100)) {
        targets.push(target(`component / hand-written, ${m.provider}, ${m.domains} domains`, m.wallRatio, 1.05));
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
        writeFileSync(join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
        log("wrote bench/results.json");
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
});
