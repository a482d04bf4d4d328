/**
 * What the benchmark runs: the built package (`npm run build` first when
 * dist is missing, or older than a source it is built from) and the bench's
 * own child programs, transpiled.
 *
 * Everything runs from a snapshot in a temp folder: dist's JavaScript copied
 * as built, the bench children transpiled beside it (bench/), and a
 * node_modules link to the repository's. Children thus run as plain
 * JavaScript on the built package, as a user's program would, never through
 * tsx (whose loader adds its own seconds and megabytes to each process); and
 * a rebuild of dist during the run (npm test rebuilds it) cannot pull files
 * from under a measurement. `../../components` in bench/mock/child.ts is the
 * built library there, as it is the TypeScript source here.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import * as ts from "typescript";

export const ROOT = join(__dirname, "..");

/** The snapshot. */
export interface Built {
    /** `<snapshot>/cli/main.js`, a copy of dist/cli/main.js. */
    cli: string;
    /** The transpiled bench file of a bench-relative source, e.g. `mock/child.ts`. */
    bench(source: string): string;
    /** Removes the snapshot. */
    remove(): void;
}

const BUILT = ["components", "cli", "policy"];

function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
    });
}

/** Every source the build compiles, each with the file in dist made from it (the CLI's: its bundle; the build scripts: what they write). */
function builtSources(): { source: string; built: string }[] {
    const policy = ["policy/policies.ts", "policy/stack-records.ts", "policy/plain-props.ts", "policy/shared-read.ts", "policy/props-read.ts", "policy/component-read.ts"].map((f) => join(ROOT, f));
    const compiled = [...sources(join(ROOT, "components")), ...policy]
        .map((source) => ({ source, built: join(ROOT, "dist", relative(ROOT, source)).replace(/\.ts$/, ".js") }));
    // The bundle is made from the CLI's sources and by its build script; the launcher is copied as it is.
    const notices = join(ROOT, "components", "build", "notices.mjs");
    const bundled = [...sources(join(ROOT, "cli")), join(ROOT, "cli", "build", "bundle.mjs"), notices].map((source) => ({ source, built: join(ROOT, "dist", "cli", "bundle.js") }));
    const launcher = { source: join(ROOT, "cli", "build", "launcher.cjs"), built: join(ROOT, "dist", "cli", "main.js") };
    // The schema module is rewritten after tsc with zod inlined.
    const schema = [join(ROOT, "components", "build", "inline-zod.mjs"), notices].map((source) => ({ source, built: join(ROOT, "dist", "components", "core", "config", "schema.js") }));
    return [...compiled, ...bundled, launcher, ...schema];
}

/** Why dist must be built first, if it must: a built file missing, or older than its source. */
function staleDist(): string | undefined {
    for (const { source, built } of builtSources()) {
        if (!existsSync(built)) return `${relative(ROOT, built)} is missing`;
        if (statSync(built).mtimeMs < statSync(source).mtimeMs) return `${relative(ROOT, built)} is older than ${relative(ROOT, source)}`;
    }
    return undefined;
}

/** Builds the package if dist is missing or stale, and makes the snapshot. */
export function prepareBuild(log: (line: string) => void): Built {
    const stale = staleDist();
    if (stale !== undefined) {
        log(`${stale}: npm run build`);
        execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    }
    const snapshot = mkdtempSync(join(tmpdir(), "lync-edge-dns-bench-"));
    for (const dir of BUILT) {
        cpSync(join(ROOT, "dist", dir), join(snapshot, dir), { recursive: true, filter: (src) => !src.endsWith(".d.ts") });
    }
    symlinkSync(join(ROOT, "node_modules"), join(snapshot, "node_modules"), "dir");
    const options: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    for (const file of sources(__dirname)) {
        const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: options, fileName: file, reportDiagnostics: true });
        if (diagnostics && diagnostics.length > 0) throw new Error(`cannot transpile ${file}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`);
        const target = join(snapshot, "bench", relative(__dirname, file)).replace(/\.ts$/, ".js");
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, outputText);
    }
    return {
        cli: join(snapshot, "cli", "main.js"),
        bench: (source) => join(snapshot, "bench", source.replace(/\.ts$/, ".js")),
        remove: () => rmSync(snapshot, { recursive: true, force: true }),
    };
}
