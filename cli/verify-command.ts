/** `lync-edge-dns verify`: what live DNS holds against the plan, or, with --adopt, what dns.adopt can take over. */
import { Command, InvalidArgumentError } from "commander";
import { outputWidth, type CliContext } from "./context";
import { EXIT } from "./errors";
import { writeJson } from "./json-output";
import { loadChecked } from "./load";
import { refusing, requireOptions, withUsage } from "./usage";
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

/** Adds `verify` to the program. */
export function addVerifyCommand(cli: Command, context: CliContext): Command {
    const verify: Command = cli.command("verify");
    return withUsage(requireOptions(verify
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
        .action(async (options: { config: string; server?: string[]; json?: boolean; timeout: number; deadline: number; adopt?: boolean }, self: Command) => {
            // Servers first: a name that does not resolve is wrong usage, whatever the config holds,
            // reported as every other wrong option value is: the sentence, the usage line and where help is.
            const servers = await resolveServers(options.server ?? []).catch((error: unknown) => {
                if (!(error instanceof VerifyOptionError)) throw error;
                return self.error(`error: ${error.message}`, { exitCode: EXIT.usage, code: "lync-edge-dns.invalidOptionValue" });
            });
            const { planned } = loadChecked(options.config);
            const { adoptionReport, formatAdoption, formatReport, startProgress, verifyPlan } = verifyModules();
            const progress = startProgress(process.stderr);
            try {
                const report = await verifyPlan(planned.plan, {
                    servers, timeoutMs: options.timeout, deadlineMs: options.deadline * 1000, onProgress: (n, total) => progress.update(n, total),
                    // An import needs the record set itself, not a wildcard's answer.
                    wildcards: options.adopt === true,
                });
                progress.stop();
                if (options.adopt) {
                    const adoption = adoptionReport(report, servers.length > 0);
                    if (options.json) writeJson(context.out, adoption);
                    else context.out(formatAdoption(adoption));
                    context.setExit(adoption.allMatch ? EXIT.ok : EXIT.problem);
                    return;
                }
                if (options.json) writeJson(context.out, report);
                else context.out(formatReport(report));
                context.setExit(report.summary.problems > 0 ? EXIT.problem : EXIT.ok);
            } finally {
                progress.stop();
            }
        }), "config"), outputWidth(context.stderr, false));

}
