/**
 * Where the records go: the DNS service and its zones. Zone handles may be
 * Outputs of other resources (a zone created beside the component), so they
 * are not validated beyond their presence.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PlanResult } from "../plan/planner";
import { quote } from "../dns/names";
import { normalizeFoundName } from "../dns/names";
import type { ConfigIssue } from "./errors";
import type { EdgeDnsSettings, SipDomain } from "./types";

/** The DNS service that publishes the records. */
export const DnsProvider = {
    /** AWS Route 53 (`@pulumi/aws`). */
    Route53: "route53",
    /** Azure DNS (`@pulumi/azure-native`). */
    Azure: "azure",
} as const;
/** The DNS service that publishes the records. */
export type DnsProvider = (typeof DnsProvider)[keyof typeof DnsProvider];

/** The DNS service and its zones. */
export interface DnsTarget {
    /** "route53" or "azure". Only that provider's package is loaded. */
    provider: DnsProvider;
    /**
     * Route 53: hosted zone id per zone name, e.g. `{ "contoso.com": zone.zoneId }`.
     * A zone left out is looked up by name among the public hosted zones.
     * @default every zone looked up by name
     */
    hostedZoneIds?: { [zone: string]: pulumi.Input<string> };
    /**
     * Azure: the resource group of the DNS zones. Required for azure unless
     * every zone is in `zoneResourceGroups`.
     */
    resourceGroupName?: pulumi.Input<string>;
    /**
     * Azure: the resource group per zone, where it differs from `resourceGroupName`.
     * @default resourceGroupName for every zone
     */
    zoneResourceGroups?: { [zone: string]: pulumi.Input<string> };
}

/** The arguments of the `LyncEdgeDns` component: the deployment and the DNS target. */
export interface LyncEdgeDnsArgs extends EdgeDnsSettings {
    /** The SIP domains, at least one. */
    sipDomains: SipDomain[];
    /** Where to publish: Route 53 or Azure DNS, and the zones. */
    dns: DnsTarget;
}

/** Record set limits of each service (AWS and Azure DNS service limits). */
export const VALUES_PER_RECORD_SET: Record<DnsProvider, number> = {
    route53: 400,
    azure: 20,
};

/** A DNS target with the zone maps keyed by canonical zone names. */
export interface ResolvedTarget {
    provider: DnsProvider;
    hostedZoneIds: Map<string, pulumi.Input<string>>;
    /** Azure: resource group per zone, for every zone. */
    resourceGroups: Map<string, pulumi.Input<string>>;
}

const PROVIDERS: string[] = Object.values(DnsProvider);

function zoneMap(
    given: Record<string, pulumi.Input<string>> | undefined, path: string, zones: string[], issues: ConfigIssue[],
): Map<string, pulumi.Input<string>> {
    const map = new Map<string, pulumi.Input<string>>();
    if (given === undefined) return map;
    if (typeof given !== "object" || given === null || Array.isArray(given)) {
        issues.push({ path, message: `must be a map from zone name to value, got ${quote(given)}` });
        return map;
    }
    for (const [key, value] of Object.entries(given)) {
        const zone = normalizeFoundName(key);
        if (!zones.includes(zone)) {
            issues.push({ path: `${path}[${quote(key)}]`, message: `${quote(key)} is not a zone of this deployment (${zones.join(", ")})` });
        } else if (value === undefined || value === null || value === "") {
            issues.push({ path: `${path}[${quote(key)}]`, message: "is empty" });
        } else {
            map.set(zone, value);
        }
    }
    return map;
}

/**
 * Checks the DNS target against the plan: a known provider, a resource group
 * for every Azure zone, zone keys that name zones of this deployment, and
 * record sets within the service's limits. The other provider's fields are
 * allowed and unused, so that one stack file can switch provider with one key.
 */
export function resolveTarget(target: DnsTarget | undefined, planned: PlanResult): { target?: ResolvedTarget; issues: ConfigIssue[] } {
    const issues: ConfigIssue[] = [];
    if (target === undefined || target === null || typeof target !== "object") {
        return { issues: [{ path: "dns", message: `is required: { provider: ${PROVIDERS.map((p) => quote(p)).join(" | ")}, ... }` }] };
    }
    const provider = target.provider;
    if (!PROVIDERS.includes(provider)) {
        issues.push({ path: "dns.provider", message: `must be one of ${PROVIDERS.map((p) => quote(p)).join(", ")}, got ${quote(provider)}` });
        return { issues };
    }
    const zones = planned.deployment.zones;
    const hostedZoneIds = zoneMap(target.hostedZoneIds, "dns.hostedZoneIds", zones, issues);
    const zoneGroups = zoneMap(target.zoneResourceGroups, "dns.zoneResourceGroups", zones, issues);
    const resourceGroups = new Map<string, pulumi.Input<string>>();
    if (provider === DnsProvider.Azure) {
        const missing: string[] = [];
        for (const zone of zones) {
            const group = zoneGroups.get(zone) ?? target.resourceGroupName;
            if (group === undefined || group === "") missing.push(zone);
            else resourceGroups.set(zone, group);
        }
        if (missing.length > 0) {
            issues.push({ path: "dns.resourceGroupName", message: `is required for azure: no resource group for ${missing.join(", ")} (give resourceGroupName, or zoneResourceGroups for each zone)` });
        }
    }
    const limit = VALUES_PER_RECORD_SET[provider];
    planned.plan.zones.forEach((zone, z) => zone.records.forEach((record, r) => {
        if (record.values.length > limit) {
            const origin = planned.origins.find((o) => o.name === record.name && o.type === record.type);
            issues.push({
                path: origin?.sources.join(", ") ?? `zones[${z}].records[${r}]`,
                message: `${record.name} ${record.type} would hold ${record.values.length} values; ${provider === "azure" ? "Azure DNS" : "Route 53"} allows at most ${limit} in one record set`,
            });
        }
    }));
    return { target: { provider, hostedZoneIds, resourceGroups }, issues };
}
