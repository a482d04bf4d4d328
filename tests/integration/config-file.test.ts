/**
 * A `.json` config file as the CLI and `npm start` read it: GIVEN any JSON
 * text, THEN it reads as JSON.parse reads it; GIVEN a key written twice in
 * one object (which JSON.parse would keep the last of, silently), THEN the
 * file is refused with where, as a YAML file is.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { ConfigError } from "../../components";
import { readConfigDocument } from "../../cli/config-file";

describe("a .json config file", () => {
    let dir: string;
    let file: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-json-")); file = join(dir, "edge.json"); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const read = (text: string): unknown => { writeFileSync(file, text); return readConfigDocument(file); };
    const refusal = (text: string): string => {
        try {
            read(text);
        } catch (error) {
            assert.ok(ConfigError.isInstance(error), String(error));
            return error.issues.map((i) => `${i.path}: ${i.message}`).join("\n");
        }
        return "read";
    };

    it("reads any JSON text as JSON.parse does: colons, quotes and backslashes inside strings are no keys", () => {
        // Keys and strings full of what the key count must not be fooled by.
        const key = fc.string({ unit: fc.constantFrom("a", ":", "\"", "\\", "{", "}", ",", " ", "é") });
        fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }).chain((v) => fc.tuple(fc.constant(v), fc.dictionary(key, fc.jsonValue({ maxDepth: 2 })))), ([value, extra]) => {
            const doc = { value, extra };
            const text = JSON.stringify(doc, null, 1);
            assert.deepEqual(read(text), JSON.parse(text));
        }), { numRuns: 300 });
    });

    it("refuses a key given twice in one object, at any depth, with the line and column of the second", () => {
        assert.equal(refusal('{\n  "sipDomains": ["contoso.com"],\n  "ttl": 0,\n  "ttl": 300\n}\n'), 'edge.json: is not valid JSON at line 4, column 3: a key is given twice in one object');
        assert.equal(refusal('{"edge": {"accessEdgeIps": ["131.107.155.10"], "accessEdgeIps": []}}'), "edge.json: is not valid JSON at line 1, column 48: a key is given twice in one object");
        assert.equal(refusal('{"sipDomains": [{"name": "a:b", "name": "contoso.com"}]}'), "edge.json: is not valid JSON at line 1, column 33: a key is given twice in one object");
    });

    it("places every JSON syntax error, also those V8's message leaves unplaced, in one line without the quoted text", () => {
        assert.equal(refusal('{\n  "sipDomains": ["contoso.com"],\n  "edge": {"accessEdgeIps": ["131.107.155.10",]}\n}\n'), "edge.json: is not valid JSON at line 3, column 47: Unexpected token ']'");
        assert.equal(refusal("{\n  'sipDomains': []\n}"), "edge.json: is not valid JSON at line 2, column 3: Expected property name or '}'");
        assert.equal(refusal('{"sipDomains": ['), "edge.json: is not valid JSON at line 1, column 17: Unexpected end of JSON input");
        assert.equal(refusal('\uFEFF{"sipDomains": [,]}'), "edge.json: is not valid JSON at line 1, column 17: Unexpected token ','");
    });

    it("cuts V8's quoted excerpt however V8 shortens it, and its position, from the message", () => {
        assert.equal(refusal(`[1,\n]   \n${"x".repeat(200)}`), "edge.json: is not valid JSON at line 2, column 1: Unexpected token ']'");
        assert.equal(refusal('{"a":1} x'), "edge.json: is not valid JSON at line 1, column 9: Unexpected non-whitespace character after JSON");
    });

    it("reads JSON nested as deep as JSON.parse takes without running out of stack, and still finds a key given twice deep inside", () => {
        const depth = 20_000;
        const deep = `{"sipDomains": ${"[".repeat(depth)}"contoso.com"${"]".repeat(depth)}}`;
        let value = (read(deep) as { sipDomains: unknown }).sipDomains;
        for (let i = 0; i < depth; i++) value = (value as unknown[])[0];
        assert.equal(value, "contoso.com");
        const twice = (n: number) => `{"sipDomains": ${"[".repeat(n)}{"name": "a", "name": "b"}${"]".repeat(n)}}`;
        assert.equal(refusal(twice(100)), `edge.json: is not valid JSON at line 1, column ${'{"sipDomains": '.length + 100 + '{"name": "a", '.length + 1}: a key is given twice in one object`);
        // Deeper than the YAML parser, which places the key, can go: said without a place, never in the wrong one.
        assert.equal(refusal(twice(depth)), "edge.json: is not valid JSON: a key is given twice in one object");
    });

    it("a key written again in another object is no repeat", () => {
        assert.deepEqual(read('{"a": {"name": 1}, "b": {"name": 2}, "name": 3}'), { a: { name: 1 }, b: { name: 2 }, name: 3 });
    });
});
