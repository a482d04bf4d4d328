#!/usr/bin/env node
/**
 * lync-edge-dns: see the Edge DNS records before Pulumi, check live DNS after it.
 *
 *   lync-edge-dns plan --config FILE [--format table|json|zone]
 *   lync-edge-dns verify --config FILE [--server HOST[:PORT]]... [--json] [--timeout MS] [--deadline S]
 *   lync-edge-dns schema
 *
 * Exit codes: 0 all good; 1 invalid config, a mandatory violation or a verify
 * mismatch; 2 wrong usage. Loads no Pulumi module.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ConfigError } from "../components/core/config/errors";
import { configJsonSchema, stackFileJsonSchema } from "../components/core/config/schema";
import { checkDeployment, type CheckResult } from "../components/core/check";
import type { PlanResult } from "../components/core/plan/planner";
import { isMandatory } from "../components/core/rules/evaluate";
import { renderZoneFile } from "../components/core/zonefile";
import { readDeploymentFile } from "./config-file";
import { planJson, planTable, planZones } from "./plan-output";
import { startProgress } from "./verify/progress";
import { adoptionReport, formatAdoption } from "./verify/adopt";
import { formatReport, MAX_DEADLINE_MS, parseServer, resolveServers, verifyPlan, VerifyOptionError, VERIFY_DEFAULTS } from "./verify/verify";

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, problem: 1, usage: 2 } as const;

/** The file through the check pipeline; throws `ConfigError` for any problem, as the program would. */
function load(file: string): CheckResult & { planned: PlanResult } {
    const { config, dns } = readDeploymentFile(file);
    const result = checkDeployment({ config, dns });
    if (result.issues.length > 0 || !result.planned) throw new ConfigError(result.issues);
    return { ...result, planned: result.planned };
}

function positiveMs(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError("give a whole number of milliseconds, at least 1");
    return n;
}

/** `--deadline`: whole seconds, from 1 to a day. */
function deadlineSeconds(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n * 1000 > MAX_DEADLINE_MS) {
        throw new InvalidArgumentError(`give a whole number of seconds from 1 to ${MAX_DEADLINE_MS / 1000}`);
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

function program(out: (text: string) => void, setExit: (code: number) => void): Command {
    const cli = new Command("lync-edge-dns")
        .description("External DNS records of a Lync Server 2013 / Skype for Business Server Edge deployment: plan them, check them live.")
        .showHelpAfterError("(run with --help for usage)")
        .exitOverride()
        .configureOutput({ writeOut: out, writeErr: (text) => process.stderr.write(text) });

    cli.command("plan")
        .description("Validate a deployment, run the policy rules and print the records it publishes.")
        .requiredOption("--config <file>", "deployment in YAML or JSON, or a Pulumi stack file (Pulumi.<stack>.yaml)")
        .addOption(new Option("--format <format>", "table (for people), json (planRecords + violations) or zone (RFC 1035 master files)").choices(["table", "json", "zone"]).default("table"))
        .option("--out <dir>", "with --format zone: write one <zone>.zone file per zone into this folder instead of printing")
        .addHelpText("after", "\nExamples:\n  lync-edge-dns plan --config Pulumi.prod.yaml\n  lync-edge-dns plan --config edge.yaml --format zone --out zones/")
        .action((options: { config: string; format: "table" | "json" | "zone"; out?: string }) => {
            const { planned, violations } = load(options.config);
            if (options.format === "json") out(planJson(planned, violations));
            else if (options.format === "table") out(planTable(planned, violations));
            else if (options.out) {
                mkdirSync(options.out, { recursive: true });
                for (const zone of planned.plan.zones) writeFileSync(join(options.out, `${zone.zone}.zone`), renderZoneFile(zone));
                out(`${planned.plan.zones.map((z) => join(options.out as string, `${z.zone}.zone`)).join("\n")}\n`);
            } else out(planZones(planned));
            setExit(violations.some(isMandatory) ? EXIT.problem : EXIT.ok);
        });

    cli.command("verify")
        .description("Resolve every planned record (SRV, A, AAAA) and report what live DNS holds: ok, missing, different, extra, ttl-different, resolver errors, unchecked.")
        .requiredOption("--config <file>", "deployment in YAML or JSON, or a Pulumi stack file")
        .option("--server <host[:port]>", "DNS server to ask, an IP address or a host name (repeatable); default: the system resolver", server)
        .option("--json", "print the report as JSON")
        .option("--timeout <ms>", "timeout of one query in milliseconds (one retry follows)", positiveMs, VERIFY_DEFAULTS.timeoutMs)
        .option("--deadline <seconds>", "time for the whole run; what is not checked by then is reported unchecked", deadlineSeconds, VERIFY_DEFAULTS.deadlineMs / 1000)
        .option("--adopt", "before adopting with dns.adopt: say per record set whether it exists and matches, differs or is absent, and print the dns.adopt list")
        .addHelpText("after", "\nExamples:\n  lync-edge-dns verify --config Pulumi.prod.yaml\n  lync-edge-dns verify --config edge.yaml --server ns1.example.net --server [2001:db8::53]:53 --timeout 1000 --deadline 60\n  lync-edge-dns verify --config Pulumi.prod.yaml --server ns-123.awsdns-45.com --adopt")
        .action(async (options: { config: string; server?: string[]; json?: boolean; timeout: number; deadline: number; adopt?: boolean }) => {
            // Servers first: a name that does not resolve is wrong usage, whatever the config holds.
            const servers = await resolveServers(options.server ?? []);
            const { planned } = load(options.config);
            const progress = startProgress(process.stderr);
            try {
                const report = await verifyPlan(planned.plan, {
                    servers, timeoutMs: options.timeout, deadlineMs: options.deadline * 1000, onProgress: (n, total) => progress.update(n, total),
                });
                progress.stop();
                if (options.adopt) {
                    const adoption = adoptionReport(report, servers.length > 0);
                    out(options.json ? `${JSON.stringify(adoption, null, 2)}\n` : formatAdoption(adoption));
                    setExit(adoption.allMatch ? EXIT.ok : EXIT.problem);
                    return;
                }
                out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
                setExit(report.summary.problems > 0 ? EXIT.problem : EXIT.ok);
            } finally {
                progress.stop();
            }
        });

    cli.command("schema")
        .description("Print the JSON Schema of the deployment config (for editors and CI linting of stack files).")
        .option("--stack-file", "the schema of a whole Pulumi stack file holding lync-edge-dns:deployment and lync-edge-dns:dns")
        .addHelpText("after", "\nExamples:\n  lync-edge-dns schema > edge-dns-config.schema.json\n  lync-edge-dns schema --stack-file > stack-file.schema.json")
        .action((options: { stackFile?: boolean }) => {
            out(`${JSON.stringify(options.stackFile ? stackFileJsonSchema() : configJsonSchema(), null, 2)}\n`);
            setExit(EXIT.ok);
        });
    return cli;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
    let code: number = EXIT.ok;
    try {
        await program(out, (c) => { code = c; }).parseAsync(argv, { from: "user" });
        return code;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
        }
        if (ConfigError.isInstance(error)) {
            process.stderr.write(`${error.message}\n`);
            return EXIT.problem;
        }
        if (error instanceof VerifyOptionError) {
            process.stderr.write(`lync-edge-dns: ${error.message}\n`);
            return EXIT.usage;
        }
        throw error;
    }
}

if (require.main === module) {
    run(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
        process.stderr.write(`lync-edge-dns: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = EXIT.problem;
    });
}
