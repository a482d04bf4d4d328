/**
 * Rewrites the built `dist/components/core/config/schema.js` (after tsc) with
 * the parts of zod it uses inlined, tree-shaken, in one file.
 *
 * Why: `require("zod")` loads zod's whole package, its 40 locales with it,
 * and costs a program that uses the component more than everything else the
 * component loads and does for a hundred domains together (see
 * docs/performance.md). The schema uses a small part of it. Only zod is
 * inlined: the schema's own imports stay `require`s of the built modules
 * beside it, so every module of the package is still loaded once.
 *
 * zod stays a dependency: the declarations (`schema.d.ts`) name its types.
 */
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { thirdPartyNotice } from "./notices.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCHEMA = join("components", "core", "config", "schema");
const OUT = join(ROOT, "dist", `${SCHEMA}.js`);

/** The schema's own imports (`./errors`, `../dns/names`) stay requires of the built files. */
const ownModulesExternal = {
    name: "own-modules-external",
    setup(plugin) {
        plugin.onResolve({ filter: /^\.\.?\// }, (args) => (args.importer.includes("node_modules") ? undefined : { path: args.path, external: true }));
    },
};

const { metafile } = await build({
    entryPoints: [join(ROOT, `${SCHEMA}.ts`)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    minify: true,
    metafile: true,
    outfile: OUT,
    plugins: [ownModulesExternal],
    logLevel: "warning",
});

const bundled = readFileSync(OUT, "utf8");
// A require of zod left in would load the whole package again: the build fails instead.
if (/require\(["']zod/.test(bundled)) throw new Error(`${OUT} still requires zod: check the zod upgrade and this script`);
writeFileSync(OUT, `${thirdPartyNotice(metafile, ROOT)}${bundled}`);
