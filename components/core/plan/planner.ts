/**
 * The planner: a checked deployment in, record sets out. Pure: no Pulumi, no
 * I/O, linear in the number of records.
 *
 * The records, per SIP domain d (Microsoft, "DNS summary - SIP, XMPP
 * federation, and public instant messaging in Lync Server 2013" and "Edge
 * Server environmental requirements"):
 *
 * | when                            | name                        | type   | value                |
 * |---------------------------------|-----------------------------|--------|----------------------|
 * | federationDiscovery or mobility | `_sipfederationtls._tcp.d`  | SRV    | `P W 5061 sip.d.`    |
 * | externalAccess                  | `_sip._tls.d`               | SRV    | `P W 443 sip.d.`     |
 * | either SRV above                | `sip.d`                     | A/AAAA | Access Edge IPs      |
 * | xmpp                            | `_xmpp-server._tcp.d`       | SRV    | `P W 5269 xmpp.d.`   |
 * | xmpp                            | `xmpp.d`                    | A/AAAA | Access Edge IPs      |
 * | mobility and a reverse proxy    | `lyncdiscover.d`            | A/AAAA | reverse proxy IPs    |
 *
 * and once: the Web Conferencing and A/V Edge FQDNs to their IPs, each
 * reverse proxy host to the reverse proxy IPs. SRV targets lie in the SRV's
 * own domain (Microsoft's same-domain rule) and have address records here
 * (RFC 2782: the target must have A/AAAA records and must not be an alias).
 */
import { ConfigError, type ConfigIssue } from "../config/errors";
import type { EdgeDnsConfig } from "../config/types";
import { validateConfig, type AddressSet, type Deployment } from "../config/validate";
import { zoneFinder } from "../dns/names";
import { formatSrv } from "./values";
import { AUTODISCOVER_LABEL, SRV_PORTS, SRV_SERVICES } from "./services";
import {
    RecordRole, RecordType,
    type EdgeDnsPlan, type PlannedRecordSet, type PlannedZone, type RecordOrigin,
} from "./model";

export { SRV_PORTS, SRV_SERVICES } from "./services";

/** Everything the planner knows: the plan, the checked deployment, and where each record set came from. */
export interface PlanResult {
    plan: EdgeDnsPlan;
    deployment: Deployment;
    origins: RecordOrigin[];
}

interface Draft {
    origin: RecordOrigin;
    values: string[];
}

class PlanBuilder {
    private readonly drafts = new Map<string, Draft>();
    readonly conflicts: ConfigIssue[] = [];

    constructor(private readonly deployment: Deployment) {}

    /** Adds a record set, or merges into one that the same values already fill. */
    add(zone: string, name: string, type: RecordType, values: string[], role: RecordRole, source: string): void {
        const key = `${name} ${type}`;
        const existing = this.drafts.get(key);
        if (!existing) {
            this.drafts.set(key, { origin: { zone, name, type, roles: [role], sources: [source] }, values: [...values].sort() });
            return;
        }
        const sorted = [...values].sort();
        if (sorted.join(" ") !== existing.values.join(" ")) {
            this.conflicts.push({
                path: source,
                message: `${name} ${type} would hold ${sorted.join(", ")} here and ${existing.values.join(", ")} from ${existing.origin.sources.join(", ")}; one name holds one record set, so give the hosts different names`,
            });
            return;
        }
        if (!existing.origin.roles.includes(role)) existing.origin.roles.push(role);
        if (!existing.origin.sources.includes(source)) existing.origin.sources.push(source);
    }

    /** A and/or AAAA record sets for a host. */
    addHost(zone: string, name: string, addresses: AddressSet, role: RecordRole, source = addresses.path): void {
        if (addresses.v4.length > 0) this.add(zone, name, RecordType.A, addresses.v4, role, source);
        if (addresses.v6.length > 0) this.add(zone, name, RecordType.AAAA, addresses.v6, role, source);
    }

    srv(zone: string, name: string, port: number, target: string, role: RecordRole, source: string): void {
        const { priority, weight } = this.deployment.srv;
        this.add(zone, name, RecordType.SRV, [formatSrv({ priority, weight, port, target })], role, source);
    }

    result(warnings: string[]): PlanResult {
        const { ttl } = this.deployment;
        const drafts = [...this.drafts.values()].sort((a, b) =>
            compare(a.origin.zone, b.origin.zone) || compare(a.origin.name, b.origin.name) || compare(a.origin.type, b.origin.type));
        const zones: PlannedZone[] = [];
        for (const { origin, values } of drafts) {
            if (zones.length === 0 || zones[zones.length - 1].zone !== origin.zone) zones.push({ zone: origin.zone, records: [] });
            const record: PlannedRecordSet = { name: origin.name, type: origin.type, ttl, values };
            zones[zones.length - 1].records.push(record);
        }
        return { plan: { zones, warnings }, deployment: this.deployment, origins: drafts.map((d) => d.origin) };
    }
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Plans a deployment and keeps what the component, the CLI and the policies
 * need beside the records. Throws `ConfigError` for invalid input.
 */
export function planDeployment(config: EdgeDnsConfig | unknown): PlanResult {
    const { deployment, warnings } = validateConfig(config);
    const builder = new PlanBuilder(deployment);
    const { labels } = deployment;

    for (const d of deployment.domains) {
        const sipHost = `${labels.accessEdge}.${d.name}`;
        // Mobility needs the federation SRV as much as discovery does: the push
        // notification clearing house finds the domain only through it.
        if (d.federationDiscovery) {
            builder.srv(d.zone, `${SRV_SERVICES.sipFederation}.${d.name}`, SRV_PORTS.sipFederation, sipHost, RecordRole.SipFederation, d.path);
        }
        if (d.mobility) {
            builder.srv(d.zone, `${SRV_SERVICES.sipFederation}.${d.name}`, SRV_PORTS.sipFederation, sipHost, RecordRole.PushNotifications, d.path);
        }
        if (d.externalAccess) {
            builder.srv(d.zone, `${SRV_SERVICES.sipExternal}.${d.name}`, SRV_PORTS.sipExternal, sipHost, RecordRole.ExternalAccess, d.path);
        }
        if (d.federationDiscovery || d.mobility || d.externalAccess) {
            builder.addHost(d.zone, sipHost, deployment.accessEdge, RecordRole.AccessEdgeHost);
        }
        if (d.xmpp) {
            const xmppHost = `${labels.xmpp}.${d.name}`;
            builder.srv(d.zone, `${SRV_SERVICES.xmppServer}.${d.name}`, SRV_PORTS.xmppServer, xmppHost, RecordRole.XmppFederation, d.path);
            builder.addHost(d.zone, xmppHost, deployment.accessEdge, RecordRole.XmppHost);
        }
        if (d.mobility && deployment.reverseProxy) {
            builder.addHost(d.zone, `${AUTODISCOVER_LABEL}.${d.name}`, deployment.reverseProxy, RecordRole.MobilityAutodiscover);
        }
    }
    const zoneOf = zoneFinder(deployment.zones);
    for (const host of deployment.hosts) {
        const zone = zoneOf(host.name) as string; // checked by validateConfig
        const role = host.path.startsWith("edge.webConferencing") ? RecordRole.WebConferencing
            : host.path.startsWith("edge.av") ? RecordRole.AudioVideo : RecordRole.ReverseProxyHost;
        builder.addHost(zone, host.name, host.addresses, role, host.path);
    }
    if (builder.conflicts.length > 0) throw new ConfigError(builder.conflicts);
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
