/** Golden files: a config (`NAME.yaml`) beside the plan it must give (`NAME.plan.json`). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as YAML from "yaml";

export const GOLDEN_DIR = join(__dirname, "..", "golden");

export interface GoldenCase {
    name: string;
    config: unknown;
    expectedFile: string;
}

export function goldenCases(): GoldenCase[] {
    return readdirSync(GOLDEN_DIR)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .map((f) => ({
            name: f.replace(/\.yaml$/, ""),
            config: YAML.parse(readFileSync(join(GOLDEN_DIR, f), "utf8")),
            expectedFile: join(GOLDEN_DIR, f.replace(/\.yaml$/, ".plan.json")),
        }));
}

/** The expected result; with UPDATE_GOLDEN=1 the actual one is written first (review the diff). */
export function expectedFor(c: GoldenCase, actual: unknown): unknown {
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(c.expectedFile)) {
        if (process.env.UPDATE_GOLDEN !== "1") throw new Error(`missing golden file ${c.expectedFile}: run UPDATE_GOLDEN=1 npm test and review it`);
        writeFileSync(c.expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    return JSON.parse(readFileSync(c.expectedFile, "utf8"));
}
