/**
 * One measured run of a fresh Node process, started once the machine is
 * quiet (quiet.ts): wall time from spawn to exit,
 * CPU time, and peak resident set size. CPU time and peak RSS come from GNU
 * time (`/usr/bin/time -f "%M %U %S"`, the kernel's rusage of the child) when
 * it is installed, else from the child itself: a preload writes
 * `process.resourceUsage()` at exit.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { waitForQuiet } from "./quiet";

const GNU_TIME = "/usr/bin/time";

/** How peak RSS is measured on this machine. */
export type RssMethod = "gnu-time" | "resource-usage";

let method: RssMethod | undefined;

/** GNU time when it works here, otherwise the preload. */
export function rssMethod(): RssMethod {
    if (method === undefined) {
        const probe = existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ["-f", "%M", "true"], { encoding: "utf8" }) : undefined;
        method = probe && probe.status === 0 && /^\d+\s*$/.test(probe.stderr) ? "gnu-time" : "resource-usage";
    }
    return method;
}

/** What one run gave. */
export interface ProcessRun {
    wallMs: number;
    /** User plus system CPU time of the process. */
    cpuMs: number;
    /** Peak RSS in MiB. */
    peakRssMiB: number;
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Options of one run. */
export interface RunOptions {
    cwd?: string;
    /** Node flags before the script, e.g. `--max-old-space-size=8192`. */
    nodeFlags?: string[];
    /** The file of the preload used when GNU time is missing (a compiled `usage-preload.ts`). */
    preload: string;
}

/**
 * Runs `node [flags] ...args` in a fresh process, stdout and stderr to
 * files (so a large output costs the child what writing a file costs, not a
 * pipe the parent drains), and measures it.
 */
export async function runNode(args: string[], options: RunOptions): Promise<ProcessRun> {
    const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-bench-run-"));
    const usageFile = join(dir, "rss");
    const outFile = join(dir, "stdout");
    const errFile = join(dir, "stderr");
    const flags = options.nodeFlags ?? [];
    const viaTime = rssMethod() === "gnu-time";
    const [command, argv] = viaTime
        ? [GNU_TIME, ["-f", "%M %U %S", "-o", usageFile, process.execPath, ...flags, ...args]]
        : [process.execPath, [...flags, "--require", options.preload, ...args]];
    const env: NodeJS.ProcessEnv = { ...process.env, LYNC_EDGE_DNS_BENCH_USAGE_FILE: usageFile };
    delete env.NODE_OPTIONS;
    await waitForQuiet();
    const out = openSync(outFile, "w");
    const err = openSync(errFile, "w");
    try {
        const started = performance.now();
        const code = await new Promise<number | null>((resolve, reject) => {
            const child = spawn(command, argv, { cwd: options.cwd, env, stdio: ["ignore", out, err] });
            child.once("error", reject);
            child.once("exit", (status) => resolve(status));
        });
        const wallMs = performance.now() - started;
        // GNU time: "KiB user-seconds system-seconds" (after a "Command exited with non-zero status" line, if any);
        // the preload: "KiB user-seconds system-seconds" too.
        const fields = (existsSync(usageFile) ? readFileSync(usageFile, "utf8").trim().split("\n").pop() ?? "" : "").split(" ").map(Number);
        const [rssKiB, user, system] = fields.length === 3 && fields.every(Number.isFinite) ? fields : [Number.NaN, Number.NaN, Number.NaN];
        return {
            wallMs,
            cpuMs: (user + system) * 1000,
            peakRssMiB: rssKiB / 1024,
            code,
            stdout: readFileSync(outFile, "utf8"),
            stderr: readFileSync(errFile, "utf8"),
        };
    } finally {
        closeSync(out);
        closeSync(err);
        rmSync(dir, { recursive: true, force: true });
    }
}

/** Throws with the child's stderr when it did not exit 0. */
export function expectSuccess(run: ProcessRun, what: string): ProcessRun {
    if (run.code !== 0) throw new Error(`${what} exited with ${String(run.code)}:\n${run.stderr.slice(-4000)}`);
    return run;
}
