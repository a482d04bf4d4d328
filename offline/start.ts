/**
 * `npm start`: runs the Pulumi program (the root `index.ts`) offline, under
 * the SDK's mock engine, with a stack file's config. Prints the resources
 * `pulumi up` would create, grouped by zone, and the warnings; writes each
 * zone as a BIND zone file under `out/`. Nothing leaves this machine.
 *
 *   npm start                          Pulumi.example.yaml
 *   npm start -- --stack prod          Pulumi.prod.yaml
 *   npm start -- --provider azure      the same stack, rendered for Azure DNS
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../components/core/config/errors";
import { STACK_CONFIG_KEYS } from "../components/core/config/from-file";
import type { PlannedZone } from "../components/core/plan/model";
import { renderZoneFile } from "../components/core/zonefile";
import { runProgramFile, type RegisteredResource } from "./engine";
import { readStackConfig } from "./stack-file";
import { describeRecordResource } from "./describe";

const PROJECT = "lync-edge-dns";
const ROOT = resolve(__dirname, "..");

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            stack: { type: "string", default: "example" },
            provider: { type: "string" },
            out: { type: "string", default: "out" },
            help: { type: "boolean", short: "h" },
        },
    });
    if (values.help) {
        console.log("usage: npm start [-- --stack NAME] [--provider route53|azure] [--out DIR]");
        return 0;
    }
    const stackFile = join(ROOT, `Pulumi.${values.stack}.yaml`);
    if (!existsSync(stackFile)) {
        console.error(`No stack file Pulumi.${values.stack}.yaml in the project: --stack NAME reads Pulumi.NAME.yaml`);
        return 1;
    }
    const config = readStackConfig(stackFile);
    const dnsKey = `${PROJECT}:${STACK_CONFIG_KEYS.dns}`;
    if (values.provider) config[dnsKey] = { ...(config[dnsKey] as object), provider: values.provider };
    const provider = String((config[dnsKey] as { provider?: unknown } | undefined)?.provider);

    const run = await runProgramFile(join(ROOT, "index.ts"), { config, project: PROJECT, stack: values.stack });
    const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
    const zones = (component?.outputs.records ?? []) as PlannedZone[];
    const records = run.resources.filter((r) => r.custom);

    console.log(`lync-edge-dns: stack ${values.stack}, provider ${provider} (offline, SDK mock engine: nothing was sent to any cloud)\n`);
    for (const { zone } of zones) {
        const inZone = records.filter((r) => r.name.startsWith(`${component?.name}/${zone}/`));
        console.log(`Zone ${zone}: ${inZone.length} record sets`);
        printTable(inZone);
        console.log("");
    }
    if (run.warnings.length > 0) {
        console.log(`Warnings (${run.warnings.length}):`);
        for (const w of run.warnings) console.log(`  - ${w}`);
        console.log("");
    }
    const outDir = resolve(values.out);
    mkdirSync(outDir, { recursive: true });
    const written = zones.map((z) => {
        const file = join(outDir, `${z.zone}.zone`);
        writeFileSync(file, renderZoneFile(z, { soa: true, comment: `${z.zone}: planned by lync-edge-dns (stack ${values.stack}); SOA and NS are placeholders for BIND, leave them out on import` }));
        return file;
    });
    console.log(`Certificate subject names: ${(component?.outputs.certificateSubjectNames as string[]).join(", ")}`);
    console.log(`Zone files: ${written.map((f) => f.replace(`${process.cwd()}/`, "")).join(", ")}`);
    console.log(`pulumi up would create ${run.resources.length} resources: 1 ${component?.type} and ${records.length} ${records[0]?.type ?? "records"}.`);
    return 0;
}

function printTable(resources: RegisteredResource[]): void {
    const rows = resources
        .map(describeRecordResource)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : 1))
        .map((r) => [r.type, r.name, String(r.ttl), r.values.join(", "), r.resource]);
    const header = ["TYPE", "NAME", "TTL", "VALUES", "RESOURCE (logical name, key inputs)"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")}`);
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
    if (ConfigError.isInstance(error)) {
        console.error(error.message);
    } else {
        console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    process.exitCode = 1;
});
