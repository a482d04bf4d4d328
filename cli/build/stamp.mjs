/**
 * Whether dist is the build of the sources as they are now. `npm run build`
 * always builds, and ends by writing dist/build-stamp.json: a hash of
 * everything the build reads (the sources, the build's configuration, the
 * installed packages it bundles, the Node version whose code cache it writes)
 * and a hash of everything it wrote. `prepare` and the tests build only when
 * either no longer matches: npm runs `prepare` twice in the temporary clone of
 * a git dependency, and after `npm ci` the tests would rebuild what it built.
 *
 *   node cli/build/stamp.mjs begin   before a build: notes the sources as the build reads them
 *   node cli/build/stamp.mjs write   after a build: records the stamp, unless a source changed meanwhile
 *   node cli/build/stamp.mjs build   npm run build, unless the stamp matches
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const STAMP = join(DIST, "build-stamp.json");
/** The sources as the build began to read them: a source changed during the build leaves dist without a stamp. */
const BEGUN = join(DIST, "build-begun.json");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
/**
 * What the build reads: tsc's and the bundle's sources, their configuration,
 * the example the code cache's warm-up plans, and the installed version of
 * each package the project names (the compiler, the bundler, what is bundled).
 */
const INPUTS = [
    "components", "policy", "cli", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "Pulumi.example.yaml",
    ...Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).map((name) => `node_modules/${name}/package.json`),
];

/** Every file under `path` (or `path` itself), sorted. */
function files(path) {
    if (!existsSync(path)) return [];
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

/** One hash of these files' paths and contents. */
function hash(paths) {
    const sha = createHash("sha256");
    for (const path of paths) sha.update(`${relative(ROOT, path)}\0`).update(readFileSync(path)).update("\0");
    return sha.digest("hex");
}

/** What the build reads, as it is now. */
function sources() {
    return { node: `${process.version} ${process.arch}`, inputs: hash(INPUTS.flatMap((p) => files(join(ROOT, p)))) };
}

/** The stamp of the sources as they are and of dist as it is. */
function current() {
    return { ...sources(), dist: hash(files(DIST).filter((f) => f !== STAMP && f !== BEGUN)) };
}

const mode = process.argv[2];
if (mode === "begin") {
    mkdirSync(DIST, { recursive: true });
    writeFileSync(BEGUN, JSON.stringify(sources()));
} else if (mode === "write") {
    // Sources read at the start, hashed at the end: one edited meanwhile may
    // be in dist or not, so such a dist gets no stamp and is built again.
    const begun = existsSync(BEGUN) ? readFileSync(BEGUN, "utf8") : undefined;
    rmSync(BEGUN, { force: true });
    rmSync(STAMP, { force: true });
    if (begun === JSON.stringify(sources())) writeFileSync(STAMP, `${JSON.stringify(current(), null, 2)}\n`);
    else process.stderr.write("a source changed while it was built: dist has no stamp, and the next prepare or test run builds again\n");
} else if (mode === "build") {
    const recorded = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : undefined;
    if (recorded === `${JSON.stringify(current(), null, 2)}\n`) {
        process.stderr.write("dist is the build of these sources (dist/build-stamp.json): not built again\n");
    } else {
        execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
    }
} else {
    process.stderr.write("usage: node cli/build/stamp.mjs begin|write|build\n");
    process.exitCode = 2;
}
