#!/usr/bin/env node
/**
 * lync-edge-dns: see the Edge DNS records before Pulumi, check live DNS after it.
 *
 *   lync-edge-dns plan --config FILE [--format table|json|zone] [--out DIR] [--wide]
 *   lync-edge-dns verify --config FILE [--server HOST[:PORT]]... [--json] [--timeout MS]
 *   lync-edge-dns schema [--stack-file]
 *   lync-edge-dns --version
 *
 * Exit codes: 0 all good; 1 invalid config, a mandatory violation or a verify
 * mismatch; 2 wrong usage. A failure is one block on stderr, with a stack
 * trace only for an unexpected error and LYNC_EDGE_DNS_DEBUG=1. Loads no
 * Pulumi module.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { planDeployment, type PlanResult } from "../components/core/plan/planner";
import { readDeploymentFile } from "./config-file";
import type { CliContext } from "./context";
import { describeFailure, EXIT, UsageError } from "./errors";
import { exitQuietlyOnClosedPipe } from "./output";
import { addPlanCommand } from "./plan-command";
import { addSchemaCommand } from "./schema-command";
import { usageLine, withUsage } from "./usage";
import { packageVersion } from "./version";
import { formatReport, parseServer, verifyPlan, VerifyOptionError, VERIFY_DEFAULTS } from "./verify/verify";

export { EXIT } from "./errors";

/** The longest a single query may wait: beyond a minute a resolver is not answering. */
const MAX_TIMEOUT_MS = 60_000;

function load(file: string): PlanResult {
    return planDeployment(readDeploymentFile(file).config);
}

function positiveMs(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > MAX_TIMEOUT_MS) throw new InvalidArgumentError(`give a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
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

function program(context: CliContext): Command {
    const cli = new Command("lync-edge-dns")
        .description("External DNS records of a Lync Server 2013 / Skype for Business Server Edge deployment: plan them, check them live.")
        .version(packageVersion(), "-V, --version", "print the version")
        .helpOption("-h, --help", "show this help")
        .exitOverride()
        .configureOutput({ writeOut: context.out, writeErr: context.err });
    withUsage(cli, "plan|verify|schema [options]");

    addPlanCommand(cli, context);

    withUsage(cli.command("verify")
        .description("Resolve every planned record (SRV, A, AAAA) and report what live DNS holds: ok, missing, different, extra, resolver errors.")
        .requiredOption("--config <file>", "deployment in YAML or JSON, or a Pulumi stack file")
        .option("--server <host[:port]>", "DNS server to ask (repeatable); default: the system resolver", server)
        .option("--json", "print the report as JSON")
        .option("--timeout <ms>", "timeout of one query in milliseconds (one retry follows)", positiveMs, VERIFY_DEFAULTS.timeoutMs)
        .addHelpText("after", "\nExamples:\n  lync-edge-dns verify --config Pulumi.prod.yaml\n  lync-edge-dns verify --config edge.yaml --server 192.0.2.53 --server [2001:db8::53]:53 --timeout 1000")
        .action(async (options: { config: string; server?: string[]; json?: boolean; timeout: number }) => {
            const planned = load(options.config);
            const report = await verifyPlan(planned.plan, { servers: options.server, timeoutMs: options.timeout });
            context.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
            context.setExit(report.summary.problems > 0 ? EXIT.problem : EXIT.ok);
        }));

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
        const report = describeFailure(usage, "lync-edge-dns", verify ? usageLine(verify) : usageLine(cli));
        context.err(report.text);
        return report.code;
    }
}

if (require.main === module) {
    exitQuietlyOnClosedPipe(process.stdout);
    void run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
