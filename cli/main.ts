#!/usr/bin/env node
/**
 * lync-edge-dns: see the Edge DNS records before Pulumi, check live DNS after it.
 *
 *   lync-edge-dns plan --config FILE [--format table|json|zone|mermaid] [--out DIR] [--wide]
 *   lync-edge-dns diff BEFORE AFTER [--format table|json|markdown] [--title TEXT] [--wide]
 *   lync-edge-dns verify --config FILE [--server HOST[:PORT]]... [--json] [--timeout MS] [--deadline S] [--adopt]
 *   lync-edge-dns schema [--stack-file]
 *   lync-edge-dns --version
 *
 * Exit codes: 0 all good; 1 invalid config, a mandatory violation or a verify
 * mismatch; 2 wrong usage; 3 (diff only) the two files' records differ. A failure is one block on stderr, with a stack
 * trace only for an unexpected error and LYNC_EDGE_DNS_DEBUG=1. Loads no
 * Pulumi module.
 */
import { Command, CommanderError, Help } from "commander";
import { outputWidth, type CliContext } from "./context";
import { describeFailure, EXIT } from "./errors";
import { exitQuietlyOnClosedPipe } from "./output";
import { addDiffCommand } from "./diff-command";
import { addPlanCommand } from "./plan-command";
import { addSchemaCommand } from "./schema-command";
import { DEFAULT_WIDTH, usageLines, wrapBlock } from "./text-layout";
import { usageLine, withUsage } from "./usage";
import { addVerifyCommand } from "./verify-command";
import { packageVersion } from "./version";

export { EXIT } from "./errors";

/** Commander's own messages (an unknown option, a missing argument) wrapped to `width` like every other block. */
function wrappedOutput(context: CliContext, width: number) {
    return {
        writeOut: context.out,
        writeErr: context.err,
        outputError: (text: string, write: (text: string) => void) => write(`${wrapBlock(text, width).join("\n")}\n`),
    };
}

/** `--help` as commander writes it, its usage line wrapped to the help's width like the rest of it. */
function wrappedHelp(): Partial<Help> {
    return {
        formatHelp(command: Command, helper: Help): string {
            const [usage, ...rest] = Help.prototype.formatHelp.call(helper, command, helper).split("\n");
            return [...usageLines(usage ?? "", helper.helpWidth ?? DEFAULT_WIDTH), ...rest].join("\n");
        },
    };
}

function program(context: CliContext): Command {
    // Messages for people on stderr fit its terminal, or 100 columns.
    const width = outputWidth(context.stderr, false);
    const cli = new Command("lync-edge-dns")
        .description("External DNS records of a Lync Server 2013 / Skype for Business Server Edge deployment: plan them, check them live.")
        .version(packageVersion(), "-V, --version", "print the version")
        .helpOption("-h, --help", "show this help")
        .exitOverride()
        .configureOutput(wrappedOutput(context, width))
        .configureHelp(wrappedHelp());
    withUsage(cli, width, "plan|diff|verify|schema [options]");

    addPlanCommand(cli, context);
    addDiffCommand(cli, context);

    addVerifyCommand(cli, context);
    addSchemaCommand(cli, context);
    return cli;
}

/** The process's own streams, for `run()`. */
function processContext(out: (text: string) => void, setExit: (code: number) => void): CliContext {
    return { out, err: (text) => process.stderr.write(text), setExit, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Runs the CLI with `argv` (without node and script); resolves to the exit
 * code. Never rejects: every failure is reported on stderr as one block.
 */
export async function run(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
    let code: number = EXIT.ok;
    const context = processContext(out, (c) => { code = c; });
    const cli = program(context);
    try {
        await cli.parseAsync(argv, { from: "user" });
        return code;
    } catch (error) {
        // Commander has printed its own message and the usage line already.
        if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
        const report = describeFailure(error, "lync-edge-dns", usageLine(cli), undefined, outputWidth(context.stderr, false));
        context.err(report.text);
        return report.code;
    }
}

/** The command itself: runs with the process's arguments and sets its exit code. */
export function main(): void {
    exitQuietlyOnClosedPipe(process.stdout);
    void run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

if (require.main === module) main();
