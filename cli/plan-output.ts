/** The three forms of `lync-edge-dns plan`: a table for people, JSON for tools, zone files for DNS servers. */
import type { PlannedZone, TracedRecordSet } from "../components/core/plan/model";
import type { PlanResult } from "../components/core/plan/planner";
import type { Violation } from "../components/core/rules/model";
import { RULES } from "../components/core/rules/rules";
import { renderZoneFile } from "../components/core/zonefile";
import { certificateSubjectNames } from "../components/core/plan/certificate";
import { NO_COLOR, type Palette } from "./color";
import { hangingWrap, longestWord, tableLines, type ColumnSpec } from "./text-layout";

/** One zone as a master file BIND loads as it is: placeholder SOA and NS at the apex, marked as such. */
export function zoneFileText(zone: PlannedZone): string {
    return renderZoneFile(zone, { soa: true, comment: `${zone.zone}: the Edge DNS records planned by lync-edge-dns` });
}

/** One master-file section per zone, each starting with its comment and `$ORIGIN`, separated by a blank line. */
export function planZones(planned: PlanResult): string[] {
    return planned.plan.zones.map((zone, i) => `${i === 0 ? "" : "\n"}${zoneFileText(zone)}`);
}

/** How the table is laid out. */
export interface TableStyle {
    /** Line width; `Infinity` never wraps. */
    width: number;
    palette?: Palette;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The warnings block: a heading and one wrapped item each; nothing without warnings. */
export function warningLines(warnings: readonly string[], style: TableStyle): string[] {
    if (warnings.length === 0) return [];
    const lines = [(style.palette ?? NO_COLOR).yellow(`Warnings (${warnings.length})`)];
    for (const warning of warnings) lines.push(...hangingWrap(warning, style.width, "  - "));
    return lines;
}

/** The certificate block: the names the Edge's external certificate must carry, one a line. */
export function certificateLines(names: readonly string[]): string[] {
    return [`Certificate subject names (${names.length})`, ...names.map((n) => `  ${n}`)];
}

/**
 * The FOR cell: a record set's roles, with a parenthetical that every one of
 * them ends with said once, at the end (`client autodiscover; mobility
 * autodiscover (reverse proxy)`).
 */
export function rolesText(roles: readonly string[]): string {
    const suffix = / \([^()]*\)$/.exec(roles[0] ?? "")?.[0];
    if (roles.length < 2 || suffix === undefined || !roles.every((r) => r.endsWith(suffix))) return roles.join("; ");
    return `${roles.map((r) => r.slice(0, -suffix.length)).join("; ")}${suffix}`;
}

function zoneLines(zone: string, records: readonly TracedRecordSet[], style: TableStyle): string[] {
    const ttl = records[0]?.ttl;
    // One TTL for the whole zone (the usual case) goes in the heading, leaving the width to the records.
    const uniformTtl = records.every((r) => r.ttl === ttl);
    const rows = records.map((r) => [
        r.type, r.name, ...(uniformTtl ? [] : [String(r.ttl)]), r.values.join(", "), rolesText(r.origin.roles),
    ]);
    const words = (column: number) => longestWord(rows.map((row) => row[column] ?? ""));
    const last = rows[0]?.length ?? 0;
    // Names and values wrap at spaces, never inside a host name (a GCC High
    // target is 38 characters): FOR, which is prose, gives way first, and a
    // name is cut only when the table cannot fit otherwise.
    const columns: ColumnSpec[] = [
        { header: "TYPE" },
        { header: "NAME", minWidth: words(1), floor: 24, shrinkOrder: 2 },
        ...(uniformTtl ? [] : [{ header: "TTL" }]),
        { header: "VALUES", minWidth: words(last - 2), floor: 20, shrinkOrder: 1 },
        { header: "FOR", minWidth: 20, floor: words(last - 1), shrinkOrder: 0 },
    ];
    const heading = `Zone ${zone} (${plural(records.length, "record set", "record sets")}${uniformTtl && ttl !== undefined ? `, TTL ${ttl}` : ""})`;
    return [heading, ...tableLines(columns, rows, { width: style.width })];
}

/** One line per rule (`pass name level`); a rule that found something adds its description and findings. */
export function ruleLines(violations: readonly Violation[], style: TableStyle): string[] {
    const palette = style.palette ?? NO_COLOR;
    const byRule = new Map<string, Violation[]>();
    for (const v of violations) {
        const list = byRule.get(v.rule);
        if (list) list.push(v);
        else byRule.set(v.rule, [v]);
    }
    const verdicts = RULES.map((rule) => {
        const mine = byRule.get(rule.name) ?? [];
        return mine.length === 0 ? "pass" : mine.some((v) => v.level === "mandatory") ? "FAIL" : "warn";
    });
    const rows = RULES.map((rule, i) => [verdicts[i], rule.name, rule.defaultLevel]);
    const table = tableLines([{ header: "" }, { header: "" }, { header: "" }], rows, { width: Infinity, header: false });
    const lines = ["Policy rules"];
    RULES.forEach((rule, i) => {
        const verdict = verdicts[i];
        const colour = verdict === "FAIL" ? palette.red : verdict === "warn" ? palette.yellow : (t: string) => t;
        lines.push(table[i].replace(verdict, colour(verdict)));
        if (verdict === "pass") return;
        lines.push(...hangingWrap(rule.description, style.width, "        "));
        for (const v of byRule.get(rule.name) ?? []) lines.push(...hangingWrap(v.message, style.width, "        - ", "          "));
    });
    return lines;
}

/**
 * The plan for a change review, as lines: records by zone with what each is
 * for, the certificate names, the warnings (the planner's unless given),
 * each rule's verdict and a summary.
 */
export function planTable(planned: PlanResult, violations: readonly Violation[], style: TableStyle, warnings: readonly string[] = planned.plan.warnings): string[] {
    const lines: string[] = [];
    const append = (more: readonly string[]) => { for (const line of more) lines.push(line); };
    const total = planned.records.length;
    // The traced records come sorted by zone: one pass, one table per zone.
    for (let start = 0; start < total;) {
        const zone = (planned.records[start] as TracedRecordSet).zone;
        let end = start;
        while (end < total && (planned.records[end] as TracedRecordSet).zone === zone) end++;
        append(zoneLines(zone, planned.records.slice(start, end), style));
        lines.push("");
        start = end;
    }
    append(certificateLines(certificateSubjectNames(planned)));
    lines.push("");
    if (warnings.length > 0) {
        append(warningLines(warnings, style));
        lines.push("");
    }
    append(ruleLines(violations, style));
    lines.push("");
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    append(hangingWrap(`${plural(total, "record set", "record sets")} in ${plural(planned.plan.zones.length, "zone", "zones")}; ${plural(warnings.length, "warning", "warnings")}; ${plural(mandatory, "mandatory violation", "mandatory violations")}.`, style.width, ""));
    return lines;
}
