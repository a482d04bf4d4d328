/**
 * GIVEN each config in tests/golden, WHEN it is planned, THEN the plan is
 * exactly the reviewed plan beside it (or the one written by hand, which
 * UPDATE_GOLDEN never rewrites).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { planRecords } from "../../components";
import { expectedFor, goldenCases } from "../helpers/golden";

describe("golden plans", () => {
    for (const c of goldenCases()) {
        it(`${c.name}${c.byHand ? " (expected plan written by hand)" : ""}`, () => {
            const actual = planRecords(c.config as never);
            assert.deepEqual(actual, expectedFor(c, actual));
        });
    }

    it("has a plan written by hand, and UPDATE_GOLDEN=1 leaves it as it was", () => {
        const byHand = goldenCases().filter((c) => c.byHand);
        assert.deepEqual(byHand.map((c) => c.name), ["delegated-subzone"]);
        const saved = process.env.UPDATE_GOLDEN;
        process.env.UPDATE_GOLDEN = "1";
        try {
            for (const c of byHand) {
                const before = readFileSync(c.expectedFile, "utf8");
                expectedFor(c, { zones: [], warnings: ["not what was written by hand"] });
                assert.equal(readFileSync(c.expectedFile, "utf8"), before, `${c.expectedFile} was rewritten`);
            }
        } finally {
            if (saved === undefined) delete process.env.UPDATE_GOLDEN;
            else process.env.UPDATE_GOLDEN = saved;
        }
    });
});
