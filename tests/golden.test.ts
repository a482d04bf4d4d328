/**
 * GIVEN each config in tests/golden, WHEN it is planned, THEN the plan is
 * exactly the reviewed plan beside it.
 */
import assert from "node:assert/strict";
import { planRecords } from "../components";
import { expectedFor, goldenCases } from "./helpers/golden";

describe("golden plans", () => {
    for (const c of goldenCases()) {
        it(c.name, () => {
            const actual = planRecords(c.config as never);
            assert.deepEqual(actual, expectedFor(c, actual));
        });
    }
});
