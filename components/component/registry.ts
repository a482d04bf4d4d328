/**
 * Which LyncEdgeDns instance publishes which record set, per Pulumi program.
 * Two instances (a copy of the component for another region, say) that would
 * publish the same record set, the federation SRV above all, fail in the
 * second constructor, naming both, instead of at the DNS service later.
 *
 * A program is identified by its engine connection (the resource monitor),
 * so each run of a program, and each mock-engine run in tests, starts empty.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue } from "../core/config/errors";

const registries = new WeakMap<object, Map<string, string>>();
const withoutEngine = {};

function registryOfThisProgram(): Map<string, string> {
    const scope = (pulumi.runtime.getMonitor() as object | undefined) ?? withoutEngine;
    let registry = registries.get(scope);
    if (!registry) {
        registry = new Map();
        registries.set(scope, registry);
    }
    return registry;
}

/**
 * Claims record sets (`"<name> <type>"`) for `owner`. Returns one issue per
 * record set another instance already owns, and claims nothing in that case.
 */
export function claimRecordSets(owner: string, keys: string[]): ConfigIssue[] {
    const registry = registryOfThisProgram();
    const issues: ConfigIssue[] = [];
    for (const key of keys) {
        const other = registry.get(key);
        if (other !== undefined) {
            const [name, type] = key.split(" ");
            issues.push({
                path: name,
                message: `${name} ${type} is already published by ${other}; ${owner} would publish it again. One record set has one owner: remove the domain from one of them${name.startsWith("_sipfederationtls._tcp.") ? " (a mobility domain needs exactly one federation SRV)" : ""}`,
            });
        }
    }
    if (issues.length === 0) for (const key of keys) registry.set(key, owner);
    return issues;
}
