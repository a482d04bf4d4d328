/** Reads a Pulumi stack file (`Pulumi.<stack>.yaml`) and its `config` map. */
import { basename } from "node:path";
import { ConfigError, type ConfigIssue } from "../core/config/errors";
import { PLANNED_KEYS, readConfigDocument, SECRET_ADVICE, stackConfigMap } from "../../cli/config-file";

/**
 * Where `value` holds what a Pulumi config value cannot: the engine keeps
 * structured config as JSON, which has no NaN or infinity (YAML's `.nan`,
 * `.inf`) and no value that contains itself (a YAML alias inside its own
 * anchor). Reported rather than written as JSON would write them, `null`,
 * or fail on them, with a stack trace.
 */
function unstorable(value: unknown, path: string, within: Set<object>): ConfigIssue | undefined {
    if (typeof value === "number" && !Number.isFinite(value)) {
        return { path, message: `is ${String(value)} (YAML .nan or .inf), which a Pulumi config value cannot hold: config is JSON, which has no NaN or infinity` };
    }
    if (value === null || typeof value !== "object") return undefined;
    if (within.has(value)) return { path, message: "contains itself (a YAML alias inside its own anchor), which a Pulumi config value cannot: config is JSON" };
    within.add(value);
    const entries: [string, unknown][] = Array.isArray(value)
        ? value.map((v, i) => [`${path}[${i}]`, v])
        : Object.entries(value).map(([k, v]) => [`${path}.${k}`, v]);
    for (const [at, v] of entries) {
        const issue = unstorable(v, at, within);
        if (issue) return issue;
    }
    within.delete(value);
    return undefined;
}

/**
 * The parsed `config:` section of a stack file: `project:key` to value.
 * Throws `ConfigError` for a file that cannot be read or parsed, whose
 * `config` is not a map, that holds a value Pulumi config cannot, or a
 * secret in a key `read` says is read (by default those `plan` reads), with
 * `secretAdvice` for what to do about it.
 */
export function readStackConfig(path: string, read: (key: string) => boolean = PLANNED_KEYS, secretAdvice = SECRET_ADVICE): Record<string, unknown> {
    const document = readConfigDocument(path) as { config?: unknown } | null;
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
        throw new ConfigError([{ path: basename(path), message: "is not a Pulumi stack file: it needs a config: map (project:key to value)" }], `Cannot read ${path}`);
    }
    // No config at all is a stack without settings: the program then says what it misses.
    const config = stackConfigMap(path, document.config ?? {}, read, secretAdvice);
    const issues = Object.entries(config).map(([key, value]) => unstorable(value, `config["${key}"]`, new Set())).filter((i): i is ConfigIssue => i !== undefined);
    if (issues.length > 0) throw new ConfigError(issues, `Cannot read ${path}`);
    return config as Record<string, unknown>;
}
