/**
 * The forms of `lync-edge-dns diff`: a table for people, JSON for tools, and
 * Markdown for a pull-request comment (a table of changes, the warnings and
 * a Mermaid diagram of the discovery chains that change).
 */
import type { PlanDiff, PlacedRecordSet, RecordSetChange } from "../components/core/plan/changes";
import type { PlannedRecordSet, TracedRecordSet } from "../components/core/plan/model";
import type { PlanResult } from "../components/core/plan/planner";
import { NO_COLOR, type Palette } from "./color";
import { mermaidLines, type ChangeMark } from "./mermaid";
import { warningLines } from "./plan-output";
import { hangingWrap, tableLines } from "./text-layout";

/** One line of the change list, in any form. */
interface ChangeRow {
    change: ChangeMark;
    zone: string;
    type: string;
    name: string;
    before?: PlannedRecordSet;
    after?: PlannedRecordSet;
}

/** Every change in one list, sorted by zone, name, type, then change. */
function changeRows(diff: PlanDiff): ChangeRow[] {
    const rows: ChangeRow[] = [
        ...diff.added.map((s: PlacedRecordSet): ChangeRow => ({ change: "added", zone: s.zone, type: s.type, name: s.name, after: s })),
        ...diff.removed.map((s: PlacedRecordSet): ChangeRow => ({ change: "removed", zone: s.zone, type: s.type, name: s.name, before: s })),
        ...diff.changed.map((c: RecordSetChange): ChangeRow => ({ change: "changed", zone: c.zone, type: c.type, name: c.name, before: c.before, after: c.after })),
    ];
    const key = (r: ChangeRow): string => `${r.zone}\u0000${r.name}\u0000${r.type}\u0000${r.change}`;
    return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The values of one side in the Markdown table; the TTL too when the two sides' TTLs differ (else it is noise). */
function side(set: PlannedRecordSet | undefined, other: PlannedRecordSet | undefined): string {
    if (!set) return "";
    const ttl = other && other.ttl !== set.ttl ? ` (TTL ${set.ttl})` : "";
    return `${set.values.join(", ")}${ttl}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The one-line summary: how many record sets change, and how. */
export function diffSummary(diff: PlanDiff): string {
    const total = diff.added.length + diff.removed.length + diff.changed.length;
    if (total === 0) return "No changes: both files publish the same record sets.";
    const warnings = diff.warnings.length > 0 ? `; ${plural(diff.warnings.length, "warning", "warnings")}` : "";
    return `${plural(total, "record set changes", "record sets change")}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed${warnings}.`;
}

/**
 * The VALUES cell of the table, one line each, as a diff reads: `- ` the
 * values that go, `+ ` those that come, and the TTL when it changes. A
 * value kept by a changed set is not repeated.
 */
function valueLines(row: ChangeRow): string[] {
    const { before, after } = row;
    const was = before?.values ?? [];
    const now = after?.values ?? [];
    const gone = was.filter((v) => !now.includes(v));
    const come = now.filter((v) => !was.includes(v));
    const lines = [
        ...(gone.length > 0 ? [`- ${gone.join(", ")}`] : []),
        ...(come.length > 0 ? [`+ ${come.join(", ")}`] : []),
    ];
    if (before && after && before.ttl !== after.ttl) lines.push(`TTL ${before.ttl} -> ${after.ttl}`);
    return lines;
}

/** The table for people: one table per zone, the warnings, the summary. */
export function diffTable(diff: PlanDiff, style: { width: number; palette?: Palette }): string[] {
    const palette = style.palette ?? NO_COLOR;
    // Red for what goes away, yellow for what changes in place; an addition needs no alarm.
    const colour: Record<ChangeMark, (t: string) => string> = { added: (t) => t, removed: palette.red, changed: palette.yellow };
    const rows = changeRows(diff);
    const lines: string[] = [];
    const zones = [...new Set(rows.map((r) => r.zone))];
    for (const zone of zones) {
        const mine = rows.filter((r) => r.zone === zone);
        lines.push(`Zone ${zone} (${plural(mine.length, "change", "changes")})`);
        // A set's further value lines are rows of their own with the first cells empty.
        const cells = mine.flatMap((r) => valueLines(r).map((v, i) => (i === 0 ? [r.change, r.type, r.name, v] : ["", "", "", v])));
        const table = tableLines(
            [{ header: "CHANGE" }, { header: "TYPE" }, { header: "NAME", minWidth: 24, shrinkOrder: 1 }, { header: "VALUES", minWidth: 24, shrinkOrder: 0 }],
            cells,
            { width: style.width },
        );
        // Colour the change word only, after layout, so widths are counted without escape codes.
        for (const line of table) {
            const match = /^ {2}(added|removed|changed)\b/.exec(line);
            lines.push(match ? line.replace(match[1], colour[match[1] as ChangeMark](match[1])) : line);
        }
        lines.push("");
    }
    const warnings = warningLines(diff.warnings, { width: style.width, palette });
    if (warnings.length > 0) lines.push(...warnings, "");
    lines.push(...hangingWrap(diffSummary(diff), style.width, ""));
    return lines;
}

/** What `diff --format json` prints: exactly the `diffPlans` result. */
export function diffJson(diff: PlanDiff): string {
    return `${JSON.stringify(diff, null, 2)}\n`;
}

/** A cell of a Markdown table: code, with pipes escaped so they do not end the cell. */
function cell(text: string): string {
    return text === "" ? "" : `\`${text.replace(/\|/g, "\\|")}\``;
}

/** The names whose record sets change, and how: the nodes the diagram colours. */
function changeMarks(diff: PlanDiff): Map<string, ChangeMark> {
    const marks = new Map<string, ChangeMark>();
    for (const r of changeRows(diff)) {
        const had = marks.get(r.name);
        // A name that gains one type and loses another has changed as a whole.
        marks.set(r.name, had === undefined || had === r.change ? r.change : "changed");
    }
    return marks;
}

/**
 * The discovery chains that change, as a Mermaid flowchart: the `after`
 * plan's records and the `before` plan's removed ones, drawn only along
 * chains that pass through a name that changes.
 */
export function diffMermaid(diff: PlanDiff, before: PlanResult, after: PlanResult): string[] {
    const marks = changeMarks(diff);
    const present = new Set(after.records.map((r) => `${r.name} ${r.type}`));
    const records: TracedRecordSet[] = [...after.records, ...before.records.filter((r) => !present.has(`${r.name} ${r.type}`))];
    const domains = [...new Set([...before.deployment.domains, ...after.deployment.domains].map((d) => d.name))];
    return mermaidLines(records, domains, { onlyThrough: new Set(marks.keys()), marks });
}

/** The Markdown for a pull-request comment; `title` names the file under review. */
export function diffMarkdown(diff: PlanDiff, before: PlanResult, after: PlanResult, title: string): string[] {
    const lines = [`### Edge DNS changes: \`${title}\``, "", diffSummary(diff)];
    const rows = changeRows(diff);
    if (rows.length > 0) {
        lines.push("", "| change | zone | type | name | before | after |", "|---|---|---|---|---|---|");
        for (const r of rows) lines.push(`| ${r.change} | ${r.zone} | ${r.type} | ${cell(r.name)} | ${cell(side(r.before, r.after))} | ${cell(side(r.after, r.before))} |`);
    }
    if (diff.warnings.length > 0) {
        lines.push("", `**Warnings (${diff.warnings.length})**`, "");
        for (const warning of diff.warnings) lines.push(`- ${warning}`);
    }
    if (rows.length > 0) {
        lines.push("", "Discovery chains that change (green added, red removed, yellow changed):", "", "```mermaid", ...diffMermaid(diff, before, after), "```");
    }
    return lines;
}
