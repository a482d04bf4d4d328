/**
 * What `npm start` prints: the record resources `pulumi up` would create,
 * by zone, each with its resource (type, logical name, key inputs) on an
 * indented line of its own so that every line fits the width; then the
 * certificate names, the warnings, the zone files and the Mermaid file written.
 */
import type { Palette } from "../cli/color";
import { certificateLines, warningLines } from "../cli/plan-output";
import { hangingWrap, tableRows } from "../cli/text-layout";
import type { ProgramRun } from "../components/testing";

/** What the report needs beside the run. */
export interface StartReportOptions {
    stack: string;
    provider: string;
    /** The zone files written, as paths to show. */
    zoneFiles: readonly string[];
    /** The Mermaid flowchart of the discovery chains, as a path to show. */
    mermaidFile: string;
    width: number;
    palette: Palette;
}

const RESOURCE_INDENT = "        ";

/** How an id the mock engine made up is shown: it must never pass for a real one (one word, never wrapped in two). */
export const PLACEHOLDER = "<offline-placeholder>";

/** The report as lines. */
export function startReport(run: ProgramRun, options: StartReportOptions): string[] {
    const { width } = options;
    const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
    const zones = ((component?.outputs.records ?? []) as { zone: string }[]).map((z) => z.zone);
    const records = run.resources.filter((r) => r.custom);
    const lines = hangingWrap(`lync-edge-dns: stack ${options.stack}, provider ${options.provider} (offline, SDK mock engine: nothing was sent to any cloud)`, width, "");
    if (run.placeholderIds.length > 0) {
        // Under the mock engine only a looked-up hosted zone has an id nobody gave.
        lines.push(...hangingWrap(`${PLACEHOLDER}: a hosted zone id made up offline; pulumi up looks the zone up by name (it is not in dns.hostedZoneIds) and uses its real id.`, width, "", "", false));
    }
    lines.push("");
    for (const zone of zones) {
        const views = run.recordSets
            .filter((r) => r.zone === zone)
            // dns.adopt: the import option's ID, as pulumi up hands it to the provider.
            .map((view) => (view.importId === undefined ? view : { ...view, resource: `${view.resource}, import ${view.importId}` }));
        lines.push(`Zone ${zone}: ${views.length} record sets`);
        const [header, ...rows] = tableRows(
            [{ header: "TYPE" }, { header: "NAME", minWidth: 24, shrinkOrder: 1 }, { header: "TTL" }, { header: "VALUES", minWidth: 20 }],
            views.map((v) => [v.type, v.name, String(v.ttl), v.values.join(", ")]),
            { width },
        );
        lines.push(...header, `${RESOURCE_INDENT}RESOURCE (logical name, key inputs)`);
        rows.forEach((row, i) => lines.push(...row, ...resourceLines(withPlaceholders(views[i].resource, run.placeholderIds), width)));
        lines.push("");
    }
    lines.push(...certificateLines((component?.outputs.certificateSubjectNames ?? []) as string[]), "");
    // The block plan prints, word for word.
    if (run.warnings.length > 0) lines.push(...warningLines(run.warnings, { width, palette: options.palette }), "");
    lines.push("Zone files (BIND loads them as they are; drop the placeholder SOA and NS to import them):");
    for (const file of options.zoneFiles) lines.push(`  ${file}`);
    lines.push("Discovery chains (a Mermaid flowchart; GitHub renders it in a ```mermaid block):", `  ${options.mermaidFile}`);
    const componentName = component?.type.split(":").pop() ?? "component";
    const recordType = records[0]?.type ?? "records";
    const imported = records.filter((r) => r.importId !== undefined).length;
    lines.push(...hangingWrap(imported === 0
        ? `pulumi up would create ${run.resources.length} resources: 1 ${componentName} and ${records.length} ${recordType}.`
        : `pulumi up would create ${run.resources.length - imported} ${run.resources.length - imported === 1 ? "resource" : "resources"} and import ${imported} (dns.adopt): 1 ${componentName}${records.length > imported ? ` and ${records.length - imported} ${recordType}` : ""} created, ${imported} ${recordType} imported.`, width, ""));
    return lines;
}

/** `text` with every made-up id shown as the placeholder it is. */
function withPlaceholders(text: string, ids: readonly string[]): string {
    let shown = text;
    for (const id of ids) shown = shown.split(id).join(PLACEHOLDER);
    return shown;
}

function resourceLines(resource: string, width: number): string[] {
    return hangingWrap(resource, width, RESOURCE_INDENT, `${RESOURCE_INDENT}  `, false);
}
