/**
 * `npm start`: runs the Pulumi program (the root `index.ts`) offline, under
 * the SDK's mock engine, with a stack file's config. Prints the resources
 * `pulumi up` would create, grouped by zone, and the warnings; writes each
 * zone as a BIND zone file under `out/`, and the discovery chains as a
 * Mermaid flowchart (`out/edge-dns.mmd`). Nothing leaves this machine.
 *
 *   npm start                                   Pulumi.example.yaml
 *   npm start -- --stack prod                   Pulumi.prod.yaml
 *   npm start -- --config-file path/Pulumi.x.yaml   any stack file
 *   npm start -- --provider azure               the same stack, rendered for Azure DNS
 *
 * Exit codes as the CLI's: 0 done, 1 a config mistake, 2 wrong usage; every
 * failure is one block on stderr (a stack trace only for an unexpected
 * error and LYNC_EDGE_DNS_DEBUG=1).
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fromPulumiString, PROGRAM_PROJECT, STACK_CONFIG_KEYS } from "../components/core/config/from-file";
import type { PlannedZone } from "../components/core/plan/model";
import { planDeployment } from "../components/core/plan/planner";
import { paletteFor } from "../cli/color";
import { outputWidth } from "../cli/context";
import { describeFailure, InputError } from "../cli/errors";
import { exitQuietlyOnClosedPipe, writeLines } from "../cli/output";
import { planMermaid } from "../cli/mermaid";
import { zoneFileText } from "../cli/plan-output";
import { writeZoneFiles } from "../cli/zone-files";
import { parseStartArgs, START_USAGE } from "./args";
import { startReport } from "./report";
import { readStackConfig } from "../components/testing/stack-file";

/** The Mermaid file's name beside the zone files: one per run, like the zone files. */
const MERMAID_FILE = "edge-dns.mmd";
const ROOT = resolve(__dirname, "..");

async function main(argv: string[]): Promise<number> {
    const args = parseStartArgs(argv);
    if (args.help) {
        process.stdout.write(`${START_USAGE}\n`);
        return 0;
    }
    const stackFile = args.configFile !== undefined ? resolve(args.configFile) : join(ROOT, `Pulumi.${args.stack}.yaml`);
    if (args.configFile === undefined && !existsSync(stackFile)) {
        throw new InputError(`no stack file Pulumi.${args.stack}.yaml in the project: --stack NAME reads Pulumi.NAME.yaml (or give --config-file FILE)`);
    }
    const config = readStackConfig(stackFile);
    const dnsKey = `${PROGRAM_PROJECT}:${STACK_CONFIG_KEYS.dns}`;
    // The DNS target as the program reads it (it may be JSON text, as `pulumi config set` stores it);
    // --provider changes only the provider of an object, and leaves anything else for the program to refuse.
    const dns = fromPulumiString(config[dnsKey]);
    if (args.provider && dns !== null && typeof dns === "object" && !Array.isArray(dns)) config[dnsKey] = { ...dns, provider: args.provider };
    else if (args.provider && dns === undefined) config[dnsKey] = { provider: args.provider };

    // The engine loads the Pulumi SDK, most of a run's start-up: only once the arguments and the stack file are read,
    // so that a mistake in them is reported without it.
    const { runProgram } = await import("../components/testing");
    const run = await runProgram(join(ROOT, "index.ts"), { config, project: PROGRAM_PROJECT, stack: args.stack });
    // A mistake in the stack is reported as the program's error, as pulumi up reports it.
    if (run.error) throw run.error;
    const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
    const zones = (component?.outputs.records ?? []) as PlannedZone[];
    const written = writeZoneFiles(resolve(args.out), zones, zoneFileText);
    // The component accepted this deployment, so the planner does too; it also keeps each record's origin, which the chains need.
    const chains = planMermaid(planDeployment(fromPulumiString(config[`${PROGRAM_PROJECT}:${STACK_CONFIG_KEYS.deployment}`])));
    const mermaidFile = join(resolve(args.out), MERMAID_FILE);
    try {
        writeFileSync(mermaidFile, `${chains.join("\n")}\n`);
    } catch (error) {
        throw new InputError(`cannot write ${mermaidFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const shown = (file: string): string => (relative(process.cwd(), file).startsWith("..") ? file : relative(process.cwd(), file));
    const lines = startReport(run, {
        stack: args.stack,
        provider: String((fromPulumiString(config[dnsKey]) as { provider?: unknown } | undefined)?.provider),
        zoneFiles: written.map(shown),
        mermaidFile: shown(mermaidFile),
        width: outputWidth(process.stdout, false),
        palette: paletteFor(process.stdout),
    });
    writeLines((text) => process.stdout.write(text), lines);
    return 0;
}

/** Prints a failure once: the program's error and the SDK's copy of it (an unhandled rejection) are one mistake. */
let failed = false;
function fail(error: unknown): void {
    if (failed) return;
    failed = true;
    const report = describeFailure(error, "npm start", START_USAGE, undefined, outputWidth(process.stderr, false));
    process.stderr.write(report.text);
    process.exitCode = report.code;
}

// The Pulumi SDK re-rejects a failed resource operation on purpose, so that
// `pulumi up` notices it; here the same error is already reported by `main`.
process.on("unhandledRejection", fail);
exitQuietlyOnClosedPipe(process.stdout);
main(process.argv.slice(2)).then((code) => { if (!failed) process.exitCode = code; }, fail);
