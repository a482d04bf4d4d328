/** Word wrapping for people (cli/text-layout.ts), held to its rule read plainly. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { rolesText } from "../../cli/plan-output";
import { wrapText } from "../../cli/text-layout";

/**
 * The rule, one character at a time: a line breaks at the last space that
 * fits the width, preferring one outside parentheses unless that would make
 * the line shorter than a third of the width (an unmatched ")" opens
 * nothing); a word longer than the width is cut at the width.
 */
function wrapByTheRule(text: string, width: number, restWidth = width): string[] {
    if (text.length <= width) return [text];
    const lines: string[] = [];
    let rest = text;
    for (let room = width; rest.length > room; room = restWidth) {
        let last = -1;
        let outside = -1;
        let depth = 0;
        for (let i = 0; i <= room && i < rest.length; i++) {
            if (rest[i] === "(") depth++;
            else if (rest[i] === ")") depth = Math.max(0, depth - 1);
            else if (rest[i] === " ") {
                last = i;
                if (depth === 0) outside = i;
            }
        }
        const space = outside > room / 3 ? outside : last;
        if (space > 0) {
            lines.push(rest.slice(0, space).trimEnd());
            rest = rest.slice(space + 1).trimStart();
        } else {
            lines.push(rest.slice(0, room));
            rest = rest.slice(room);
        }
    }
    if (rest.length > 0 || lines.length === 0) lines.push(rest);
    return lines;
}

describe("wrapText", () => {
    it("breaks lines where the rule says, with and without parentheses in reach", () => {
        const text = fc.array(fc.constantFrom("a", "bb", "word", "(x", "y)", "(", ")", " ", "  ", "meet.sip1.bench-1.com", "x".repeat(30)), { maxLength: 40 }).map((words) => words.join(" "));
        fc.assert(fc.property(text, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), (t, width, restWidth) => {
            assert.deepEqual(wrapText(t, width, true, restWidth), wrapByTheRule(t, width, restWidth));
        }), { numRuns: 3000 });
    });
});

describe("the FOR cell of plan's table", () => {
    it("says a parenthetical every role ends with once, at the end; other roles as they are", () => {
        assert.equal(rolesText(["client autodiscover (reverse proxy)", "mobility autodiscover (reverse proxy)"]), "client autodiscover; mobility autodiscover (reverse proxy)");
        assert.equal(rolesText(["Access Edge host (SRV target)", "client autodiscover (reverse proxy)"]), "Access Edge host (SRV target); client autodiscover (reverse proxy)");
        assert.equal(rolesText(["SIP federation discovery and public IM connectivity", "mobility push notifications"]), "SIP federation discovery and public IM connectivity; mobility push notifications");
        assert.equal(rolesText(["client autodiscover (reverse proxy)"]), "client autodiscover (reverse proxy)");
        assert.equal(rolesText([]), "");
    });
});
