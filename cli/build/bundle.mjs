/**
 * Builds the CLI as shipped (`npm run build` runs this after tsc):
 *
 * - dist/cli/bundle.js: cli/main.ts and everything it imports, one minified
 *   file (the Pulumi packages stay out: the CLI never loads them; `yaml`
 *   stays out: it is required only for a YAML file);
 * - dist/cli/main.js: the `lync-edge-dns` command, cli/build/launcher.cjs;
 * - dist/cli/bundle.v8cache: V8's code cache of the bundle after a warm-up
 *   run (`plan` of the example stack in each format), so that the functions
 *   a run needs are compiled already.
 *
 * Start-up is what a `plan` costs at small sizes; see docs/performance.md.
 */
import { build } from "esbuild";
import { copyFileSync, chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { thirdPartyNotice } from "../../components/build/notices.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT = join(ROOT, "dist", "cli");
const BUNDLE = join(OUT, "bundle.js");
const CACHE = join(OUT, "bundle.v8cache");
const LAUNCHER = join(OUT, "main.js");

/**
 * Commander requires node:child_process (and with it node:net and the
 * streams) when it loads, for executable subcommands, which this CLI does not
 * have: about a sixth of a plan's start-up. Required when used instead.
 */
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
    name: "commander-lazy-child-process",
    setup(plugin) {
        plugin.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
            const source = readFileSync(args.path, "utf8");
            if (!source.includes(COMMANDER_CHILD_PROCESS)) {
                throw new Error(`${args.path} no longer has "${COMMANDER_CHILD_PROCESS}": check the commander upgrade and this plugin`);
            }
            const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
            return { contents: source.replace(COMMANDER_CHILD_PROCESS, lazy), loader: "js" };
        });
    },
};

const { metafile } = await build({
    entryPoints: [join(ROOT, "cli", "main.ts")],
    absWorkingDir: ROOT,
    metafile: true,
    bundle: true,
    platform: "node",
    target: "node22",
    mainFields: ["module", "main"],
    minify: true,
    external: ["@pulumi/*", "yaml"],
    outfile: BUNDLE,
    plugins: [lazyChildProcess],
    logLevel: "warning",
});
// The launcher compiles the bundle inside a function, where cli/main.ts's hashbang would be a syntax error.
writeFileSync(BUNDLE, `${thirdPartyNotice(metafile, ROOT)}${readFileSync(BUNDLE, "utf8").replace(/^#!.*\n/, "")}`);
copyFileSync(join(ROOT, "cli", "build", "launcher.cjs"), LAUNCHER);
chmodSync(LAUNCHER, 0o755);

// The warm-up: the launcher without a cache compiles the bundle; a plan in every format compiles what a run needs.
rmSync(CACHE, { force: true });
const cli = createRequire(import.meta.url)(LAUNCHER);
const example = join(ROOT, "Pulumi.example.yaml");
const stderr = process.stderr.write;
process.stderr.write = () => true; // the example's warnings: the build has nothing to say about them
try {
    for (const format of ["table", "json", "zone", "mermaid"]) {
        const code = await cli.run(["plan", "--config", example, "--format", format], () => {});
        if (code !== 0) throw new Error(`the warm-up plan --format ${format} of Pulumi.example.yaml exited ${code}`);
    }
} finally {
    process.stderr.write = stderr;
}
writeFileSync(CACHE, cli.createCodeCache());
