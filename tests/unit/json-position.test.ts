/**
 * Where a JSON config stops being JSON, for JSON.parse's messages that do
 * not say: GIVEN JSON text with one character added or taken away, WHEN
 * JSON.parse refuses it, THEN jsonErrorOffset names the offset V8 names
 * where it names one, the very token V8 quotes where it quotes one, and the
 * end of the text for "Unexpected end of JSON input"; valid text has none.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { jsonErrorOffset } from "../../cli/json-position";

/** What V8 says of `text`: undefined when it parses. */
function v8Refusal(text: string): string | undefined {
    try {
        JSON.parse(text);
        return undefined;
    } catch (error) {
        return (error as Error).message;
    }
}

describe("where JSON text stops being JSON", () => {
    it("agrees with V8 on every refusal of JSON text with one character added or taken away", () => {
        const edits = fc.constantFrom(",", "]", "}", "'", "\"", "\\", ":", "x", "1", "\n", " ", "/", "\u0001", "{", "[", "e", ".", "-", "u");
        let judged = 0;
        fc.assert(fc.property(fc.json({ maxDepth: 3 }), fc.nat(), edits, fc.boolean(), (json, at, char, remove) => {
            const p = at % (json.length + 1);
            const text = remove ? json.slice(0, p) + json.slice(p + 1) : json.slice(0, p) + char + json.slice(p);
            const refusal = v8Refusal(text);
            const offset = jsonErrorOffset(text);
            if (refusal === undefined) return assert.equal(offset, undefined, text);
            judged++;
            const position = /at position (\d+)/.exec(refusal);
            const token = /^Unexpected token '(.)'/su.exec(refusal);
            if (position) assert.equal(offset, Number(position[1]), `${JSON.stringify(text)}: ${refusal}`);
            else if (token) assert.equal(offset === undefined ? undefined : text[offset], token[1], `${JSON.stringify(text)}: ${refusal}`);
            else assert.equal(offset, text.length, `${JSON.stringify(text)}: ${refusal}`);
        }), { numRuns: 3000 });
        assert.ok(judged > 1000, `${judged} refusals judged`);
    });

    it("names what V8 leaves unplaced: a trailing comma, a single quote, a comment, a cut-off file", () => {
        assert.equal(jsonErrorOffset('{"sipDomains": ["contoso.com",]}'), 30);
        assert.equal(jsonErrorOffset("{'sipDomains': []}"), 1);
        assert.equal(jsonErrorOffset('// edge\n{"sipDomains": []}'), 0);
        assert.equal(jsonErrorOffset('{"sipDomains": ['), 16);
        assert.equal(jsonErrorOffset('{"sipDomains": [tru]}'), 19);
    });
});
