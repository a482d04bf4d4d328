/** `--format json` and `verify --json` write in pieces: the same bytes as JSON.stringify(value, null, 2), whatever the value. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { jsonPieces, writeJson } from "../../cli/json-output";
import { planDeployment } from "../../components/core/plan/planner";

describe("JSON written in pieces", () => {
    it("is JSON.stringify(value, null, 2) for any value and any depth laid out", () => {
        fc.assert(fc.property(
            fc.anything({ withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true, withSparseArray: true, withObjectString: true }),
            fc.integer({ min: 0, max: 6 }),
            (value, depth) => assert.equal([...jsonPieces(value, depth)].join(""), JSON.stringify(value, null, 2) ?? "null"),
        ), { numRuns: 3000 });
    });

    it("writes a large plan as the same text in chunks, none of them the whole", () => {
        const planned = planDeployment({ sipDomains: Array.from({ length: 2000 }, (_, i) => ({ name: `d${i}.example.com`, mobility: true, xmpp: true })), edge: { accessEdgeIps: ["131.107.155.10"] } });
        const value = { ...planned.plan, violations: [] };
        const chunks: string[] = [];
        writeJson((text) => chunks.push(text), value);
        assert.equal(chunks.join(""), `${JSON.stringify(value, null, 2)}\n`);
        assert.ok(chunks.length > 10 && chunks.every((c) => c.length < 80_000), `${chunks.length} chunks`);
    });
});
