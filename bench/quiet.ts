/**
 * On a shared machine, other work skews a measurement. Before each run the
 * bench waits, up to a limit, until the CPUs are mostly idle (from
 * /proc/stat, Linux only; elsewhere it does not wait), and records how
 * often it had to start on a busy machine anyway.
 */
import { existsSync, readFileSync } from "node:fs";

const STAT = "/proc/stat";
const SAMPLE_MS = 250;
/** Idle share of all CPUs over one sample that counts as quiet. */
const QUIET = 0.8;
const MAX_WAIT_MS = 5_000;

/** What the waits came to over a whole run. */
export const quietStats = { runs: 0, waitedMs: 0, startedBusy: 0 };

function cpuTimes(): { idle: number; total: number } | undefined {
    const line = readFileSync(STAT, "utf8").split("\n")[0] ?? "";
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    if (fields.length < 5 || !fields.every(Number.isFinite)) return undefined;
    // user nice system idle iowait irq softirq steal ...: idle and iowait are idle.
    return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b, 0) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once one sample was quiet, or after the limit. */
export async function waitForQuiet(): Promise<void> {
    quietStats.runs++;
    if (!existsSync(STAT) || cpuTimes() === undefined) return;
    const started = Date.now();
    for (;;) {
        const before = cpuTimes();
        await sleep(SAMPLE_MS);
        const after = cpuTimes();
        if (!before || !after) return;
        const idle = (after.idle - before.idle) / Math.max(1, after.total - before.total);
        if (idle >= QUIET) break;
        if (Date.now() - started >= MAX_WAIT_MS) {
            quietStats.startedBusy++;
            break;
        }
    }
    quietStats.waitedMs += Date.now() - started;
}
