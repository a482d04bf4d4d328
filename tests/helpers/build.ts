/**
 * The CLI as shipped: `npm run build` once per test run, then dist/cli/main.js.
 *
 * Under `npm test` (and each tier's config) mocha's global setup builds
 * before any test file loads, in the main process, and tells the parallel
 * workers so through the environment; a test file run on its own builds on
 * first use. The build is skipped when dist is exactly the build of the
 * sources as they are (its stamp, cli/build/stamp.mjs), as `npm ci` leaves it.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
/** Set by the global setup once dist is built for this run; inherited by mocha's workers. */
const BUILT_FOR_THIS_RUN = "LYNC_EDGE_DNS_TESTS_BUILT";

/** Builds the package (unless dist is the build of these sources), once per test run. */
export function buildOnce(): void {
    if (process.env[BUILT_FOR_THIS_RUN] === "1") return;
    execFileSync(process.execPath, [join(ROOT, "cli", "build", "stamp.mjs"), "build"], { cwd: ROOT, stdio: "inherit" });
    process.env[BUILT_FOR_THIS_RUN] = "1";
}

/** Builds the package once per test run and returns the path of the built CLI. */
export function builtCli(): string {
    buildOnce();
    return join(ROOT, "dist", "cli", "main.js");
}
