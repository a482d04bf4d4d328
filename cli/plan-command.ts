/** `lync-edge-dns plan`: the records before Pulumi runs, as a table, JSON, zone files or a Mermaid diagram. */
import type { Command } from "commander";
import { isMandatory } from "../components/core/rules/evaluate";
import { paletteFor } from "./color";
import { loadChecked } from "./load";
import { outputWidth, type CliContext } from "./context";
import { EXIT } from "./errors";
import { planMermaid } from "./mermaid";
import { writeLines } from "./output";
import { writeJson } from "./json-output";
import { planTable, planZones, warningLines, zoneFileText } from "./plan-output";
import { formatOption, requireOptions, withUsage } from "./usage";
import { writeZoneFiles } from "./zone-files";

interface PlanOptions {
    config: string;
    format: "table" | "json" | "zone" | "mermaid";
    out?: string;
    wide?: boolean;
}

/** Adds `plan` to the program. */
export function addPlanCommand(cli: Command, context: CliContext): Command {
    const command: Command = cli.command("plan")
        .description("Validate a deployment, run the policy rules and print the records it publishes.")
        .option("--config <file>", "deployment in YAML or JSON, or a Pulumi stack file (Pulumi.<stack>.yaml)")
        .addOption(formatOption(() => command, "table (for people), json (planRecords + violations), zone (RFC 1035 master files BIND loads) or mermaid (the discovery chains as a flowchart)", ["table", "json", "zone", "mermaid"], "table"))
        .option("--out <dir>", "with --format zone: write one <zone>.zone file per zone into this folder instead of printing")
        .option("--wide", "table: never wrap cells (by default lines fit 100 columns, or the terminal's width)")
        .addHelpText("after", "\nExamples:\n  lync-edge-dns plan --config Pulumi.prod.yaml\n  lync-edge-dns plan --config edge.yaml --format zone --out zones/\n  lync-edge-dns plan --config Pulumi.prod.yaml --format mermaid > edge-dns.mmd")
        .action((options: PlanOptions, self: Command) => {
            // A silent no-op would leave the user looking for files that were never written.
            if (options.out !== undefined && options.format !== "zone") self.error("error: --out writes zone files: give it with --format zone", { exitCode: EXIT.usage });
            const { planned, violations, targetWarnings } = loadChecked(options.config);
            // What the component would log: the planner's warnings and, for a stack file with dns.adopt, the DNS target's.
            const shown = targetWarnings.length > 0 ? [...planned.plan.warnings, ...targetWarnings] : planned.plan.warnings;
            const width = outputWidth(context.stdout, options.wide);
            if (options.format === "table") {
                writeLines(context.out, planTable(planned, violations, { width, palette: paletteFor(context.stdout) }, shown));
            } else {
                // stdout is for the machine here; people still see the warnings, on stderr.
                const warnings = warningLines(shown, { width: outputWidth(context.stderr, options.wide), palette: paletteFor(context.stderr) });
                // Exactly what planRecords returns, plus the rule violations.
                if (options.format === "json") writeJson(context.out, { ...planned.plan, violations });
                else if (options.format === "mermaid") writeLines(context.out, planMermaid(planned));
                else if (options.out !== undefined) writeLines(context.out, writeZoneFiles(options.out, planned.plan.zones, zoneFileText));
                else for (const section of planZones(planned)) context.out(section);
                if (warnings.length > 0) writeLines(context.err, warnings);
            }
            context.setExit(violations.some(isMandatory) ? EXIT.problem : EXIT.ok);
        });
    return withUsage(requireOptions(command, "config"), outputWidth(context.stderr, false), "--config <file> [--format table|json|zone|mermaid] [--out <dir>] [--wide]");
}
