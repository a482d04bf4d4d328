/**
 * `lync-edge-dns diff <before> <after>`: what changing one config or stack
 * file into another does to the published records, for a change review.
 * Exit codes follow `git diff --exit-code`, moved past the CLI's own: 0 no
 * change, 3 changes; 1 and 2 keep their meaning (invalid input, usage).
 */
import { basename } from "node:path";
import type { Command } from "commander";
import { ConfigError } from "../components/core/config/errors";
import { diffPlans } from "../components/core/plan/changes";
import type { PlanResult } from "../components/core/plan/planner";
import { paletteFor } from "./color";
import { outputWidth, type CliContext } from "./context";
import { diffJson, diffMarkdown, diffTable } from "./diff-output";
import { EXIT } from "./errors";
import { loadChecked } from "./load";
import { writeLines } from "./output";
import { formatOption, withUsage } from "./usage";

/** `diff`'s exit codes: `EXIT`'s, and one more for "the files differ". */
export const DIFF_EXIT = { ...EXIT, changes: 3 } as const;

interface DiffOptions {
    format: "table" | "json" | "markdown";
    title?: string;
    wide?: boolean;
}

/** The plan of one side; a mistake in it says which file it is in. */
function planOf(file: string, role: "before" | "after"): PlanResult {
    try {
        return loadChecked(file).planned;
    } catch (error) {
        if (!ConfigError.isInstance(error)) throw error;
        const subject = error.message.split("\n")[0].replace(/ \(\d+ problems?\):$/, "");
        throw new ConfigError(error.issues, subject.includes(file) ? `${subject} (the ${role} file)` : `${subject} in ${file} (the ${role} file)`);
    }
}

/** Adds `diff` to the program. */
export function addDiffCommand(cli: Command, context: CliContext): Command {
    const command: Command = cli.command("diff")
        .description("Compare two deployments (config or stack files): the record sets added, removed and changed in place, and what breaks. Exit 0 no change, 3 changes, 1 invalid input, 2 wrong usage.")
        .argument("<before>", "the deployment as it is (YAML or JSON, or a Pulumi stack file)")
        .argument("<after>", "the deployment as proposed")
        .addOption(formatOption(() => command, "table (for people), json (the diffPlans result) or markdown (a pull-request comment with a Mermaid diagram)", ["table", "json", "markdown"], "table"))
        .option("--title <text>", "markdown: the file name in the heading (default: the after file's name)")
        .option("--wide", "table: never wrap cells (by default lines fit 100 columns, or the terminal's width)")
        .addHelpText("after", [
            "",
            "Exit codes: 0 the files publish the same record sets; 3 they differ; 1 a file is invalid;",
            "2 wrong usage.",
            "",
            "Examples:",
            "  lync-edge-dns diff Pulumi.prod.yaml Pulumi.prod.new.yaml",
            "  git show origin/main:Pulumi.prod.yaml > before.yaml",
            "  lync-edge-dns diff before.yaml Pulumi.prod.yaml --format markdown --title Pulumi.prod.yaml",
        ].join("\n"))
        .action((before: string, after: string, options: DiffOptions) => {
            const old = planOf(before, "before");
            const next = planOf(after, "after");
            const diff = diffPlans(old, next);
            if (options.format === "json") context.out(diffJson(diff));
            else if (options.format === "markdown") writeLines(context.out, diffMarkdown(diff, old, next, options.title ?? basename(after)));
            else writeLines(context.out, diffTable(diff, { width: outputWidth(context.stdout, options.wide), palette: paletteFor(context.stdout) }));
            const changes = diff.added.length + diff.removed.length + diff.changed.length;
            context.setExit(changes > 0 ? DIFF_EXIT.changes : DIFF_EXIT.ok);
        });
    return withUsage(command, outputWidth(context.stderr, false), "<before> <after> [--format table|json|markdown] [--title <text>] [--wide]");
}
