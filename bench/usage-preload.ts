/**
 * Loaded with `node --require` when GNU time is missing: writes the process's
 * own peak RSS (KiB) and user and system CPU seconds, as `time -f "%M %U %S"`
 * does, to the file the bench names.
 */
import { writeFileSync } from "node:fs";

const file = process.env.LYNC_EDGE_DNS_BENCH_USAGE_FILE;
if (file) {
    process.on("exit", () => {
        const usage = process.resourceUsage();
        writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
    });
}
