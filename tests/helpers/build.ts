/** The CLI as shipped: `npm run build` once per test run, then dist/cli/main.js. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
let built = false;

/** Builds the package once per test process and returns the path of the built CLI. */
export function builtCli(): string {
    if (!built) {
        execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
        built = true;
    }
    return join(ROOT, "dist", "cli", "main.js");
}
