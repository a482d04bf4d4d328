/** `lync-edge-dns schema`: the JSON Schema of the config, for editors and CI linting. */
import type { Command } from "commander";
import { configJsonSchema, stackFileJsonSchema } from "../components/core/config/json-schema";
import { outputWidth, type CliContext } from "./context";
import { EXIT } from "./errors";
import { withUsage } from "./usage";

/** Adds `schema` to the program. */
export function addSchemaCommand(cli: Command, context: CliContext): Command {
    return withUsage(cli.command("schema")
        .description("Print the JSON Schema of the deployment config (for editors and CI linting of stack files).")
        .option("--stack-file", "the schema of a whole Pulumi stack file holding lync-edge-dns:deployment and lync-edge-dns:dns")
        .addHelpText("after", "\nExamples:\n  lync-edge-dns schema > edge-dns-config.schema.json\n  lync-edge-dns schema --stack-file > stack-file.schema.json")
        .action((options: { stackFile?: boolean }) => {
            context.out(`${JSON.stringify(options.stackFile ? stackFileJsonSchema() : configJsonSchema(), null, 2)}\n`);
            context.setExit(EXIT.ok);
        }), outputWidth(context.stderr, false));
}
