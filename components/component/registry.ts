/**
 * Which LyncEdgeDns instance publishes which SIP domain and record set, per
 * Pulumi program. Two instances (a copy of the component for another
 * region, say) that would publish the same record set, the federation SRV
 * above all, fail in the second constructor, naming both, instead of at the
 * DNS service later. So do two that declare the same SIP domain, even with
 * record sets that do not meet: where a domain's users are and whether it
 * has mobility are decided in one place, or the policy pack, which reads
 * them per domain from the components, would judge by whichever came last.
 *
 * A program is identified by its engine connection (the resource monitor),
 * so each run of a program, and each mock-engine run in tests, starts empty.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue } from "../core/config/errors";
import { FEDERATION_SRV } from "../core/plan/catalogue";
import type { TracedRecordSet } from "../core/plan/model";
import type { DomainSpec } from "../core/config/validate";

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
 * Claims SIP domains and record sets for `owner`. Returns one issue per
 * domain or record set another instance already owns, and claims nothing
 * in that case.
 */
export function claimDomainsAndRecordSets(owner: string, domains: readonly DomainSpec[], records: readonly TracedRecordSet[]): ConfigIssue[] {
    const registry = registryOfThisProgram();
    const issues: ConfigIssue[] = [];
    const domainKey = (d: DomainSpec): string => `domain ${d.name}`;
    const keyOf = (r: TracedRecordSet): string => `${r.name} ${r.type}`;
    for (const d of domains) {
        const other = registry.get(domainKey(d));
        if (other !== undefined) {
            issues.push({
                path: d.path,
                message: `${d.name} is already a SIP domain of ${other}; ${owner} would declare it again. One SIP domain has one owner: where its users are, its mobility and its records are decided in one place, so remove it from one of them`,
            });
        }
    }
    for (const r of records) {
        const other = registry.get(keyOf(r));
        if (other !== undefined) {
            const federation = r.origin.kinds.includes(FEDERATION_SRV.id);
            issues.push({
                path: r.name,
                message: `${r.name} ${r.type} is already published by ${other}; ${owner} would publish it again. One record set has one owner: remove the domain from one of them${federation ? " (a mobility domain needs exactly one federation SRV)" : ""}`,
            });
        }
    }
    if (issues.length === 0) {
        for (const d of domains) registry.set(domainKey(d), owner);
        for (const r of records) registry.set(keyOf(r), owner);
    }
    return issues;
}
