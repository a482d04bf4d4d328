/** External programs the tests use, found on PATH or reported with what to install. */
import { execFileSync } from "node:child_process";

const PACKAGES: Record<string, string> = {
    "named-checkzone": "bind9-utils",
    named: "bind9",
};

/**
 * The path of `tool`. A missing tool fails the test with the install command:
 * these tests never skip silently.
 */
export function requireTool(tool: string): string {
    for (const dir of ["", "/usr/sbin/", "/usr/bin/", "/sbin/"]) {
        try {
            execFileSync(`${dir}${tool}`, ["-v"], { stdio: "ignore" });
            return `${dir}${tool}`;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOENT") return `${dir}${tool}`;
        }
    }
    throw new Error(`${tool} is not installed: these tests need BIND from Debian's packages (apt-get install -y bind9 bind9-utils; ${tool} is in ${PACKAGES[tool] ?? "bind9"})`);
}

/** Runs named-checkzone on a file; returns its output, throws with it on failure. */
export function checkZone(zone: string, file: string): string {
    return execFileSync(requireTool("named-checkzone"), [zone, file], { encoding: "utf8" });
}
