/** The shape of bench/results.json: everything one run measured, and the targets judged from it. */
import type { Machine } from "./machine";
import type { MockComparison } from "./mock/measure";
import type { PlanResult } from "./plan";
import type { PolicyResult } from "./policy/measure";
import type { RssMethod } from "./process";
import type { VerifyResult } from "./verify";

/** A target and whether this run held it. */
export interface Target {
    name: string;
    value: number;
    bound: number;
    held: boolean;
}

export interface Results {
    machine: Machine;
    settings: {
        rssMethod: RssMethod;
        mockNodeFlags: string[];
        durationS?: number;
        /** Runs measured, seconds spent waiting for a quiet machine, runs started busy anyway (quiet.ts). */
        quiet?: { runs: number; waitedS: number; startedBusy: number };
    };
    /** Pulumi modules in require.cache after a plan through the built CLI (tests/integration/cli.test.ts asserts 0 too). */
    planPulumiModules: number;
    plan: PlanResult[];
    mock: MockComparison[];
    policy: PolicyResult[];
    verify: VerifyResult[];
    targets: Target[];
}
