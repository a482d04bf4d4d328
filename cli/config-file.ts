/**
 * Reads a deployment from a file: YAML or JSON in the shape of
 * `EdgeDnsConfig`, or a Pulumi stack file (`Pulumi.<stack>.yaml`) whose
 * `config:` holds it under `<project>:deployment`.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import * as YAML from "yaml";
import { ConfigError } from "../components/core/config/errors";
import { STACK_CONFIG_KEYS } from "../components/core/config/from-file";

/** A deployment read from a file, and where it was found in it. */
export interface DeploymentFile {
    config: unknown;
    /**
     * A stack file's DNS target (`<project>:dns`), when it has one: checked
     * as the program would check it, so that `plan` refuses what `pulumi up`
     * would.
     */
    dns?: unknown;
    /** `the file` or `config["lync-edge-dns:deployment"]` for a stack file. */
    foundAt: string;
}

function fileError(file: string, message: string): ConfigError {
    return new ConfigError([{ path: basename(file), message }], `Cannot read ${file}`);
}

/** Reads and parses the file; a stack file gives its deployment key. Throws `ConfigError`. */
export function readDeploymentFile(file: string): DeploymentFile {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw fileError(file, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code ?? String(error)})`);
    }
    const document = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) {
        const [first] = document.errors;
        const at = first.linePos?.[0] ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : "";
        throw fileError(file, `is not valid YAML or JSON${at}: ${first.message.split("\n")[0]}`);
    }
    const value = document.toJS() as unknown;
    const stackConfig = (value as { config?: unknown } | null)?.config;
    if (stackConfig !== null && typeof stackConfig === "object" && !Array.isArray(stackConfig) && Object.keys(stackConfig).some((k) => k.includes(":"))) {
        const keys = Object.keys(stackConfig).filter((k) => k.endsWith(`:${STACK_CONFIG_KEYS.deployment}`));
        if (keys.length !== 1) {
            throw fileError(file, keys.length === 0
                ? `is a Pulumi stack file without a <project>:${STACK_CONFIG_KEYS.deployment} key (e.g. lync-edge-dns:${STACK_CONFIG_KEYS.deployment})`
                : `is a Pulumi stack file with ${keys.length} deployment keys (${keys.join(", ")}); keep one`);
        }
        const project = keys[0].slice(0, -`:${STACK_CONFIG_KEYS.deployment}`.length);
        const config = stackConfig as Record<string, unknown>;
        return { config: config[keys[0]], dns: config[`${project}:${STACK_CONFIG_KEYS.dns}`], foundAt: `config["${keys[0]}"]` };
    }
    return { config: value, foundAt: "the file" };
}
