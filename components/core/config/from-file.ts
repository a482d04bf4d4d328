/**
 * From a stack's config to the component's arguments, read the same way by
 * the root program (`pulumi up`, `npm start`) and by the CLI's `plan` on a
 * stack file, so that both refuse the same stacks with the same words.
 *
 * Files may name a SIP domain by a bare string. The component's declared
 * type takes `SipDomain` objects only (its args must have a schema every
 * Pulumi language can use), but its check is the one every entry point
 * shares and takes a bare string as files do: so the deployment goes to it
 * as written, and a mistake is reported at the same path (`sipDomains[0]`)
 * as by the CLI and the policy pack.
 */
import { ConfigError, type ConfigIssue } from "./errors";
import { configSchema, dnsTargetFileSchema, nearestName } from "./schema";
import type { DnsTarget, LyncEdgeDnsArgs } from "./target";
import type { EdgeDnsConfig } from "./types";
import { validateConfig } from "./validate";

/** The project of the root program (`name` in Pulumi.yaml): its stack files hold `lync-edge-dns:deployment`. */
export const PROGRAM_PROJECT = "lync-edge-dns";

/** The stack config keys the root program reads. */
export const STACK_CONFIG_KEYS = {
    /** The deployment, an `EdgeDnsConfig`. */
    deployment: "deployment",
    /** The DNS target, a `DnsTarget`. */
    dns: "dns",
} as const;

/**
 * A structured config value as the program gets it. Pulumi hands a
 * program every config value as text, an object, a list, a number or null
 * as its JSON (`requireObject` parses it), and `pulumi config set` may store
 * the JSON text itself: so a string that reads as JSON is that value.
 * Anything else is the value as given, for the check to judge
 * (`"contoso.com"` is not a deployment, and says so).
 */
export function fromPulumiString(value: unknown): unknown {
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value) as unknown;
    } catch {
        return value;
    }
}

/**
 * The keys of `project` in a stack's config that the program never reads
 * (it reads `<project>:deployment` and `<project>:dns`): a typo such as
 * `deploymnt`, or an `adopt:` list pasted one level too far out, that would
 * otherwise be ignored without a word. Keys of other projects (`aws:region`)
 * are not its business.
 */
export function strayStackKeys(keys: readonly string[], project: string): ConfigIssue[] {
    const known = Object.values(STACK_CONFIG_KEYS).map((k) => `${project}:${k}`);
    return keys
        .filter((k) => k.startsWith(`${project}:`) && !known.includes(k))
        .map((k) => ({ path: `config["${k}"]`, message: strayKeyMessage(k.slice(project.length + 1), project, known) }));
}

/**
 * Why a stray key is wrong: a field of the deployment or of the DNS target
 * given as a key of its own (`lync-edge-dns:ttl`) belongs inside that
 * value; anything else is a near miss of a key, or unknown.
 */
function strayKeyMessage(name: string, project: string, known: readonly string[]): string {
    const inside = Object.hasOwn(configSchema.shape, name) ? STACK_CONFIG_KEYS.deployment : Object.hasOwn(dnsTargetFileSchema.shape, name) ? STACK_CONFIG_KEYS.dns : undefined;
    if (inside !== undefined) return `unknown key; ${name} is a field of ${project}:${inside}: give it inside that value (pulumi config set --path ${project}:${inside}.${name} <value>)`;
    // Near misses by the name after the project: with it, every key of the project looked alike.
    const best = nearestName(name, Object.values(STACK_CONFIG_KEYS));
    return best ? `unknown key; did you mean ${JSON.stringify(`${project}:${best}`)}?` : `unknown key; the program reads ${known.join(" and ")}`;
}

/**
 * What is wrong with the keys of a stack's config for the program of
 * `project`, as `pulumi up` and `lync-edge-dns plan` both say it: each key
 * of the project it never reads (`strayStackKeys`), each key without a
 * project, and a missing `<project>:deployment`. (A missing DNS target is
 * the component's to report, beside the deployment's own mistakes.)
 */
export function stackKeyProblems(keys: readonly string[], project: string): ConfigIssue[] {
    const problems = strayStackKeys(keys, project);
    // Pulumi refuses such a file before any program runs (a config key is
    // `<namespace>:<name>`, its config.ParseKey): so plan does too.
    const bare = keys.filter((k) => !k.includes(":"));
    const known = Object.values(STACK_CONFIG_KEYS).map((k) => `${project}:${k}`);
    for (const k of bare) {
        const refused = "has no project: Pulumi refuses a stack file key that is not <project>:<key>";
        // With its project it may still be no key the program reads (`ttl:`): said at once.
        const message = known.includes(`${project}:${k}`)
            ? `${refused}; write ${project}:${k}`
            : `${refused}, and ${project}:${k} is not a key the program reads either: ${strayKeyMessage(k, project, known).replace(/^unknown key; /, "")}`;
        problems.push({ path: `config["${k}"]`, message });
    }
    const deployment = `${project}:${STACK_CONFIG_KEYS.deployment}`;
    // A bare `deployment:` is the deployment without its project, said above.
    if (!keys.includes(deployment) && !bare.includes(STACK_CONFIG_KEYS.deployment)) {
        // The project's own near misses are its stray keys, said above.
        const hints = missingDeploymentHints(keys.filter((k) => !k.startsWith(`${project}:`)), project);
        problems.push({ path: `config["${deployment}"]`, message: `is required: the Edge deployment (sipDomains, edge, ...); set it in the stack file, or with pulumi config set --path ${deployment}.<field> <value>${hints.map((h) => `; ${h}`).join("")}` });
    }
    return problems;
}

/**
 * What may have been meant where the deployment is missing: another
 * project's near miss (`myinfra:deploymnt`), or another project's whole
 * deployment (a stack file copied from a project of another name).
 */
function missingDeploymentHints(keys: readonly string[], project: string): string[] {
    const deployment = STACK_CONFIG_KEYS.deployment;
    const others = keys.filter((k) => k.endsWith(`:${deployment}`));
    const near = keys.filter((k) => k.includes(":") && !k.endsWith(`:${deployment}`) && nearestName(k.slice(k.indexOf(":") + 1), [deployment]) !== undefined);
    return [
        ...others.map((k) => `${JSON.stringify(k)} is project ${k.slice(0, -deployment.length - 1)}'s, and this stack is project ${project}'s: give the keys as ${project}:..., or name the project ${k.slice(0, -deployment.length - 1)} (in Pulumi.yaml)`),
        ...near.map((k) => `did you mean ${JSON.stringify(`${k.slice(0, k.indexOf(":"))}:${deployment}`)} for ${JSON.stringify(k)}?`),
    ];
}

/**
 * The `LyncEdgeDns` args from a deployment as a config or stack file writes
 * it (`EdgeDnsConfig`, where a SIP domain may be a bare name) and a DNS
 * target: `new LyncEdgeDns("edge", toComponentArgs(deployment, dns))`, as
 * the config-driven program does. The component takes a bare name as a
 * domain with every default, so names are passed on as given, and a
 * mistake is reported at the same path as `lync-edge-dns plan` reports it
 * (`sipDomains[0]`); the args' type lists `SipDomain` objects only because
 * Pulumi's schema for other languages has no union of a string and an
 * object. A deployment that is not an object (a list, a string, null) is
 * refused here as the check refuses it everywhere, `(root): a deployment
 * must be an object ...`: spread into the args, it would lose what it was.
 */
export function toComponentArgs(config: EdgeDnsConfig, dns: DnsTarget): LyncEdgeDnsArgs {
    if (config === null || typeof config !== "object" || Array.isArray(config)) validateConfig(config);
    return { ...config, dns } as LyncEdgeDnsArgs;
}

/**
 * The `LyncEdgeDns` args from a whole stack's config, as a config-driven
 * program reads it:
 *
 *     new LyncEdgeDns("edge", argsFromStackConfig(pulumi.runtime.allConfig(), pulumi.getProject()));
 *
 * It reads `<project>:deployment` and `<project>:dns`, each an object or
 * the JSON text `pulumi config set` stores, and refuses with a
 * `ConfigError` exactly what `lync-edge-dns plan` refuses of the stack file
 * (`stackKeyProblems`), in the same words: a key of the project it never
 * reads, a key without a project, a missing deployment. Keys of other
 * namespaces (`aws:region`) are left alone. A missing DNS target is the
 * component's to report, beside the deployment's own mistakes.
 */
export function argsFromStackConfig(config: Readonly<Record<string, unknown>>, project: string): LyncEdgeDnsArgs {
    const problems = stackKeyProblems(Object.keys(config), project);
    if (problems.length > 0) throw new ConfigError(problems);
    const deployment = fromPulumiString(config[`${project}:${STACK_CONFIG_KEYS.deployment}`]) as EdgeDnsConfig;
    return toComponentArgs(deployment, fromPulumiString(config[`${project}:${STACK_CONFIG_KEYS.dns}`]) as DnsTarget);
}
