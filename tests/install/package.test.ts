/**
 * The npm package as a platform team gets it. GIVEN the tarball from
 * `npm pack`, installed into a project made from Pulumi's TypeScript
 * template (its package.json's packages, its tsconfig.json verbatim; from
 * the npm cache, the registry only for what it lacks) on @pulumi/pulumi
 * 3.276.0, WHEN a consumer program nests LyncEdgeDns in a component of its
 * own, with a zone it creates and an explicit provider, and runs under the
 * mock engine through `lync-edge-dns/testing`, THEN the records hang under
 * the consumer's component, the provider reaches every record and the zone
 * id flows into every record, for Route 53 and for Azure DNS; every entry
 * compiles under the template's settings (those of April 2024 to March
 * 2026, `commonjs`/`node`, and today's, `nodenext`) and under `bundler`,
 * with nothing filtered; the project holds one copy of the Pulumi SDK, its
 * own. A second project on the oldest SDK the peer range allows runs the
 * component and `lync-edge-dns/testing` too.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { builtCli } from "../helpers/build";

const ROOT = join(__dirname, "..", "..");
const TEMPLATE = join(ROOT, "tests", "fixtures", "pulumi-template");
const AZURE = "@pulumi/azure-native@3.28.0";
/** The SDK of a project made today: newer than the one this repository builds and tests with. */
const CONSUMER_SDK = "3.276.0";
const CONSUMER_VERSIONS = [`@pulumi/pulumi@${CONSUMER_SDK}`, "@pulumi/aws@7.48.0", "@pulumi/policy@1.21.0", "typescript@5.9.3", "@types/node@22.20.7", "mocha@12.0.3", "@types/mocha@10.0.10"];
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

interface Registered { urn: string; type: string; name: string; custom: boolean; inputs: Record<string, unknown>; outputs: Record<string, unknown>; provider?: string; parent?: string }

function npm(cwd: string, ...args: string[]): string {
    return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
}

/** Every installed copy of a package under a project's node_modules, nested ones too: `path@version`. */
function copiesOf(project: string, name: string): string[] {
    const found: string[] = [];
    const walk = (modules: string): void => {
        if (!existsSync(modules)) return;
        for (const entry of readdirSync(modules)) {
            const dirs = entry.startsWith("@") ? readdirSync(join(modules, entry)).map((e) => join(modules, entry, e)) : [join(modules, entry)];
            for (const dir of dirs) {
                const manifest = join(dir, "package.json");
                if (dir.endsWith(join(...name.split("/"))) && existsSync(manifest)) found.push(`${dir.slice(project.length + 1)}@${JSON.parse(readFileSync(manifest, "utf8")).version}`);
                walk(join(dir, "node_modules"));
            }
        }
    };
    walk(join(project, "node_modules"));
    return found;
}

/** A tsconfig.json of Pulumi's template, verbatim but for the files it compiles (and `extra` options). */
function templateConfig(which: "commonjs" | "nodenext", files: string[], extra: Record<string, unknown> = {}): string {
    const config = JSON.parse(readFileSync(join(TEMPLATE, `tsconfig.${which}.json`), "utf8"));
    return JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, ...extra }, files });
}

/** A Pulumi program in plain JavaScript, run with lync-edge-dns/testing: what it prints. */
const TESTING_PROGRAM = `
    const { runProgram } = require("lync-edge-dns/testing");
    const { checkDeployment, LyncEdgeDns } = require("lync-edge-dns");
    const deployment = { sipDomains: [{ name: "contoso.com", mobility: true }], edge: { accessEdgeIps: ["131.107.155.10"] } };
    const dns = { provider: "route53" };
    runProgram(() => { new LyncEdgeDns("edge", { ...deployment, dns }); }).then((run) => console.log(JSON.stringify({
        sets: run.recordSets.map((r) => [r.type, r.name, r.values.join(" ")]),
        errors: run.errors,
        // The planner's warnings, as the check pipeline gives them without Pulumi.
        warningsAsPlanned: run.warnings.length > 0 && JSON.stringify(run.warnings) === JSON.stringify(checkDeployment({ config: deployment, dns, requireDns: true }).warnings),
    })));`;

/** The records of that program, written from Microsoft's DNS summary: the two SRVs to sip.<domain>, and sip.<domain> to the Access Edge. */
const TESTING_PROGRAM_RECORDS = [
    ["SRV", "_sip._tls.contoso.com", "0 0 443 sip.contoso.com."],
    ["SRV", "_sipfederationtls._tcp.contoso.com", "0 0 5061 sip.contoso.com."],
    ["A", "sip.contoso.com", "131.107.155.10"],
];

describe("the npm package, installed from its tarball into a project made from Pulumi's TypeScript template", function () {
    this.timeout(600_000);
    let work: string;
    let project: string;
    let packed: { filename: string; files: { path: string; size: number }[] };

    // One consumer project, in two steps: first without @pulumi/azure-native (an
    // AWS-only project), then with it added, as a project that takes up Azure DNS
    // later would. The second step extracts only the Azure package, not every
    // package a second time.
    before(() => {
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-pack-"));
        // Built once per test run (shared with the CLI tests); packing runs no second build.
        builtCli();
        [packed] = JSON.parse(npm(ROOT, "pack", "--json", "--ignore-scripts", "--pack-destination", work));
        project = join(work, "consumer");
        execFileSync("mkdir", ["-p", join(project, "src")]);
        writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", main: "index.ts", private: true }));
        npm(project, "install", "--prefer-offline", join(work, packed.filename), ...CONSUMER_VERSIONS.filter((v) => v !== AZURE));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    it("packs the built JavaScript, type declarations, JSON schemas and docs, the CLI's code cache, nothing else", () => {
        const paths = packed.files.map((f) => f.path);
        const unexpected = paths.filter((p) => !/^(dist\/.+\.(js|d\.ts)|dist\/cli\/bundle\.v8cache|schema\/[a-z-]+\.schema\.json|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/.test(p));
        assert.deepEqual(unexpected, []);
        for (const required of ["dist/components/index.js", "dist/components/index.d.ts", "dist/policy/policies.js", "dist/cli/main.js", "dist/cli/bundle.js", "dist/cli/bundle.v8cache", "schema/edge-dns-config.schema.json", "schema/stack-file.schema.json", "LICENSE", "CHANGELOG.md"]) {
            assert.ok(paths.includes(required), required);
        }
        assert.ok(!paths.some((p) => p.startsWith("tests/") || p.endsWith(".map") || p === "dist/policy/index.js"), "no tests, source maps or the pack's server entry");
    });

    it("holds every module of its own that a packed module requires", () => {
        const paths = new Set(packed.files.map((f) => f.path));
        const missing: string[] = [];
        for (const file of [...paths].filter((p) => p.endsWith(".js"))) {
            const source = readFileSync(join(project, "node_modules", "lync-edge-dns", file), "utf8");
            for (const [, target] of source.matchAll(/require\("(\.\.?\/[^"]+)"\)/g)) {
                const wanted = posix.join(posix.dirname(file), target);
                if (!paths.has(wanted) && !paths.has(`${wanted}.js`) && !paths.has(`${wanted}/index.js`)) missing.push(`${file} requires ${target}`);
            }
        }
        assert.deepEqual(missing, []);
    });

    describe("installed without @pulumi/azure-native (an AWS-only project)", () => {
        it("does not install the Azure package: it is an optional peer", () => {
            assert.throws(() => require.resolve("@pulumi/azure-native/package.json", { paths: [project] }), /Cannot find module/);
            const manifest = JSON.parse(readFileSync(join(project, "node_modules", "lync-edge-dns", "package.json"), "utf8"));
            assert.deepEqual(manifest.peerDependenciesMeta, { "@pulumi/aws": { optional: true }, "@pulumi/azure-native": { optional: true }, "@pulumi/policy": { optional: true } });
        });

        it("shares the project's Pulumi SDK: one @pulumi/pulumi in the tree, the project's own", () => {
            assert.deepEqual(copiesOf(project, "@pulumi/pulumi"), [`node_modules/@pulumi/pulumi@${CONSUMER_SDK}`]);
            // The SDK and the pack's are peers, not dependencies: what the package loads at run time, and nothing else, is its own.
            const manifest = JSON.parse(readFileSync(join(project, "node_modules", "lync-edge-dns", "package.json"), "utf8"));
            assert.deepEqual(Object.keys(manifest.dependencies).sort(), ["ipaddr.js", "yaml"]);
            for (const notShipped of ["zod", "commander"]) assert.deepEqual(copiesOf(project, notShipped), [], notShipped);
        });

        it("lync-edge-dns/testing, required from plain JavaScript, runs a program and returns its record sets", () => {
            const printed = JSON.parse(execFileSync(process.execPath, ["-e", TESTING_PROGRAM], { cwd: project, encoding: "utf8" }));
            assert.deepEqual(printed, { sets: TESTING_PROGRAM_RECORDS, errors: [], warningsAsPlanned: true });
        });

        const program = (provider: string) => `
            const pulumi = require("@pulumi/pulumi");
            const { LyncEdgeDns, ConfigError } = require("lync-edge-dns");
            pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => ({ zoneId: "Z1", id: "Z1" }) }, "p", "s", false);
            try {
                new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com" }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "${provider}", resourceGroupName: "rg" } });
                console.log(JSON.stringify({ ok: true }));
            } catch (error) {
                console.log(JSON.stringify({ ok: false, configError: ConfigError.isInstance(error), message: error.message }));
            }`;
        const run = (provider: string) => JSON.parse(execFileSync(process.execPath, ["-e", program(provider)], { cwd: project, encoding: "utf8" }));

        it("a Route 53 deployment works", () => assert.deepEqual(run("route53"), { ok: true }));

        it("picking Azure fails with a clear message naming the npm install to run", () => {
            assert.deepEqual(run("azure"), {
                ok: false,
                configError: true,
                message: 'Invalid lync-edge-dns configuration (1 problem):\n  - dns.provider: "azure" needs the @pulumi/azure-native package, which is not installed: run npm install @pulumi/azure-native@^3',
            });
        });
    });

    describe("with @pulumi/azure-native added: both providers", () => {
        const sources = ["route53.ts", "azure.ts", "plan.ts", "run.ts", "types-check.ts", "policy-pack.ts", "index.ts", "test/edge-dns.test.ts"].map((f) => `src/${f}`);
        let compiled: ReturnType<typeof spawnSync>;
        before(() => {
            npm(project, "install", "--prefer-offline", AZURE);
            for (const file of ["route53.ts", "azure.ts", "plan.ts"]) copyFileSync(join(ROOT, "examples", "typescript", file), join(project, "src", file));
            for (const file of ["run.ts", "types-check.ts"]) copyFileSync(join(ROOT, "tests", "fixtures", "consumer", file), join(project, "src", file));
            copyFileSync(join(ROOT, "examples", "github-actions", "policy", "index.ts"), join(project, "src", "policy-pack.ts"));
            // The GitOps example's infra repo: its config-driven program, its stack and project, its unit tests.
            execFileSync("mkdir", ["-p", join(project, "src", "test")]);
            copyFileSync(join(ROOT, "examples", "github-actions", "index.ts"), join(project, "src", "index.ts"));
            copyFileSync(join(ROOT, "examples", "github-actions", "test", "edge-dns.test.ts"), join(project, "src", "test", "edge-dns.test.ts"));
            for (const file of ["Pulumi.yaml", "Pulumi.prod.yaml"]) copyFileSync(join(ROOT, "examples", "github-actions", file), join(project, file));
            // The JavaScript the tests below run is what the template's own settings emit (bin/).
            writeFileSync(join(project, "tsconfig.json"), templateConfig("commonjs", sources));
            compiled = spawnSync(join(project, "node_modules", ".bin", "tsc"), ["-p", ".", "--pretty", "false"], { cwd: project, encoding: "utf8" });
        });

        it("every entry compiles under the template's tsconfig.json (commonjs, node resolution, no skipLibCheck), nothing filtered", () => {
            assert.equal(`${compiled.stdout}${compiled.stderr}`, "");
            assert.equal(compiled.status, 0);
            assert.ok(existsSync(join(project, "bin", "run.js")));
        });

        for (const [name, which, extra] of [
            ["today's template (nodenext)", "nodenext", {}],
            ["bundler resolution", "nodenext", { module: "preserve", moduleResolution: "bundler" }],
            ["node16 resolution", "nodenext", { module: "node16", moduleResolution: "node16" }],
        ] as const) {
            it(`every entry compiles under ${name}, nothing filtered`, () => {
                // Every entry and the policy pack; the provider examples add only the providers' own (huge) declarations.
                const entries = sources.filter((f) => !/(route53|azure)\.ts$/.test(f));
                writeFileSync(join(project, `tsconfig.${name.replace(/\W+/g, "-")}.json`), templateConfig(which, entries, { ...extra, noEmit: true }));
                const result = spawnSync(join(project, "node_modules", ".bin", "tsc"), ["-p", `tsconfig.${name.replace(/\W+/g, "-")}.json`, "--pretty", "false"], { cwd: project, encoding: "utf8" });
                assert.equal(`${result.stdout}${result.stderr}`, "");
                assert.equal(result.status, 0);
            });
        }

        function runConsumer(program: string): Registered[] {
            const out = execFileSync(process.execPath, [join(project, "bin", "run.js"), program], { cwd: project, encoding: "utf8" });
            return (JSON.parse(out) as { resources: Registered[] }).resources;
        }

        function assertNested(resources: Registered[], recordType: string, providerType: string): Registered[] {
            const outer = resources.find((r) => r.type === "platform:uc:UnifiedCommunications");
            const edge = resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
            const provider = resources.find((r) => r.type === providerType);
            const records = resources.filter((r) => r.type === recordType);
            assert.ok(outer && edge && provider && records.length > 0, JSON.stringify(resources.map((r) => r.type)));
            // The parent chain, link by link: each URN's type names its parent's type.
            assert.equal(edge.parent, outer.urn, "LyncEdgeDns is a child of the consumer's component");
            assert.match(edge.urn, /::platform:uc:UnifiedCommunications\$lync-edge-dns:index:LyncEdgeDns::contoso-edge$/);
            for (const r of records) {
                assert.equal(r.parent, edge.urn, `${r.name} is a child of LyncEdgeDns`);
                assert.ok(r.urn.includes(`::lync-edge-dns:index:LyncEdgeDns$${recordType}::contoso-edge/contoso.com/`), r.urn);
                assert.ok(r.provider?.startsWith(`${provider.urn}::`), `${r.name} uses the explicit provider, got ${r.provider}`);
            }
            return records;
        }

        it("Route 53: nested in the consumer's component, with its provider and its zone's id", () => {
            const resources = runConsumer("route53.js");
            const records = assertNested(resources, "aws:route53/record:Record", "pulumi:providers:aws");
            const zone = resources.find((r) => r.type === "aws:route53/zone:Zone");
            assert.equal(records.length, 7);
            for (const r of records) assert.equal(r.inputs.zoneId, zone?.outputs.zoneId, `${r.name} is in the consumer's zone`);
            assert.ok(zone?.provider?.includes("pulumi:providers:aws::dns-account"));
        });

        it("Azure DNS: nested in the consumer's component, with its provider and its resource group", () => {
            const resources = runConsumer("azure.js");
            const records = assertNested(resources, "azure-native:dns:RecordSet", "pulumi:providers:azure-native");
            const group = resources.find((r) => r.type === "azure-native:resources:ResourceGroup");
            assert.equal(records.length, 3);
            for (const r of records) {
                assert.equal(r.inputs.resourceGroupName, group?.outputs.name, `${r.name} is in the consumer's resource group`);
                assert.equal(r.inputs.zoneName, "contoso.com");
            }
        });

        it("runs the planRecords example and prints what its comment says", () => {
            const source = readFileSync(join(ROOT, "examples", "typescript", "plan.ts"), "utf8");
            const promised = [...source.matchAll(/^ \* {3}(.+)$/gm)].map((m) => m[1]);
            const printed = execFileSync(process.execPath, [join(project, "bin", "plan.js")], { cwd: project, encoding: "utf8" }).trim().split("\n");
            assert.ok(promised.length >= 4);
            assert.deepEqual(printed, promised);
        });

        it("lync-edge-dns/core, as installed, loads no Pulumi module", () => {
            const script = "require('./bin/plan.js'); console.log(Object.keys(require.cache).filter((k) => k.includes('@pulumi')).length)";
            const printed = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" }).trim().split("\n");
            assert.equal(printed[printed.length - 1], "0");
        });

        it("the GitOps example's unit tests pass under mocha: its program, with its stack file, through lync-edge-dns/testing", () => {
            const result = spawnSync(join(project, "node_modules", ".bin", "mocha"), ["bin/test/edge-dns.test.js"], { cwd: project, encoding: "utf8" });
            assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
            assert.match(result.stdout, /^ {2}2 passing/m);
        });

        it("the GitOps example's policy pack starts as Pulumi starts it (from its folder): its server says its port", async () => {
            const pack = join(project, "policy");
            execFileSync("mkdir", ["-p", pack]);
            copyFileSync(join(ROOT, "examples", "github-actions", "policy", "package.json"), join(pack, "package.json"));
            const child = spawn(process.execPath, [join(project, "bin", "policy-pack.js")], { cwd: pack, stdio: ["ignore", "pipe", "pipe"] });
            let out = "";
            let err = "";
            child.stderr.on("data", (chunk) => { err += chunk; });
            const firstLine = await new Promise<string>((resolve) => {
                child.stdout.on("data", (chunk) => { out += chunk; if (out.includes("\n")) resolve(out.split("\n")[0]); });
                child.on("exit", () => resolve(`exited: ${out}${err}`));
            });
            child.kill();
            assert.match(firstLine, /^\d+$/, err);
        });

        it("installs the lync-edge-dns command", () => {
            writeFileSync(join(project, "edge.yaml"), "sipDomains: [contoso.com]\nedge:\n  accessEdgeIps: [131.107.155.10]\n");
            const out = execFileSync(join(project, "node_modules", ".bin", "lync-edge-dns"), ["plan", "--config", "edge.yaml", "--format", "json"], { cwd: project, encoding: "utf8" });
            assert.equal(JSON.parse(out).zones[0].records.length, 3);
        });
    });
});

describe("the npm package on the oldest Pulumi SDK its peer range allows", function () {
    this.timeout(600_000);
    const floor = String(MANIFEST.peerDependencies["@pulumi/pulumi"]).replace(/^\^/, "");
    let work: string;
    let project: string;

    before(() => {
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-floor-"));
        builtCli();
        const [packed] = JSON.parse(npm(ROOT, "pack", "--json", "--ignore-scripts", "--pack-destination", work));
        project = join(work, "consumer");
        execFileSync("mkdir", ["-p", project]);
        writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", main: "index.ts", private: true }));
        npm(project, "install", "--prefer-offline", join(work, packed.filename), `@pulumi/pulumi@${floor}`, "@pulumi/aws@7.48.0", "typescript@5.9.3", "@types/node@22.20.7");
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    it("is a caret range on a release of the 3.x SDK", () => assert.match(MANIFEST.peerDependencies["@pulumi/pulumi"], /^\^3\.\d+\.\d+$/));

    it("keeps the project's SDK, the only one in the tree", () => {
        assert.deepEqual(copiesOf(project, "@pulumi/pulumi"), [`node_modules/@pulumi/pulumi@${floor}`]);
    });

    it("runs the component under lync-edge-dns/testing and returns its record sets", () => {
        const printed = JSON.parse(execFileSync(process.execPath, ["-e", TESTING_PROGRAM], { cwd: project, encoding: "utf8" }));
        assert.deepEqual(printed, { sets: TESTING_PROGRAM_RECORDS, errors: [], warningsAsPlanned: true });
    });

    it("compiles the component's and the testing entry's declarations under the template's tsconfig.json", () => {
        writeFileSync(join(project, "index.ts"), [
            'import { LyncEdgeDns } from "lync-edge-dns";',
            'import { runProgram } from "lync-edge-dns/testing";',
            'export const run = runProgram(() => new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com" }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53" } }));',
            "",
        ].join("\n"));
        writeFileSync(join(project, "tsconfig.json"), templateConfig("commonjs", ["index.ts"], { noEmit: true }));
        const result = spawnSync(join(project, "node_modules", ".bin", "tsc"), ["-p", ".", "--pretty", "false"], { cwd: project, encoding: "utf8" });
        assert.equal(`${result.stdout}${result.stderr}`, "");
        assert.equal(result.status, 0);
    });
});
