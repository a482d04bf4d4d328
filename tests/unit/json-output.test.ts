/** `--format json` and `verify --json` write in slices: together, exactly JSON.stringify(value, null, 2) and a newline. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { writeJson } from "../../cli/json-output";
import { planDeployment } from "../../components/core/plan/planner";

/** A slice, and the newline the last one carries. */
const SLICE = 65_537;

function written(value: unknown): string[] {
    const chunks: string[] = [];
    writeJson((text) => chunks.push(text), value);
    return chunks;
}

describe("JSON written in slices", () => {
    it("writes a large plan as the same text in slices, none of them the whole", () => {
        const planned = planDeployment({ sipDomains: Array.from({ length: 2000 }, (_, i) => ({ name: `d${i}.example.com`, mobility: true, xmpp: true })), edge: { accessEdgeIps: ["131.107.155.10"] } });
        const value = { ...planned.plan, violations: [] };
        const chunks = written(value);
        assert.equal(chunks.join(""), `${JSON.stringify(value, null, 2)}\n`);
        assert.ok(chunks.length > 10 && chunks.every((c) => c.length <= SLICE), `${chunks.length} chunks`);
    });

    it("writes a small value in one piece", () => {
        assert.deepEqual(written({ zones: [], warnings: [] }), ['{\n  "zones": [],\n  "warnings": []\n}\n']);
    });

    it("writes any JSON value as JSON.stringify indents it: empty and nested containers, escapes, brackets and colons in strings, every character", () => {
        // Strings full of what the indenting looks at, and characters beyond Latin-1 (written the other way).
        const tricky = fc.oneof(
            fc.string({ unit: fc.constantFrom("\"", "\\", "{", "}", "[", "]", ",", ":", " ", "\n", "a", "é", "\u00ff", "\u0000", "\u001f") }),
            fc.string({ unit: "binary" }),
        );
        const json = fc.letrec((tie) => ({
            value: fc.oneof({ depthSize: "small" }, tricky, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
            array: fc.array(tie("value"), { maxLength: 5 }),
            object: fc.dictionary(tricky, tie("value"), { maxKeys: 5 }),
        })).value;
        fc.assert(fc.property(json, (value) => {
            const chunks = written(value);
            assert.equal(chunks.join(""), `${JSON.stringify(value, null, 2)}\n`);
            assert.ok(chunks.every((c) => c.length <= SLICE));
        }), { numRuns: 2000 });
    });

    it("writes what JSON.stringify treats specially as it does: values it leaves out or writes as null, toJSON with the key it is at, an own __proto__ key, no prototype", () => {
        const keyed = { toJSON: (key: string) => `at ${JSON.stringify(key)}` };
        const bare = Object.assign(Object.create(null) as Record<string, unknown>, { list: [1, { two: 2 }] });
        const values: unknown[] = [
            { gone: undefined, fn: () => 1, sym: Symbol("s"), kept: [undefined, () => 1, Symbol("t"), new Date(0), keyed, { inner: keyed }], when: new Date(0), keyed, empty: [], none: {} },
            { ["__proto__"]: [1, 2], after: ["x"] },
            { list: [keyed, 1] },
            { list: Object.assign([1, 2], { toJSON: () => "whole" }) },
            { holes: [1, , 3] },
            bare,
            keyed,
            { only: undefined },
            {},
        ];
        for (const value of values) assert.equal(written(value).join(""), `${JSON.stringify(value, null, 2)}\n`, JSON.stringify(value));
    });

    it("cuts its slices anywhere, inside a string and inside an indentation, and joins them to the same text", () => {
        // Strings long enough that slice ends fall in every place: inside strings, escapes and runs of spaces.
        const deep = (depth: number): unknown => (depth === 0 ? ["x\\\"".repeat(5000)] : { [`k${depth}`]: [deep(depth - 1), "y".repeat(7000 + depth)] });
        for (const value of [deep(40), Array.from({ length: 3000 }, (_, i) => ({ i, s: "\\".repeat(i % 50), e: [], o: {} }))]) {
            const chunks = written(value);
            assert.equal(chunks.join(""), `${JSON.stringify(value, null, 2)}\n`);
            assert.ok(chunks.length > 2 && chunks.every((c) => c.length <= SLICE));
        }
    });
});
