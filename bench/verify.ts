/**
 * `lync-edge-dns verify --server` through the built CLI against a real BIND
 * on 127.0.0.1 serving exactly the plan (tests/helpers/bind.ts), so every
 * record set is found and every SRV target followed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planRecords } from "../components";
import { BindServer, zoneTexts } from "../tests/helpers/bind";
import { recordSetCount, syntheticDeployment } from "./configs";
import { expectSuccess, runNode } from "./process";
import { summarize, type Summary } from "./stats";

/** One size. */
export interface VerifyResult {
    domains: number;
    records: number;
    wallMs: Summary;
    peakRssMiB: Summary;
}

/** What to run. */
export interface VerifyPlan {
    sizes: { domains: number; runs: number }[];
    cli: string;
    preload: string;
    log: (line: string) => void;
}

/** Starts BIND per size, runs verify `runs` times, stops BIND. */
export async function measureVerify(plan: VerifyPlan): Promise<VerifyResult[]> {
    const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-bench-verify-"));
    const results: VerifyResult[] = [];
    try {
        for (const { domains, runs } of plan.sizes) {
            const config = syntheticDeployment(domains);
            const file = join(dir, `deployment-${domains}.json`);
            writeFileSync(file, JSON.stringify(config));
            const bind = await BindServer.start(zoneTexts(planRecords(config)));
            try {
                const walls: number[] = [];
                const rss: number[] = [];
                for (let i = 0; i < runs; i++) {
                    const run = expectSuccess(await runNode([plan.cli, "verify", "--config", file, "--server", bind.address, "--json"], { preload: plan.preload }), `verify (${domains} domains)`);
                    const report = JSON.parse(run.stdout) as { summary: { total: number; ok: number } };
                    if (report.summary.total !== recordSetCount(domains) || report.summary.ok !== report.summary.total) {
                        throw new Error(`verify (${domains} domains): ${report.summary.ok} of ${report.summary.total} ok, expected ${recordSetCount(domains)} of ${recordSetCount(domains)}`);
                    }
                    walls.push(run.wallMs);
                    rss.push(run.peakRssMiB);
                    plan.log(`verify ${domains} domains run ${i + 1}/${runs}: ${(run.wallMs / 1000).toFixed(2)} s, ${run.peakRssMiB.toFixed(0)} MiB`);
                }
                results.push({ domains, records: recordSetCount(domains), wallMs: summarize(walls), peakRssMiB: summarize(rss) });
            } finally {
                await bind.stop();
            }
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return results;
}
