/** The verification report as text for a terminal: one row per record set, then a summary line. */
import { VERIFY_STATUSES, type RecordCheck, type VerifyReport, type VerifySummary } from "./types";

const HEADER = ["STATUS", "TYPE", "NAME", "EXPECTED", "FOUND"] as const;

function row(check: RecordCheck): string[] {
    return [check.status, check.type, check.name, check.expected.join(", ") || "-", check.found.join(", ") || "-"];
}

/** `13 record sets: 12 ok, 1 missing` (statuses with a count, in `VERIFY_STATUSES` order). */
export function formatSummary(summary: VerifySummary): string {
    const counts = VERIFY_STATUSES.filter((s) => summary.byStatus[s] > 0).map((s) => `${summary.byStatus[s]} ${s}`);
    const head = `${summary.total} record ${summary.total === 1 ? "set" : "sets"}`;
    return counts.length > 0 ? `${head}: ${counts.join(", ")}` : head;
}

/**
 * The report as an aligned table, one row per record set in plan order; a
 * problem's detail on the line below its row, under the name; the summary
 * line last, e.g. `13 record sets: 12 ok, 1 missing`.
 */
export function formatReport(report: VerifyReport): string {
    const rows = report.checks.map(row);
    const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
    const indent = " ".repeat(widths[0] + widths[1] + 4);
    const lines = [line(HEADER)];
    report.checks.forEach((check, i) => {
        lines.push(line(rows[i]));
        if (check.detail) lines.push(`${indent}${check.detail}`);
    });
    lines.push("", formatSummary(report.summary));
    return `${lines.join("\n")}\n`;
}
