/**
 * The npm package as a platform team gets it. GIVEN the tarball from
 * `npm pack`, installed into an empty project (from the npm cache, the registry only for what it lacks),
 * WHEN a consumer program nests LyncEdgeDns in a component of its own, with
 * a zone it creates and an explicit provider, and runs under the mock
 * engine, THEN the records hang under the consumer's component, the provider
 * reaches every record and the zone id flows into every record, for Route 53
 * and for Azure DNS. The package's declarations compile in a strict consumer.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtCli } from "../helpers/build";

const ROOT = join(__dirname, "..", "..");
const AZURE = "@pulumi/azure-native@3.28.0";
const CONSUMER_VERSIONS = ["@pulumi/pulumi@3.270.0", "@pulumi/aws@7.48.0", AZURE, "typescript@5.9.3", "@types/node@20.19.8"];

interface Registered { urn: string; type: string; name: string; custom: boolean; inputs: Record<string, unknown>; outputs: Record<string, unknown>; provider?: string; parent?: string }

function npm(cwd: string, ...args: string[]): string {
    return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
}

describe("the npm package, installed from its tarball into a consumer project", function () {
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
        writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
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

    describe("installed without @pulumi/azure-native (an AWS-only project)", () => {
        it("does not install the Azure package: it is an optional peer", () => {
            assert.throws(() => require.resolve("@pulumi/azure-native/package.json", { paths: [project] }), /Cannot find module/);
            const manifest = JSON.parse(readFileSync(join(project, "node_modules", "lync-edge-dns", "package.json"), "utf8"));
            assert.deepEqual(manifest.peerDependenciesMeta, { "@pulumi/aws": { optional: true }, "@pulumi/azure-native": { optional: true } });
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
        let compilerOutput: string;
        before(() => {
            npm(project, "install", "--prefer-offline", AZURE);
            for (const file of ["route53.ts", "azure.ts", "plan.ts"]) copyFileSync(join(ROOT, "examples", "typescript", file), join(project, "src", file));
            for (const file of ["run.ts", "types-check.ts"]) copyFileSync(join(ROOT, "tests", "fixtures", "consumer", file), join(project, "src", file));
            copyFileSync(join(ROOT, "examples", "github-actions", "policy", "index.ts"), join(project, "src", "policy-pack.ts"));
            copyFileSync(join(ROOT, "offline", "engine.ts"), join(project, "src", "engine.ts"));
            // One compile for both needs: the JavaScript the tests below run, and the check of our
            // declarations without skipLibCheck (what a strict consumer's compile reports about them).
            writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
                compilerOptions: { strict: true, target: "ES2022", module: "node16", moduleResolution: "node16", outDir: "dist", types: ["node"], skipLibCheck: false },
                include: ["src/route53.ts", "src/azure.ts", "src/plan.ts", "src/run.ts", "src/engine.ts", "src/types-check.ts", "src/policy-pack.ts"],
            }));
            const compiled = spawnSync(join(project, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: project, encoding: "utf8" });
            compilerOutput = compiled.stdout;
            if (!existsSync(join(project, "dist", "run.js"))) throw new Error(`the consumer did not compile:\n${compiled.stdout}${compiled.stderr}`);
        });

        it("its declarations compile in a strict consumer without skipLibCheck, and so does a policy pack built on lync-edge-dns/policy", () => {
            const ours = compilerOutput.split("\n").filter((line) => line.includes("lync-edge-dns/") || line.startsWith("src/"));
            assert.deepEqual(ours, [], compilerOutput);
        });

        function runConsumer(program: string): Registered[] {
            const out = execFileSync(process.execPath, [join(project, "dist", "run.js"), program], { cwd: project, encoding: "utf8" });
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
            const printed = execFileSync(process.execPath, [join(project, "dist", "plan.js")], { cwd: project, encoding: "utf8" }).trim().split("\n");
            assert.ok(promised.length >= 4);
            assert.deepEqual(printed, promised);
        });

        it("lync-edge-dns/core, as installed, loads no Pulumi module", () => {
            const script = "require('./dist/plan.js'); console.log(Object.keys(require.cache).filter((k) => k.includes('@pulumi')).length)";
            const printed = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" }).trim().split("\n");
            assert.equal(printed[printed.length - 1], "0");
        });

        it("installs the lync-edge-dns command", () => {
            writeFileSync(join(project, "edge.yaml"), "sipDomains: [contoso.com]\nedge:\n  accessEdgeIps: [131.107.155.10]\n");
            const out = execFileSync(join(project, "node_modules", ".bin", "lync-edge-dns"), ["plan", "--config", "edge.yaml", "--format", "json"], { cwd: project, encoding: "utf8" });
            assert.equal(JSON.parse(out).zones[0].records.length, 3);
        });
    });
});
