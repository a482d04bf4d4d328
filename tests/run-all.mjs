/**
 * `npm test`: the type-check and the linter beside the tests rather than
 * before them. Each of them is one single-threaded process for most of its
 * run; side by side with mocha's two test files at a time they use CPU time
 * the tests leave idle, instead of holding the tests back.
 *
 * mocha prints as it runs; the type-check's and the linter's output is held
 * and printed after it, each under its name. npm test fails if any of the
 * three fails, and says which.
 */
import { spawn } from "node:child_process";

/** Runs a command; resolves to its exit code and, when `held`, its output. */
function run(command, args, held) {
    return new Promise((resolve) => {
        const child = spawn(command, args, { stdio: held ? ["ignore", "pipe", "pipe"] : "inherit" });
        let output = "";
        if (held) {
            child.stdout.on("data", (chunk) => { output += chunk; });
            child.stderr.on("data", (chunk) => { output += chunk; });
        }
        child.on("error", (error) => { output += `${error.message}\n`; });
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
    });
}

const checks = ["typecheck", "lint"].map((script) => ({ script, done: run("npm", ["run", "--silent", script], true) }));
const tests = await run("mocha", [], false);

// mocha prints its own output; what is held is why it could not start, if it could not.
if (tests.output) process.stdout.write(tests.output);
const failed = tests.code === 0 ? [] : ["mocha"];
for (const { script, done } of checks) {
    const { code, output } = await done;
    process.stdout.write(`\nnpm run ${script}: ${code === 0 ? "passed" : `failed (exit ${code})`}\n${output}`);
    if (code !== 0) failed.push(`npm run ${script}`);
}
if (failed.length > 0) {
    process.stdout.write(`\nnpm test failed: ${failed.join(", ")}\n`);
    process.exitCode = 1;
}
