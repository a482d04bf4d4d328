/**
 * Reads a deployment from a file: YAML or JSON in the shape of
 * `EdgeDnsConfig`, or a Pulumi stack file (`Pulumi.<stack>.yaml`) whose
 * `config:` holds it under `<project>:deployment`.
 *
 * A `.json` file is parsed with `JSON.parse` (and never loads the YAML
 * parser); anything else with the YAML parser, which also reads JSON.
 */
import { basename, dirname, extname, join } from "node:path";
import type * as YamlModule from "yaml";
import { ConfigError, type ConfigIssue } from "../components/core/config/errors";
import { jsonErrorOffset } from "./json-position";
import { fromPulumiString, PROGRAM_PROJECT, stackKeyProblems, STACK_CONFIG_KEYS } from "../components/core/config/from-file";
import { FileReadError, readTextFile } from "./read-file";

/** A deployment read from a file, and where it was found in it. */
export interface DeploymentFile {
    config: unknown;
    /**
     * A stack file's DNS target (`<project>:dns`), when it has one: checked
     * as the program would check it, so that `plan` refuses what `pulumi up`
     * would.
     */
    dns?: unknown;
    /**
     * True for a stack file of the root program's own project
     * (`lync-edge-dns:deployment`): the program requires its
     * `lync-edge-dns:dns`, and so does `plan`. Another project's program
     * (one that uses the component) may find its DNS target elsewhere.
     */
    requireDns: boolean;
    /** `the file` or `config["lync-edge-dns:deployment"]` for a stack file. */
    foundAt: string;
}

function fileError(file: string, message: string): ConfigError {
    return new ConfigError([{ path: basename(file), message }], `Cannot read ${file}`);
}

/** Line and column (from 1) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let start = 0;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
        line++;
        start = i + 1;
    }
    return { line, column: offset - start + 1 };
}

/**
 * The name/value pairs of JSON text: its colons outside strings, as a colon
 * anywhere else in JSON is inside a string.
 */
function pairsInText(text: string): number {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x3a) count++;
        else if (c === 0x22) {
            for (i++; i < text.length; i++) {
                const d = text.charCodeAt(i);
                if (d === 0x5c) i++;
                else if (d === 0x22) break;
            }
        }
    }
    return count;
}

/**
 * The keys of every object in a parsed JSON value. A loop over a list of
 * values still to look into, not a recursion: JSON.parse takes nesting
 * thousands deep, which a recursion here would turn into a RangeError.
 */
function pairsInValue(value: unknown): number {
    let count = 0;
    const pending: unknown[] = [value];
    while (pending.length > 0) {
        const next = pending.pop();
        if (next === null || typeof next !== "object") continue;
        if (Array.isArray(next)) {
            for (let i = 0; i < next.length; i++) pending.push(next[i]);
            continue;
        }
        for (const key in next) {
            count++;
            pending.push((next as Record<string, unknown>)[key]);
        }
    }
    return count;
}

function parseJson(file: string, text: string): unknown {
    let value: unknown;
    const json = text.replace(/^\uFEFF/, "");
    try {
        value = JSON.parse(json) as unknown;
    } catch (error) {
        const message = (error as Error).message;
        const given = /at position (\d+)/.exec(message);
        // Some of V8's messages give no position (a trailing comma, a quote, a comment, the end): found here.
        const offset = given ? Number(given[1]) : jsonErrorOffset(json);
        const at = offset === undefined ? undefined : lineAndColumn(json, offset);
        const where = at ? ` at line ${at.line}, column ${at.column}` : "";
        // V8 quotes the text around the error after the message, newlines and all: the position says where.
        // From Node 22 on, V8 adds its own "(line 1 column 9)" after a position: said once, in our words.
        const what = message.replace(/ in JSON at position \d+.*$/s, "").replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "").replace(/ at position \d+( \(line \d+ column \d+\))?$/, "").replace(/^JSON\.parse: /, "");
        throw fileError(file, `is not valid JSON${where}: ${what}`);
    }
    // JSON.parse keeps the last of a key given twice in one object, and says nothing: a
    // `"ttl": 0` before `"ttl": 300` would vanish unchecked. Fewer keys parsed than written means
    // one was given twice; the YAML parser, which refuses that as for a YAML file, says where.
    if (pairsInValue(value) !== pairsInText(text)) {
        // Its duplicate-key error only: nested past its own limit, the YAML parser stops before it finds the key.
        const pos = yamlDocument(text).errors.find((e) => e.code === "DUPLICATE_KEY")?.linePos?.[0];
        throw fileError(file, `is not valid JSON${pos ? ` at line ${pos.line}, column ${pos.col}` : ""}: a key is given twice in one object`);
    }
    return value;
}

/** The YAML parser's reading of `text`, a key given twice in one map refused. */
function yamlDocument(text: string): YamlModule.Document {
    // Loaded only for YAML files (and a JSON file with a key given twice): a JSON config never pays for the YAML parser.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require("yaml") as typeof YamlModule;
    return YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
}

function parseYaml(file: string, text: string): unknown {
    const document = yamlDocument(text);
    if (document.errors.length > 0) {
        const [first] = document.errors;
        const at = first.linePos?.[0] ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : "";
        // The parser's own message ends with the position again ("... at line 2, column 1:"): say it once.
        const what = first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        throw fileError(file, `is not valid YAML or JSON${at}: ${what}`);
    }
    return document.toJS() as unknown;
}

/**
 * The parsed content of a YAML or JSON file. Throws `ConfigError` for a
 * file that cannot be read (missing, not a regular file, too large, not
 * UTF-8) or parsed (with the line and column).
 */
export function readConfigDocument(file: string): unknown {
    let text: string;
    try {
        text = readTextFile(file);
    } catch (error) {
        if (error instanceof FileReadError) throw fileError(file, error.reason);
        throw error;
    }
    return extname(file).toLowerCase() === ".json" ? parseJson(file, text) : parseYaml(file, text);
}

/** What to do about a secret, as `plan` and `npm start` say it. */
export const SECRET_ADVICE = "keep the value in plain config to check it here, or check with pulumi preview";

/** The keys of a stack whose values `plan` reads: the deployment and the DNS target. */
export const PLANNED_KEYS = (key: string): boolean => key.endsWith(`:${STACK_CONFIG_KEYS.deployment}`) || key.endsWith(`:${STACK_CONFIG_KEYS.dns}`);

/**
 * A stack file's `config:`, which must be a map of `project:key` to value;
 * `ConfigError` otherwise, and for a secret in a key `read` says is read
 * (`plan` reads the deployment and the DNS target: another key's secret, a
 * provider's credentials, is no concern of its). Shared by `plan`, `npm
 * start` and the testing entry, which say the same of it.
 */
export function stackConfigMap(file: string, config: unknown, read: (key: string) => boolean = PLANNED_KEYS, secretAdvice = SECRET_ADVICE): Record<string, unknown> {
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        throw fileError(file, `is a Pulumi stack file whose config: is not a map of project:key to value, got ${config === null || config === undefined ? "nothing" : Array.isArray(config) ? "a list" : JSON.stringify(config)}`);
    }
    const secrets = Object.entries(config).filter(([key]) => read(key)).flatMap(([key, value]) => secretsIn(value, `config["${key}"]`, secretAdvice));
    if (secrets.length > 0) throw new ConfigError(secrets, `Cannot read ${file}`);
    return config as Record<string, unknown>;
}

/**
 * The values of a stack file that Pulumi keeps encrypted (`secure: v1:...`,
 * from `pulumi config set --secret`): only the engine decrypts them, with
 * the stack's secrets provider, so a reader of the file cannot check them.
 * Said where they are, rather than judged as the objects they look like
 * (`dns.subscriptionId: must be a string`).
 */
function secretsIn(value: unknown, path: string, advice: string, within = new Set<object>()): ConfigIssue[] {
    // A YAML alias inside its own anchor makes a value that contains itself: looked into once.
    if (value === null || typeof value !== "object" || within.has(value)) return [];
    within.add(value);
    const keys = Object.keys(value);
    if (!Array.isArray(value) && keys.length === 1 && keys[0] === "secure" && typeof (value as { secure: unknown }).secure === "string") {
        return [{ path, message: `is a secret (secure:), which only Pulumi's engine decrypts, with the stack's secrets provider: this file is read as it is; ${advice}` }];
    }
    return Array.isArray(value)
        ? value.flatMap((item: unknown, i) => secretsIn(item, `${path}[${i}]`, advice, within))
        : keys.flatMap((key) => secretsIn((value as Record<string, unknown>)[key], `${path}.${key}`, advice, within));
}

/** The top-level keys of a Pulumi stack file (Pulumi.<stack>.yaml), none of which a deployment has. */
const STACK_FILE_KEYS: readonly string[] = ["config", "encryptionsalt", "secretsprovider", "encryptedkey", "environment"];

/**
 * True for a Pulumi stack file: a map with a `config:` key, or with only
 * stack-file keys (a stack just made by `pulumi stack init` holds its
 * `encryptionsalt:` and no config yet), and without a deployment's own keys.
 */
function isStackFile(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value) || "sipDomains" in value) return false;
    const keys = Object.keys(value);
    return keys.includes("config") || (keys.length > 0 && keys.every((k) => STACK_FILE_KEYS.includes(k)));
}

/** The name Pulumi gives a stack's file: `Pulumi.<stack>.yaml`, beside the project's `Pulumi.yaml`. */
const STACK_FILE_NAME = /^Pulumi\.[^.].*\.ya?ml$/i;

/**
 * The project a stack file belongs to, as `pulumi up` knows it: the `name:`
 * of the `Pulumi.yaml` (or `.yml`) beside it. Undefined when there is none,
 * or it has no name (Pulumi would refuse it; its own error says why).
 */
export function projectBeside(file: string): string | undefined {
    return STACK_FILE_NAME.test(basename(file)) ? projectIn(dirname(file)) : undefined;
}

/** The `name:` of the project file (`Pulumi.yaml` or `.yml`) in `dir`, if there is one with a name. */
export function projectIn(dir: string): string | undefined {
    for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
        let text: string;
        try {
            text = readTextFile(join(dir, name));
        } catch (error) {
            // None there (or not one to read): the project is then the deployment key's.
            if (error instanceof FileReadError) continue;
            throw error;
        }
        const document = yamlDocument(text);
        const project = document.errors.length === 0 ? (document.toJS() as { name?: unknown } | null)?.name : undefined;
        return typeof project === "string" && project !== "" ? project : undefined;
    }
    return undefined;
}

/**
 * Reads and parses the file; a stack file gives its deployment key. Throws
 * `ConfigError`. A stack file is judged as `pulumi up` of its project
 * judges it (`stackKeyProblems`): the same problems, in the same words. Its
 * project is the one whose `Pulumi.yaml` sits beside it; without one, the
 * project of its deployment key, or the program's when it has none.
 */
export function readDeploymentFile(file: string): DeploymentFile {
    const value = readConfigDocument(file);
    if (!isStackFile(value)) return { config: value, requireDns: false, foundAt: "the file" };
    const stackConfig = stackConfigMap(file, value.config ?? {});
    const keys = Object.keys(stackConfig);
    const deploymentKeys = keys.filter((k) => k.endsWith(`:${STACK_CONFIG_KEYS.deployment}`));
    // Another project's keys are that project's business, as they are Pulumi's: only the project's own are read.
    const beside = projectBeside(file);
    if (beside === undefined && deploymentKeys.length > 1) throw fileError(file, `is a Pulumi stack file with ${deploymentKeys.length} deployment keys (${deploymentKeys.join(", ")}); keep one (beside its project's Pulumi.yaml, a stack file is read as that project's)`);
    // Without a deployment key the stack is taken as the program's, as `pulumi up` of this program takes it.
    const project = beside ?? deploymentKeys[0]?.slice(0, -`:${STACK_CONFIG_KEYS.deployment}`.length) ?? PROGRAM_PROJECT;
    const problems = stackKeyProblems(keys, project);
    const deploymentKey = `${project}:${STACK_CONFIG_KEYS.deployment}`;
    // A stack may take its config from Pulumi ESC environments, which only Pulumi reads: say so where the deployment is missing.
    const missing = problems.find((p) => p.path === `config["${deploymentKey}"]`);
    if (missing && value.environment !== undefined) {
        missing.message += "; this stack imports Pulumi ESC environments (environment:), whose values only Pulumi reads: plan reads the file as it is, so give the deployment in it, or check with pulumi preview";
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return {
        config: fromPulumiString(stackConfig[deploymentKey]),
        dns: fromPulumiString(stackConfig[`${project}:${STACK_CONFIG_KEYS.dns}`]),
        requireDns: project === PROGRAM_PROJECT,
        foundAt: `config["${deploymentKey}"]`,
    };
}
