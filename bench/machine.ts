/** The machine a run was made on, as docs/performance.md describes it. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

/** What results.json records about the machine. */
export interface Machine {
    cores: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    uname: string;
    date: string;
    /** 1-minute load average at the start and at the end of the run (other work on the machine shows here). */
    loadAverage: { start: number; end?: number };
}

/** Describes this machine now. */
export function describeMachine(): Machine {
    let uname: string;
    try {
        uname = execFileSync("uname", ["-a"], { encoding: "utf8" }).trim();
    } catch {
        uname = `${process.platform} ${process.arch}`;
    }
    return {
        cores: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? "unknown",
        memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
        node: process.version,
        uname,
        date: new Date().toISOString(),
        loadAverage: { start: Math.round(loadavg()[0] * 100) / 100 },
    };
}

/** The load average now, rounded. */
export function currentLoad(): number {
    return Math.round(loadavg()[0] * 100) / 100;
}
