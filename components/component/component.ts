/**
 * The `LyncEdgeDns` component: plans the records at construction, then
 * walks the plan and creates one resource per record set.
 */
import * as pulumi from "@pulumi/pulumi";
import { LYNC_EDGE_DNS_TYPE } from "../core/component-type";
import { ConfigError, type ConfigIssue } from "../core/config/errors";
import { resolveTarget, type LyncEdgeDnsArgs } from "../core/config/target";
import { normalizeFoundName } from "../core/dns/names";
import { RecordRole, type PlannedZone } from "../core/plan/model";
import { planDeployment, SRV_SERVICES, type PlanResult } from "../core/plan/planner";
import { loadRenderer } from "../providers/load";
import { claimRecordSets } from "./registry";
import { evaluateRules, isMandatory } from "../core/rules/evaluate";
import { ruleInputFromPlan } from "../core/rules/from-plan";
import type { ResolvedTarget } from "../core/config/target";


/** Fields of the args that drive the plan must be plain values: they are checked before anything is created. */
function findUnresolvedValues(value: unknown, path: string, found: ConfigIssue[]): void {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        found.push({ path, message: "must be a plain value, not an Output or a Promise: the records are planned when the component is constructed (only the zone ids and resource groups under dns may be Outputs)" });
    } else if (Array.isArray(value)) {
        value.forEach((item, i) => findUnresolvedValues(item, `${path}[${i}]`, found));
    } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) findUnresolvedValues(item, path ? `${path}.${key}` : key, found);
    }
}

/**
 * The component's own guard, always on: the policy rules over its own plan
 * (a mandatory violation stops it), then the program-wide registry of record
 * sets (no two instances publish the same one).
 */
function guard(name: string, planned: PlanResult): string[] {
    const report = evaluateRules(ruleInputFromPlan(planned));
    const mandatory = report.violations.filter(isMandatory);
    if (mandatory.length > 0) {
        throw new ConfigError(mandatory.map((v) => ({ path: v.sources.join(", ") || "(plan)", message: `[${v.rule}] ${v.message}` })), "lync-edge-dns policy violation");
    }
    const owner = `LyncEdgeDns ${JSON.stringify(name)}`;
    const clashes = claimRecordSets(owner, planned.origins.map((o) => `${o.name} ${o.type}`));
    if (clashes.length > 0) throw new ConfigError(clashes, `${owner} would publish record sets another LyncEdgeDns already publishes`);
    return report.violations.map((v) => `[${v.rule}] ${v.message}`);
}

/** Plans and checks everything; throws `ConfigError` before any resource is registered. */
function planForComponent(name: string, args: LyncEdgeDnsArgs): { planned: PlanResult; target: ResolvedTarget; warnings: string[] } {
    if (args === undefined || args === null || typeof args !== "object") {
        throw new ConfigError([{ path: "(root)", message: "the component needs args: { sipDomains, edge, dns }" }]);
    }
    const { dns, ...config } = args;
    const unresolved: ConfigIssue[] = [];
    findUnresolvedValues(config, "", unresolved);
    if (unresolved.length > 0) throw new ConfigError(unresolved);
    const planned = planDeployment(config);
    const resolved = resolveTarget(dns, planned);
    if (resolved.issues.length > 0 || !resolved.target) throw new ConfigError(resolved.issues);
    const advisories = guard(name, planned);
    return { planned, target: resolved.target, warnings: [...planned.plan.warnings, ...advisories] };
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

    constructor(name: string, args: LyncEdgeDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        // Plan before registering the component itself: invalid config must
        // leave nothing behind, not even an empty component.
        const { planned, target, warnings } = planForComponent(name, args);
        super(LYNC_EDGE_DNS_TYPE, name, {}, opts);

        const render = loadRenderer(target.provider);
        const rendered = render(planned.plan.zones, { parent: this, componentName: name, target });
        for (const warning of warnings) pulumi.log.warn(warning, this);

        const federationPrefix = `${SRV_SERVICES.sipFederation}.`;
        const federationFqdns = rendered
            .filter((r) => r.record.type === "SRV" && r.record.name.startsWith(federationPrefix))
            .map((r) => r.fqdn);
        const certificateRoles: ReadonlySet<RecordRole> = new Set([RecordRole.AccessEdgeHost, RecordRole.XmppHost, RecordRole.WebConferencing]);
        const certificateNames = [...new Set(planned.origins
            .filter((o) => o.roles.some((role) => certificateRoles.has(role)))
            .map((o) => o.name))].sort();

        this.records = pulumi.output(planned.plan.zones);
        // A provider may leave fqdn empty (it is an output, not an input): list what it reports.
        this.federationSrvFqdns = pulumi.all(federationFqdns).apply((fqdns) =>
            fqdns.filter((f): f is string => typeof f === "string" && f !== "").map((f) => normalizeFoundName(f)).sort());
        this.certificateSubjectNames = pulumi.output(certificateNames);
        this.mobilityDomains = pulumi.output(planned.deployment.domains.filter((d) => d.mobility).map((d) => d.name).sort());
        this.warnings = pulumi.output(warnings);
        this.registerOutputs({
            records: this.records,
            federationSrvFqdns: this.federationSrvFqdns,
            certificateSubjectNames: this.certificateSubjectNames,
            mobilityDomains: this.mobilityDomains,
            warnings: this.warnings,
        });
    }
}
