/**
 * One mock-engine run in a fresh process (started by component-vs-handwritten.ts):
 *
 *   node dist/bench/mock/child.js component|handwritten INPUT.json [--digest]
 *
 * `component` constructs LyncEdgeDns from a deployment and DNS target;
 * `handwritten` registers the precomputed record sets directly. Prints one
 * JSON line: what was registered, when the program started (process start
 * to here: node and @pulumi/pulumi loaded) and how long the run took.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import type { LyncEdgeDnsArgs } from "../../components";
import { runMocked } from "./engine";
import { loadHandwritten, type HandwrittenInput } from "./handwritten";

/** What the child prints. */
export interface ChildReport {
    program: "component" | "handwritten";
    byType: Record<string, number>;
    digest?: string;
    /** Process start until the program starts: node, @pulumi/pulumi and the input file. */
    startupMs: number;
    /** The mock run: loading the component or provider package, constructing, registering, draining. */
    runMs: number;
    /** Within the run: loading the component (its provider package loads as it constructs) or the provider package. */
    loadMs: number;
    /** Within the run: the program's synchronous part, loading included (the SDK finishes registrations asynchronously after it). */
    programMs: number;
    heapLimitMiB: number;
}

async function main(): Promise<void> {
    const [program, file, flag] = process.argv.slice(2);
    if ((program !== "component" && program !== "handwritten") || !file) {
        throw new Error("usage: child.js component|handwritten INPUT.json [--digest]");
    }
    const input = JSON.parse(readFileSync(file, "utf8")) as unknown;
    const startupMs = performance.now();
    let loadMs = 0;
    let programMs = 0;
    const result = await runMocked(async () => {
        const started = performance.now();
        if (program === "component") {
            // Loaded here, not at the top: the baseline never loads the component.
            const { LyncEdgeDns } = await import("../../components");
            loadMs = performance.now() - started;
            new LyncEdgeDns("edge", input as LyncEdgeDnsArgs);
        } else {
            const register = await loadHandwritten((input as HandwrittenInput).provider);
            loadMs = performance.now() - started;
            register(input as HandwrittenInput);
        }
        programMs = performance.now() - started;
    }, flag === "--digest");
    const report: ChildReport = {
        program,
        byType: result.byType,
        digest: result.digest,
        startupMs,
        runMs: performance.now() - startupMs,
        loadMs,
        programMs,
        heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 1048576),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
});
