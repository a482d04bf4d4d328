/**
 * The planner: a checked deployment in, record sets out. Pure: no Pulumi, no
 * I/O, linear in the number of records. It is a loop over the record
 * catalogue (`catalogue.ts`, which cites Microsoft's tables); every name
 * goes to the most specific zone of the deployment that holds it, because
 * a name below a delegated child zone is never answered from the parent
 * (RFC 1034 §4.2.1).
 */
import { ConfigError, type ConfigIssue } from "../config/errors";
import type { EdgeDnsConfig } from "../config/types";
import { validateConfig, type AddressSet, type Deployment, type DomainSpec } from "../config/validate";
import { absolute, zoneFinder } from "../dns/names";
import { formatSrv } from "./values";
import { DEPLOYMENT_HOST_KINDS, MICROSOFT_365_SRV, domainKindSelector, ownerName, targetName, type DomainKindUse, type KindId } from "./catalogue";
import { RecordType, type EdgeDnsPlan, type PlannedRecordSet, type PlannedZone, type RecordOrigin, type RecordRole, type TracedRecordSet } from "./model";

export { SRV_PORTS, SRV_SERVICES } from "./services";

/** Everything the planner knows: the plan, the checked deployment, and each record set with its origin. */
export interface PlanResult {
    /** The public plan: record sets per zone. */
    plan: EdgeDnsPlan;
    deployment: Deployment;
    /** Every record set with its zone and origin, in plan order (zone, name, type). */
    records: TracedRecordSet[];
    /** The origins of `records`, in the same order. */
    origins: RecordOrigin[];
}

/** Below this length a list is sorted by insertion (`sortInPlace`). */
const SHORT_LIST = 16;

/**
 * Sorts `items` in place by `compare`, stably, as Array.prototype.sort does.
 * A plan sorts tens of thousands of short lists (a record set's values, a
 * zone's record sets): Array.prototype.sort allocates work arrays on every
 * call, a tenth of all a large plan allocated, where insertion allocates
 * nothing. Long lists still go to Array.prototype.sort.
 */
function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
    if (items.length > SHORT_LIST) return items.sort(compare);
    for (let i = 1; i < items.length; i++) {
        const item = items[i] as T;
        let j = i - 1;
        for (; j >= 0 && compare(items[j] as T, item) > 0; j--) items[j + 1] = items[j] as T;
        items[j + 1] = item;
    }
    return items;
}

/** `values` sorted, as a new array (the caller's, e.g. a pool's addresses, is shared). */
function sortedCopy(values: readonly string[]): string[] {
    return values.length === 1 ? [values[0] as string] : sortInPlace(values.slice(), compare);
}

class PlanBuilder {
    /** The record sets at each name: one per type, so at most a few. */
    private readonly typesByName = new Map<string, TracedRecordSet[]>();
    readonly conflicts: ConfigIssue[] = [];

    constructor(private readonly deployment: Deployment, private readonly zoneOf: (name: string) => string | undefined) {}

    /** Adds a record set, or merges into one that the same values already fill. */
    add(name: string, type: RecordType, values: readonly string[], kind: KindId, roles: readonly RecordRole[], source: string): void {
        const atName = this.typesByName.get(name);
        let existing: TracedRecordSet | undefined;
        if (atName) for (let i = 0; i < atName.length && !existing; i++) if ((atName[i] as TracedRecordSet).type === type) existing = atName[i];
        if (!existing) {
            // Validation put every domain and host in a zone, so the lookup finds one.
            const zone = this.zoneOf(name) as string;
            const set: TracedRecordSet = {
                name, type, ttl: this.deployment.ttl, values: sortedCopy(values), zone,
                origin: { zone, name, type, roles: [...roles], sources: [source], kinds: [kind] },
            };
            if (atName) atName.push(set);
            else this.typesByName.set(name, [set]);
            return;
        }
        const sorted = sortedCopy(values);
        if (sorted.join(" ") !== existing.values.join(" ")) {
            this.conflicts.push({
                path: source,
                message: `${name} ${type} would hold ${sorted.join(", ")} here and ${existing.values.join(", ")} from ${existing.origin.sources.join(", ")}; one name holds one record set, so give the hosts different names`,
            });
            return;
        }
        const { origin } = existing;
        for (const role of roles) if (!origin.roles.includes(role)) origin.roles.push(role);
        if (!origin.sources.includes(source)) origin.sources.push(source);
        if (!origin.kinds.includes(kind)) origin.kinds.push(kind);
    }

    /** A and/or AAAA record sets for a host. */
    addHost(name: string, addresses: AddressSet, kind: KindId, roles: readonly RecordRole[], source = addresses.path): void {
        if (addresses.v4.length > 0) this.add(name, RecordType.A, addresses.v4, kind, roles, source);
        if (addresses.v6.length > 0) this.add(name, RecordType.AAAA, addresses.v6, kind, roles, source);
    }

    /**
     * RFC 1034 §3.6.2 (and both DNS services): a name with a CNAME holds
     * nothing else. Reported with the config paths of both.
     */
    private aliasClashes(): void {
        // forEach: for...of over a Map makes an entry array a step until optimized.
        this.typesByName.forEach((sets, name) => {
            const alias = sets.find((s) => s.type === RecordType.CNAME);
            if (!alias) return;
            if (alias.zone === name) {
                // The apex holds the zone's SOA and NS; Azure DNS and Route 53 refuse a CNAME there.
                this.conflicts.push({ path: alias.origin.sources.join(", "), message: `${name} would be a CNAME at the apex of its zone ${alias.zone}, which holds the zone's SOA and NS; a CNAME cannot be there (RFC 1034 §3.6.2). Keep ${name} out of the zones of this deployment, or leave legacy client records off` });
                return;
            }
            if (sets.length === 1) return;
            const others = sets.filter((s) => s !== alias);
            this.conflicts.push({
                path: alias.origin.sources.join(", "),
                message: `${name} would be a CNAME here and hold ${others.map((s) => s.type).join(", ")} from ${others.flatMap((s) => s.origin.sources).join(", ")}; a name with a CNAME holds no other record (RFC 1034 §3.6.2)`,
            });
        });
    }

    result(warnings: string[]): PlanResult {
        this.aliasClashes();
        if (this.conflicts.length > 0) throw new ConfigError(this.conflicts);
        // Plan order is zone, then name, then type. Sorting each zone's few
        // record sets, and the zones, costs far fewer comparisons than
        // sorting every record set of a large deployment at once.
        const byZone = new Map<string, TracedRecordSet[]>();
        this.typesByName.forEach((sets) => {
            for (let i = 0; i < sets.length; i++) {
                const set = sets[i] as TracedRecordSet;
                const inZone = byZone.get(set.zone);
                if (inZone) inZone.push(set);
                else byZone.set(set.zone, [set]);
            }
        });
        const records: TracedRecordSet[] = [];
        const origins: RecordOrigin[] = [];
        const zoneNames = [...byZone.keys()].sort(compare);
        const zones: PlannedZone[] = new Array<PlannedZone>(zoneNames.length);
        // Indexed loops: most of a plan runs before the optimizing compiler
        // steps in, and unoptimized for...of allocates an iterator result a step.
        for (let z = 0; z < zoneNames.length; z++) {
            const zone = zoneNames[z] as string;
            const inZone = sortInPlace(byZone.get(zone) as TracedRecordSet[], byNameThenType);
            const planned: PlannedZone = { zone, records: new Array<PlannedRecordSet>(inZone.length) };
            for (let i = 0; i < inZone.length; i++) {
                const set = inZone[i] as TracedRecordSet;
                records.push(set);
                origins.push(set.origin);
                planned.records[i] = { name: set.name, type: set.type, ttl: set.ttl, values: set.values };
            }
            zones[z] = planned;
        }
        return { plan: { zones, warnings }, deployment: this.deployment, records, origins };
    }
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function byNameThenType(a: TracedRecordSet, b: TracedRecordSet): number {
    return compare(a.name, b.name) || compare(a.type, b.type);
}

/**
 * Plans a deployment and keeps what the component, the CLI and the policies
 * need beside the records. Throws `ConfigError` for invalid input.
 */
export function planDeployment(config: EdgeDnsConfig | unknown): PlanResult {
    const { deployment, warnings } = validateConfig(config);
    const builder = new PlanBuilder(deployment, zoneFinder(deployment.zones));
    const facts = { labels: deployment.labels, hasReverseProxy: deployment.reverseProxy !== undefined, microsoft365: deployment.microsoft365 };
    const pools: Record<"accessEdge" | "reverseProxy", AddressSet | undefined> = { accessEdge: deployment.accessEdge, reverseProxy: deployment.reverseProxy };

    const kindsOf = domainKindSelector(facts);
    const { domains } = deployment;
    for (let i = 0; i < domains.length; i++) {
        const d = domains[i] as DomainSpec;
        const kinds = kindsOf(d);
        for (let k = 0; k < kinds.length; k++) {
            const { kind, roles } = kinds[k] as DomainKindUse;
            const name = ownerName(kind, d.name, facts);
            if (kind.type === "SRV") {
                // On premises: the deployment's priority and weight (Microsoft's
                // examples: 0 0); to Microsoft 365: Microsoft's table, 100 1.
                const { priority, weight } = "microsoft365" in kind.target ? MICROSOFT_365_SRV : deployment.srv;
                const port = kind.portSetting ? deployment[kind.portSetting] : kind.port;
                const target = targetName(kind.target, d.name, facts);
                builder.add(name, RecordType.SRV, [formatSrv({ priority, weight, port, target })], kind.id, roles, d.path);
            } else if (kind.type === "CNAME") {
                builder.add(name, RecordType.CNAME, [absolute(targetName(kind.target, d.name, facts))], kind.id, roles, d.path);
            } else {
                const addresses = pools[kind.addresses];
                if (addresses) builder.addHost(name, addresses, kind.id, roles);
            }
        }
    }
    for (const host of deployment.hosts) {
        builder.addHost(host.name, host.addresses, host.kind, [DEPLOYMENT_HOST_KINDS[host.kind].role], host.path);
    }
    return builder.result(warnings);
}

/**
 * Plans the DNS records of an Edge deployment: pure, no Pulumi runtime
 * needed. Throws `ConfigError` listing every problem for invalid input.
 *
 * @example
 * planRecords({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["203.0.113.10"] } })
 * // { zones: [{ zone: "contoso.com", records: [
 * //   { name: "_sip._tls.contoso.com", type: "SRV", ttl: 3600, values: ["0 0 443 sip.contoso.com."] },
 * //   { name: "_sipfederationtls._tcp.contoso.com", type: "SRV", ttl: 3600, values: ["0 0 5061 sip.contoso.com."] },
 * //   { name: "sip.contoso.com", type: "A", ttl: 3600, values: ["203.0.113.10"] } ] }],
 * //   warnings: ["edge.accessEdgeIps[0]: 203.0.113.10 is in a documentation range ..."] }
 */
export function planRecords(config: EdgeDnsConfig): EdgeDnsPlan {
    return planDeployment(config).plan;
}
