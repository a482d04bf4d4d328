/** The package's version, from its own package.json (found from the built or the source CLI alike). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The `version` of the nearest package.json named lync-edge-dns above this file. */
export function packageVersion(from: string = __dirname): string {
    for (let dir = from; ; dir = dirname(dir)) {
        const file = join(dir, "package.json");
        if (existsSync(file)) {
            const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (manifest.name === "lync-edge-dns" && manifest.version) return manifest.version;
        }
        if (dirname(dir) === dir) return "unknown";
    }
}
