/**
 * Golden files: a config (`NAME.yaml`) beside the plan it must give. Most
 * plans (`NAME.plan.json`) were made by the implementation and reviewed;
 * `UPDATE_GOLDEN=1` rewrites them. A plan written by hand from the README's
 * rules (`NAME.by-hand.plan.json`) is an independent oracle: it is always
 * compared and never rewritten, so a change of behaviour cannot slip into it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as YAML from "yaml";

export const GOLDEN_DIR = join(__dirname, "..", "golden");

/** One golden config and the file holding its expected plan. */
export interface GoldenCase {
    name: string;
    config: unknown;
    expectedFile: string;
    /** The expected plan was typed by hand, not produced by the code under test. */
    byHand: boolean;
}

/** Every `NAME.yaml` in the golden folder, by name. */
export function goldenCases(): GoldenCase[] {
    return readdirSync(GOLDEN_DIR)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .map((f) => {
            const name = f.replace(/\.yaml$/, "");
            const generated = join(GOLDEN_DIR, `${name}.plan.json`);
            const byHandFile = join(GOLDEN_DIR, `${name}.by-hand.plan.json`);
            const byHand = existsSync(byHandFile);
            if (byHand && existsSync(generated)) throw new Error(`${name} has both ${name}.plan.json and ${name}.by-hand.plan.json; keep one`);
            return { name, config: YAML.parse(readFileSync(join(GOLDEN_DIR, f), "utf8")), expectedFile: byHand ? byHandFile : generated, byHand };
        });
}

/**
 * The expected result. With `UPDATE_GOLDEN=1` the actual one is written
 * first (review the diff), except over a plan written by hand.
 */
export function expectedFor(c: GoldenCase, actual: unknown): unknown {
    if (!c.byHand && (process.env.UPDATE_GOLDEN === "1" || !existsSync(c.expectedFile))) {
        if (process.env.UPDATE_GOLDEN !== "1") throw new Error(`missing golden file ${c.expectedFile}: run UPDATE_GOLDEN=1 npm test and review it`);
        writeFileSync(c.expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    return JSON.parse(readFileSync(c.expectedFile, "utf8"));
}
