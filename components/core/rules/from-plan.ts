/** The rule engine's input from a plan: what the component and the CLI judge. */
import type { PlanResult } from "../plan/planner";
import type { RuleInput } from "./model";

/**
 * The plan's record sets as facts, each sourced by the config paths that
 * asked for it; the mobility domains and zones come from the deployment.
 */
export function ruleInputFromPlan(planned: PlanResult): RuleInput {
    return {
        records: planned.records.map((r) => ({
            name: r.name,
            type: r.type,
            values: r.values,
            zone: r.zone,
            source: r.origin.sources.join(", "),
            edge: true,
        })),
        mobilityDomains: planned.deployment.domains.filter((d) => d.mobility).map((d) => d.name),
        managedZones: planned.deployment.zones,
        allowPrivateAddresses: planned.deployment.allowPrivateAddresses,
        domainHosting: Object.fromEntries(planned.deployment.domains.map((d) => [d.name, d.hosting])),
        accessEdgeClientPorts: [planned.deployment.accessEdgeClientPort],
    };
}
