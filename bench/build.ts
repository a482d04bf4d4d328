/**
 * What the benchmark runs: the built package (`npm run build` first unless
 * dist is the build of the sources as they are: its stamp,
 * cli/build/stamp.mjs) and the bench's own child programs, transpiled.
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
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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

/** The bench's own sources, to transpile. */
function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
    });
}

/** Builds the package if dist is missing or stale, and makes the snapshot. */
export function prepareBuild(log: (line: string) => void): Built {
    // The build's stamp (cli/build/stamp.mjs) says whether dist is the build of the sources as they are.
    log("dist: built unless it is the build of these sources (cli/build/stamp.mjs)");
    execFileSync(process.execPath, [join(ROOT, "cli", "build", "stamp.mjs"), "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
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
