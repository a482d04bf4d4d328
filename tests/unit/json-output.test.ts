/** `--format json` and `verify --json` write in slices: together, exactly JSON.stringify(value, null, 2) and a newline. */
import assert from "node:assert/strict";
import { writeJson } from "../../cli/json-output";
import { planDeployment } from "../../components/core/plan/planner";

describe("JSON written in slices", () => {
    it("writes a large plan as the same text in slices, none of them the whole", () => {
        const planned = planDeployment({ sipDomains: Array.from({ length: 2000 }, (_, i) => ({ name: `d${i}.example.com`, mobility: true, xmpp: true })), edge: { accessEdgeIps: ["131.107.155.10"] } });
        const value = { ...planned.plan, violations: [] };
        const chunks: string[] = [];
        writeJson((text) => chunks.push(text), value);
        const expected = `${JSON.stringify(value, null, 2)}\n`;
        assert.equal(chunks.join(""), expected);
        assert.ok(chunks.length > 10 && chunks.every((c) => c.length <= 65_536), `${chunks.length} chunks`);
    });

    it("writes a small value in one piece", () => {
        const chunks: string[] = [];
        writeJson((text) => chunks.push(text), { zones: [], warnings: [] });
        assert.deepEqual(chunks, ['{\n  "zones": [],\n  "warnings": []\n}\n']);
    });
});
