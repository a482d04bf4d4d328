/**
 * The library as a Pulumi program loads it: the built package, whose schema
 * module has the parts of zod it uses inlined at build time
 * (components/build/inline-zod.mjs), so that a program pays for those and
 * not for zod's whole package. GIVEN the build, WHEN a program requires the
 * component and the policies, THEN no file of the zod package is loaded;
 * AND the built core judges every config exactly as the sources do: the
 * same plans for the golden configs, the same problems, word for word, for
 * configs that are wrong in each way the schema checks.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { configJsonSchema, planRecords, type EdgeDnsConfig } from "../../components/core";
import { buildOnce } from "../helpers/build";
import { goldenCases } from "../helpers/golden";

const ROOT = join(__dirname, "..", "..");
const BUILT_CORE = join(ROOT, "dist", "components", "core", "index.js");

/** Configs wrong in each way the schema checks: types, ranges, enums, unions, unknown keys, nesting, list items. */
const WRONG: unknown[] = [
    { sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] }, ttl: "x", bogus: 1 },
    { sipDomains: [], edge: { accessEdgeIps: [] } },
    { sipDomains: "contoso.com", edge: { accessEdgeIps: "131.107.155.10" } },
    { sipDomains: [{ name: "contoso.com", hosting: "cloud", mobilty: true }], edge: { accessEdgeIps: ["131.107.155.10"] }, serverVersion: 2017 },
    { sipDomains: ["contoso.com", 7, null], edge: { accessEdgeIps: ["131.107.155.10"], accessEdgeClientPort: 70_000, reverseProxy: { ips: [], hosts: "meet" } } },
    { sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"], webConferencing: { fqdn: 5 } }, srv: { priority: -1, weight: 1.5 }, microsoft365: { cloud: "mars" } },
    { sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] }, hostnames: { accessEdge: ["sip"] }, allowPrivateAddresses: "yes" },
    "not a config",
    null,
];

/** What `planRecords` gives for `config`: the plan, or the error's message. */
function outcome(plan: (config: EdgeDnsConfig) => unknown, config: unknown): unknown {
    try {
        return { plan: plan(config as EdgeDnsConfig) };
    } catch (error) {
        return { error: (error as Error).message };
    }
}

describe("the built library, as a program loads it", function () {
    this.timeout(120_000);
    before(() => buildOnce());

    it("loads no file of the zod package: the schema carries the parts of zod it uses", () => {
        const script = `require(${JSON.stringify(join(ROOT, "dist", "components", "index.js"))});
            require(${JSON.stringify(join(ROOT, "dist", "policy", "policies.js"))});
            console.log(JSON.stringify(Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]zod[\\\\/]/.test(file))));`;
        assert.deepEqual(JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })), []);
    });

    it("plans, refuses and describes configs exactly as the sources do", () => {
        const script = `const core = require(${JSON.stringify(BUILT_CORE)});
            const outcome = ${outcome.toString()};
            const configs = JSON.parse(require("fs").readFileSync(0, "utf8"));
            console.log(JSON.stringify({ outcomes: configs.map((c) => outcome(core.planRecords, c)), schema: core.configJsonSchema() }));`;
        const configs = [...goldenCases().map((c) => c.config), ...WRONG];
        const built = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", input: JSON.stringify(configs) }));
        const sources = configs.map((c) => outcome(planRecords, c));
        assert.equal(sources.filter((o) => "error" in (o as object)).length, WRONG.length, "every wrong config is refused");
        assert.deepEqual(built.outcomes, sources);
        assert.deepEqual(built.schema, configJsonSchema());
    });
});

describe("the built declarations, from each entry of the package", () => {
    before(() => buildOnce());

    /** The packages (not files of ours) the declarations reachable from `entry` import, and the files they reach. */
    function reached(entry: string): { packages: Set<string>; files: number } {
        const packages = new Set<string>();
        const seen = new Set<string>();
        const walk = (file: string): void => {
            if (seen.has(file)) return;
            seen.add(file);
            const text = readFileSync(file, "utf8");
            for (const [, specifier] of text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)"([^"]+)"/g)) {
                if (specifier.startsWith(".")) walk(resolveDeclaration(dirname(file), specifier));
                else packages.add(specifier);
            }
        };
        walk(join(ROOT, entry));
        return { packages, files: seen.size };
    }

    function resolveDeclaration(dir: string, specifier: string): string {
        for (const candidate of [`${specifier}.d.ts`, join(specifier, "index.d.ts")]) if (existsSync(join(dir, candidate))) return join(dir, candidate);
        throw new Error(`${specifier} from ${dir}: no declaration file`);
    }

    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, { types?: string } | string>; typesVersions: Record<string, Record<string, string[]>> };
    const entries = Object.entries(manifest.exports).filter((e): e is [string, { types: string }] => typeof e[1] === "object" && e[1].types !== undefined);

    it("bring in no package but the peers' (no zod: a consumer's compiler would check its declarations)", () => {
        assert.deepEqual(entries.map(([name]) => name), [".", "./core", "./policy", "./testing"]);
        for (const [name, { types }] of entries) {
            const { packages } = reached(types);
            const foreign = [...packages].filter((p) => !p.startsWith("node:") && p !== "@pulumi/pulumi" && p !== "@pulumi/policy/policy");
            assert.deepEqual(foreign, [], `${name} reaches ${[...packages].join(", ")}`);
        }
    });

    it("are the same files under moduleResolution node (typesVersions) as under node16 (exports)", () => {
        for (const [name, { types }] of entries.filter(([n]) => n !== ".")) {
            assert.deepEqual(manifest.typesVersions["*"][name.slice(2)], [types], name);
        }
    });
});
