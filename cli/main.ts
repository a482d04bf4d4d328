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
import { Command, CommanderError, Help, InvalidArgumentError } from "commander";
import { loadChecked } from "./load";
import { outputWidth, type CliContext } from "./context";
import { describeFailure, EXIT, UsageError } from "./errors";
import { exitQuietlyOnClosedPipe } from "./output";
import { addDiffCommand } from "./diff-command";
import { addPlanCommand } from "./plan-command";
import { addSchemaCommand } from "./schema-command";
import { DEFAULT_WIDTH, usageLines, wrapBlock } from "./text-layout";
import { requireOptions, usageLine, withUsage } from "./usage";
import { packageVersion } from "./version";
import { MAX_DEADLINE_MS, VERIFY_DEFAULTS } from "./verify/defaults";
import { parseServer, resolveServers, VerifyOptionError } from "./verify/servers";

/** The resolver, its report and adoption: loaded only when verify runs, so that plan never loads the network modules. */
function verifyModules() {
    /* eslint-disable @typescript-eslint/no-require-imports */
    return {
        ...(require("./verify/verify") as typeof import("./verify/verify")),
        ...(require("./verify/adopt") as typeof import("./verify/adopt")),
        ...(require("./verify/progress") as typeof import("./verify/progress")),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

export { EXIT } from "./errors";

/** The longest a single query may wait: beyond a minute a resolver is not answering. */
const MAX_TIMEOUT_MS = 60_000;

function positiveMs(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > MAX_TIMEOUT_MS) throw new InvalidArgumentError(`--timeout ${JSON.stringify(value)}: give a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
    return n;
}

function deadlineSeconds(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n * 1000 > MAX_DEADLINE_MS) {
        throw new InvalidArgumentError(`--deadline ${JSON.stringify(value)}: give a whole number of seconds from 1 to ${MAX_DEADLINE_MS / 1000}`);
    }
    return n;
}

function server(value: string, previous: string[] = []): string[] {
    try {
        parseServer(value);
    } catch (error) {
        throw new InvalidArgumentError((error as Error).message);
    }
    return [...previous, value];
}

/**
 * An option's parser whose refusal is its own sentence (`error: --timeout
 * "soon": give ...`): commander would put "option '--timeout <ms>' argument
 * 'soon' is invalid." before it, saying the same thing twice.
 */
function refusing<T>(command: () => Command, parse: (value: string, previous: T) => T): (value: string, previous: T) => T {
    return (value, previous) => {
        try {
            return parse(value, previous);
        } catch (error) {
            if (!(error instanceof InvalidArgumentError)) throw error;
            // Not commander's own code for this, which would make it add its sentence after all.
            return command().error(`error: ${error.message}`, { exitCode: EXIT.usage, code: "lync-edge-dns.invalidOptionValue" });
        }
    };
}

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

    const verify: Command = cli.command("verify");
    withUsage(requireOptions(verify
        .description("Resolve every planned record (SRV, A, AAAA, CNAME) and report what live DNS holds: ok, missing, different, extra, ttl-different, resolver errors, unchecked.")
        .option("--config <file>", "deployment in YAML or JSON, or a Pulumi stack file")
        .option("--server <host[:port]>", "DNS server to ask, an IP address or a host name (repeatable); default: the system resolver", refusing(() => verify, server))
        .option("--json", "print the report as JSON")
        .option("--timeout <ms>", "timeout of one query in milliseconds (one retry follows)", refusing(() => verify, positiveMs), VERIFY_DEFAULTS.timeoutMs)
        .option("--deadline <seconds>", "time for the whole run; what is not checked by then is reported unchecked", refusing(() => verify, deadlineSeconds), VERIFY_DEFAULTS.deadlineMs / 1000)
        .option("--adopt", "before adopting with dns.adopt: say per record set whether it exists and matches, differs or is absent, and print the dns.adopt list")
        .addHelpText("after", [
            "",
            "Examples:",
            "  lync-edge-dns verify --config Pulumi.prod.yaml",
            "  lync-edge-dns verify --config edge.yaml --server ns1.example.net --server [2001:db8::53]:53",
            "  lync-edge-dns verify --config edge.yaml --timeout 1000 --deadline 60",
            "  lync-edge-dns verify --config Pulumi.prod.yaml --server ns-123.awsdns-45.com --adopt",
        ].join("\n"))
        .action(async (options: { config: string; server?: string[]; json?: boolean; timeout: number; deadline: number; adopt?: boolean }) => {
            // Servers first: a name that does not resolve is wrong usage, whatever the config holds.
            const servers = await resolveServers(options.server ?? []);
            const { planned } = loadChecked(options.config);
            const { adoptionReport, formatAdoption, formatReport, startProgress, verifyPlan } = verifyModules();
            const progress = startProgress(process.stderr);
            try {
                const report = await verifyPlan(planned.plan, {
                    servers, timeoutMs: options.timeout, deadlineMs: options.deadline * 1000, onProgress: (n, total) => progress.update(n, total),
                });
                progress.stop();
                if (options.adopt) {
                    const adoption = adoptionReport(report, servers.length > 0);
                    context.out(options.json ? `${JSON.stringify(adoption, null, 2)}\n` : formatAdoption(adoption));
                    context.setExit(adoption.allMatch ? EXIT.ok : EXIT.problem);
                    return;
                }
                context.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
                context.setExit(report.summary.problems > 0 ? EXIT.problem : EXIT.ok);
            } finally {
                progress.stop();
            }
        }), "config"), width);

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
        const usage = error instanceof VerifyOptionError ? new UsageError(error.message) : error;
        const verify = cli.commands.find((c) => c.name() === "verify");
        const report = describeFailure(usage, "lync-edge-dns", verify ? usageLine(verify) : usageLine(cli), undefined, outputWidth(context.stderr, false));
        context.err(report.text);
        return report.code;
    }
}

if (require.main === module) {
    exitQuietlyOnClosedPipe(process.stdout);
    void run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
