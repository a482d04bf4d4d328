/** The verification report as text for a terminal: one row per record set, then a summary line. */
import { DEFAULT_WIDTH, hangingWrap, longestWord, tableRows, type ColumnSpec } from "../text-layout";
import { VERIFY_STATUSES, type RecordCheck, type VerifyReport, type VerifySummary } from "./types";

const HEADER = ["STATUS", "TYPE", "NAME", "EXPECTED", "FOUND"] as const;

function row(check: RecordCheck): string[] {
    const expected = check.expected.join(", ");
    const found = check.found.join(", ");
    // "same" where DNS holds exactly the planned values: the table keeps within
    // its width, and what differs stands out.
    return [check.status, check.type, check.name, expected || "-", found === "" ? "-" : found === expected ? "same" : found];
}

/** `13 record sets: 12 ok, 1 missing` (statuses with a count, in `VERIFY_STATUSES` order). */
export function formatSummary(summary: VerifySummary): string {
    const counts = VERIFY_STATUSES.filter((s) => summary.byStatus[s] > 0).map((s) => `${summary.byStatus[s]} ${s}`);
    const head = `${summary.total} record ${summary.total === 1 ? "set" : "sets"}`;
    return counts.length > 0 ? `${head}: ${counts.join(", ")}` : head;
}

/**
 * The report as an aligned table, one row per record set in plan order,
 * within `width` columns where it can be: the values wrap at spaces (a name
 * or an address is never cut); a problem's detail on the lines below its
 * row, under the name; the summary line last, e.g. `13 record sets: 12 ok, 1 missing`.
 */
export function formatReport(report: VerifyReport, width: number = DEFAULT_WIDTH): string {
    const cells = report.checks.map(row);
    // Values wrap at spaces, never inside a name or an address.
    const columns: ColumnSpec[] = [
        { header: HEADER[0] }, { header: HEADER[1] }, { header: HEADER[2] },
        { header: HEADER[3], minWidth: longestWord(cells.map((c) => c[3] ?? "")) },
        { header: HEADER[4], minWidth: longestWord(cells.map((c) => c[4] ?? "")) },
    ];
    const rows = tableRows(columns, cells, { width, indent: "" });
    const lines = [...(rows[0] ?? [])];
    // The detail starts under the name: after the STATUS and TYPE columns and their gaps.
    const statusWidth = Math.max(HEADER[0].length, ...cells.map((c) => (c[0] ?? "").length));
    const typeWidth = Math.max(HEADER[1].length, ...cells.map((c) => (c[1] ?? "").length));
    const indent = " ".repeat(statusWidth + typeWidth + 4);
    report.checks.forEach((check, i) => {
        lines.push(...(rows[i + 1] ?? []));
        if (check.detail) lines.push(...hangingWrap(check.detail, width, indent, indent, false));
    });
    lines.push("", formatSummary(report.summary));
    return `${lines.join("\n")}\n`;
}
