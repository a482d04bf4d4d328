/** Reads a Pulumi stack file (`Pulumi.<stack>.yaml`) and its `config` map. */
import { readFileSync } from "node:fs";
import * as YAML from "yaml";

/** The parsed `config:` section of a stack file: `project:key` to value. */
export function readStackConfig(path: string): Record<string, unknown> {
    const document = YAML.parse(readFileSync(path, "utf8")) as { config?: Record<string, unknown> } | null;
    return document?.config ?? {};
}
