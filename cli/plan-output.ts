/** The three forms of `lync-edge-dns plan`: a table for people, JSON for tools, zone files for DNS servers. */
import type { PlanResult } from "../components/core/plan/planner";
import type { Violation } from "../components/core/rules/model";
import { RULES } from "../components/core/rules/rules";
import { renderZoneFile } from "../components/core/zonefile";

/** What `plan --format json` prints: exactly the `planRecords` result, plus the rule violations. */
export function planJson(planned: PlanResult, violations: Violation[]): string {
    return `${JSON.stringify({ ...planned.plan, violations }, null, 2)}\n`;
}

/** One master-file section per zone, each starting with `$ORIGIN`, ready to import (no SOA/NS). */
export function planZones(planned: PlanResult): string {
    return planned.plan.zones.map((zone) => renderZoneFile(zone)).join("\n");
}

function table(rows: string[][], indent = "  "): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => `${indent}${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ")}`.trimEnd());
}

/** The plan for a change review: records by zone with what each is for, warnings, and each rule's verdict. */
export function planTable(planned: PlanResult, violations: Violation[]): string {
    const lines: string[] = [];
    const total = planned.records.length;
    // Records come sorted by zone: one pass, one table per zone.
    const byZone = new Map<string, string[][]>();
    for (const r of planned.records) {
        let rows = byZone.get(r.zone);
        if (!rows) byZone.set(r.zone, rows = [["TYPE", "NAME", "TTL", "VALUES", "FOR"]]);
        rows.push([r.type, r.name, String(r.ttl), r.values.join(", "), r.origin.roles.join("; ")]);
    }
    for (const [zone, rows] of byZone) {
        const count = rows.length - 1;
        lines.push(`Zone ${zone} (${count} record ${count === 1 ? "set" : "sets"})`);
        lines.push(...table(rows), "");
    }
    if (planned.plan.warnings.length > 0) {
        lines.push(`Warnings (${planned.plan.warnings.length})`, ...planned.plan.warnings.map((w) => `  - ${w}`), "");
    }
    lines.push("Policy rules");
    const verdicts = RULES.map((rule) => {
        const mine = violations.filter((v) => v.rule === rule.name);
        const verdict = mine.length === 0 ? "pass" : mine.some((v) => v.level === "mandatory") ? "FAIL" : "warn";
        return [verdict, rule.name, rule.defaultLevel, mine.length === 0 ? rule.description : mine.map((v) => v.message).join(" | ")];
    });
    lines.push(...table(verdicts), "");
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    lines.push(`${total} record ${total === 1 ? "set" : "sets"} in ${planned.plan.zones.length} ${planned.plan.zones.length === 1 ? "zone" : "zones"}; ${planned.plan.warnings.length} ${planned.plan.warnings.length === 1 ? "warning" : "warnings"}; ${mandatory} mandatory ${mandatory === 1 ? "violation" : "violations"}.`);
    return `${lines.join("\n")}\n`;
}
