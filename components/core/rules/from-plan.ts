/** The rule engine's input from a plan: what the component and the CLI judge. */
import { Hosting } from "../config/types";
import type { DomainSpec } from "../config/validate";
import type { TracedRecordSet } from "../plan/model";
import type { PlanResult } from "../plan/planner";
import type { RecordSetFact, RuleInput } from "./model";

/**
 * The plan's record sets as facts, each sourced by the config paths that
 * asked for it; the mobility domains and zones come from the deployment.
 */
export function ruleInputFromPlan(planned: PlanResult): RuleInput {
    // Indexed loops and no intermediate arrays: a plan of thousands of
    // record sets is read once, mostly before the optimizing compiler steps in.
    const { records, deployment } = planned;
    const facts = new Array<RecordSetFact>(records.length);
    for (let i = 0; i < records.length; i++) {
        const r = records[i] as TracedRecordSet;
        const sources = r.origin.sources;
        facts[i] = { name: r.name, type: r.type, values: r.values, zone: r.zone, source: sources.length === 1 ? sources[0] as string : sources.join(", "), edge: true };
    }
    const mobilityDomains: string[] = [];
    const domainHosting: Record<string, string> = {};
    const domainCloud: Record<string, string> = {};
    const clientPorts = [deployment.accessEdgeClientPort];
    const accessEdgeClientPortsByDomain = new Map<string, readonly number[]>();
    for (let i = 0; i < deployment.domains.length; i++) {
        const d = deployment.domains[i] as DomainSpec;
        if (d.mobility) mobilityDomains.push(d.name);
        domainHosting[d.name] = d.hosting;
        if (d.hosting === Hosting.Online) domainCloud[d.name] = deployment.microsoft365.cloud;
        accessEdgeClientPortsByDomain.set(d.name, clientPorts);
    }
    return {
        records: facts,
        mobilityDomains,
        managedZones: deployment.zones,
        allowPrivateAddresses: deployment.allowPrivateAddresses,
        domainHosting,
        domainCloud,
        accessEdgeClientPorts: clientPorts,
        accessEdgeClientPortsByDomain,
    };
}
