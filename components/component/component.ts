/**
 * The `LyncEdgeDns` component: runs the check pipeline at construction, then
 * walks the plan and creates one resource per record set. It holds no DNS
 * knowledge of its own: what to publish comes from the core, how from the
 * provider module.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkOrThrow } from "../core/check";
import { LYNC_EDGE_DNS_TYPE } from "../core/component-type";
import { ConfigError, type ConfigIssue } from "../core/config/errors";
import type { LyncEdgeDnsArgs } from "../core/config/target";
import { normalizeFoundName } from "../core/dns/names";
import { FEDERATION_SRV } from "../core/plan/catalogue";
import { certificateSubjectNames } from "../core/plan/certificate";
import type { PlannedZone } from "../core/plan/model";
import { loadRenderer } from "../providers/load";
import { claimDomainsAndRecordSets } from "./registry";

/**
 * Fields of the args that drive the plan must be plain values: they are
 * checked before anything is created. A structure that contains itself is
 * refused too (it could not be a deployment, and walking it would not end).
 */
function findUnresolvedValues(value: unknown, path: string, found: ConfigIssue[], seen = new Set<object>()): void {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        found.push({ path: path || "(root)", message: "must be a plain value, not an Output or a Promise: the records are planned when the component is constructed (only the zone ids and resource groups under dns may be Outputs)" });
    } else if (value !== null && typeof value === "object") {
        if (seen.has(value)) {
            found.push({ path: path || "(root)", message: "contains itself (a circular reference); give plain data" });
            return;
        }
        seen.add(value);
        if (Array.isArray(value)) value.forEach((item, i) => findUnresolvedValues(item, `${path}[${i}]`, found, seen));
        else for (const [key, item] of Object.entries(value)) findUnresolvedValues(item, path ? `${path}.${key}` : key, found, seen);
        seen.delete(value);
    }
}

/**
 * The external DNS records of a Lync Server 2013 / Skype for Business Server
 * Edge deployment (SIP federation, XMPP federation, public IM connectivity,
 * external access, mobility) in AWS Route 53 or Azure DNS.
 *
 * The configuration is validated when the component is constructed: an
 * invalid one throws `ConfigError` listing every problem, and nothing is
 * registered. Each record set becomes one child resource whose logical name
 * is `<name>/<zone>/<relative name>/<type>`.
 */
export class LyncEdgeDns extends pulumi.ComponentResource {
    /** The plan: the record sets per zone, exactly what the component created. */
    public readonly records: pulumi.Output<PlannedZone[]>;
    /** The FQDNs of the `_sipfederationtls._tcp` SRV records, as the DNS service reports them. */
    public readonly federationSrvFqdns: pulumi.Output<string[]>;
    /**
     * The names the Edge's external certificate must carry as subject
     * alternative names: the Access Edge host of every SIP domain, the XMPP
     * hosts where XMPP is on, and the Web Conferencing Edge FQDN.
     */
    public readonly certificateSubjectNames: pulumi.Output<string[]>;
    /** The SIP domains with mobility: each must have exactly one federation SRV (read by the policy pack). */
    public readonly mobilityDomains: pulumi.Output<string[]>;
    /** The planner's warnings, also written to the Pulumi log. */
    public readonly warnings: pulumi.Output<string[]>;
    /**
     * Where each SIP domain's users are: "onPremises", "hybrid" or "online"
     * (read by the policy pack: an online domain's SRVs point to Microsoft
     * 365, the others' never do).
     */
    public readonly domainHosting: pulumi.Output<{ [domain: string]: string }>;
    /**
     * The Microsoft 365 cloud online domains point to: "worldwide", "gccHigh",
     * "dod" or "china" (`microsoft365.cloud`, default "worldwide"). Read by
     * the policy pack: an online domain's SRVs point to that cloud's hosts.
     */
    public readonly microsoft365Cloud: pulumi.Output<string>;
    /**
     * Whether the deployment allowed private addresses (`allowPrivateAddresses`,
     * a lab or internal zone). Read by the policy pack, which then accepts
     * the private addresses this component publishes, as the component did,
     * and no other.
     */
    public readonly allowPrivateAddresses: pulumi.Output<boolean>;

    constructor(name: string, args: LyncEdgeDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything that can refuse the input runs before the component
        // registers itself: invalid input leaves nothing behind, not even an
        // empty component — nor does a missing provider package.
        if (args === undefined || args === null || typeof args !== "object") {
            throw new ConfigError([{ path: "(root)", message: "the component needs args: { sipDomains, edge, dns }" }]);
        }
        const { dns, ...config } = args;
        const unresolved: ConfigIssue[] = [];
        findUnresolvedValues(config, "", unresolved);
        if (unresolved.length > 0) throw new ConfigError(unresolved);
        const { planned, target, warnings } = checkOrThrow({ config, dns, requireDns: true });
        if (!target) throw new Error("internal: a checked deployment without a DNS target");
        const render = loadRenderer(target.provider);
        const owner = `LyncEdgeDns ${JSON.stringify(name)}`;
        const clashes = claimDomainsAndRecordSets(owner, planned.deployment.domains, planned.records);
        if (clashes.length > 0) throw new ConfigError(clashes, `${owner} would publish SIP domains or record sets another LyncEdgeDns already publishes`);

        super(LYNC_EDGE_DNS_TYPE, name, {}, opts);
        const rendered = render(planned.records, { parent: this, componentName: name, target });
        for (const warning of warnings) pulumi.log.warn(warning, this);

        const federationFqdns = rendered
            .filter((r) => r.record.type === "SRV" && r.record.name.startsWith(`${FEDERATION_SRV.service}.`))
            .map((r) => r.fqdn);

        this.records = pulumi.output(planned.plan.zones);
        // A provider may leave fqdn empty (it is an output, not an input): list what it reports.
        this.federationSrvFqdns = pulumi.all(federationFqdns).apply((fqdns) =>
            fqdns.filter((f): f is string => typeof f === "string" && f !== "").map((f) => normalizeFoundName(f)).sort());
        this.certificateSubjectNames = pulumi.output(certificateSubjectNames(planned));
        this.mobilityDomains = pulumi.output(planned.deployment.domains.filter((d) => d.mobility).map((d) => d.name).sort());
        this.warnings = pulumi.output(warnings);
        this.domainHosting = pulumi.output(Object.fromEntries(planned.deployment.domains.map((d) => [d.name, d.hosting])));
        this.microsoft365Cloud = pulumi.output(planned.deployment.microsoft365.cloud);
        this.allowPrivateAddresses = pulumi.output(planned.deployment.allowPrivateAddresses);
        this.registerOutputs({
            domainHosting: this.domainHosting,
            microsoft365Cloud: this.microsoft365Cloud,
            allowPrivateAddresses: this.allowPrivateAddresses,
            records: this.records,
            federationSrvFqdns: this.federationSrvFqdns,
            certificateSubjectNames: this.certificateSubjectNames,
            mobilityDomains: this.mobilityDomains,
            warnings: this.warnings,
        });
    }
}
