/** Reads a Pulumi stack file (`Pulumi.<stack>.yaml`) and its `config` map. */
import { basename } from "node:path";
import { ConfigError } from "../components/core/config/errors";
import { readConfigDocument } from "../cli/config-file";

/**
 * The parsed `config:` section of a stack file: `project:key` to value.
 * Throws `ConfigError` for a file that cannot be read or parsed, or whose
 * `config` is not a map.
 */
export function readStackConfig(path: string): Record<string, unknown> {
    const document = readConfigDocument(path) as { config?: unknown } | null;
    const config = document?.config ?? {};
    if (document === null || typeof document !== "object" || Array.isArray(document) || typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new ConfigError([{ path: basename(path), message: "is not a Pulumi stack file: it needs a config: map (project:key to value)" }], `Cannot read ${path}`);
    }
    return config as Record<string, unknown>;
}
