/**
 * A synthetic stack as CrossGuard's stack validation receives it, with
 * exactly N record resources: two LyncEdgeDns components, one on Route 53
 * and one on Azure DNS (half the domains each), their records with the
 * props a provider reports (inputs, fqdn, id), the components with their
 * outputs, and the stack. Shapes as in tests/helpers/stack.ts.
 */
import { LYNC_EDGE_DNS_TYPE, planRecords } from "../../components";
import { AZURE_RECORD_SET, ROUTE53_RECORD, type StackResource } from "../../policy/stack-records";
import { recordSetCount, syntheticDeployment, type SyntheticOptions } from "../configs";
import { handwrittenInput, type Provider } from "../mock/inputs";

const PREFIX = "urn:pulumi:bench::lync-edge-dns::";

function deployment(provider: Provider, name: string, domains: number, options: SyntheticOptions): StackResource[] {
    const config = syntheticDeployment(domains, options);
    const plan = planRecords(config);
    const type = provider === "route53" ? ROUTE53_RECORD : AZURE_RECORD_SET;
    const records = handwrittenInput(config, provider).records.map(({ name: logical, args }): StackResource => {
        const [, zone, relative, recordType] = logical.split("/");
        const fqdn = relative === "@" ? zone : `${relative}.${zone}`;
        const props = provider === "route53"
            ? { ...args, fqdn, id: `${String(args.zoneId)}_${fqdn}_${recordType}` }
            : {
                ...args, fqdn: `${fqdn}.`, name: relative, type: `Microsoft.Network/dnszones/${recordType}`,
                id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${String(args.resourceGroupName)}/providers/Microsoft.Network/dnszones/${zone}/${recordType}/${relative}`,
            };
        return { type, name: logical.replace(/^edge/, name), urn: `${PREFIX}${LYNC_EDGE_DNS_TYPE}$${type}::${logical.replace(/^edge/, name)}`, props };
    });
    const component: StackResource = {
        type: LYNC_EDGE_DNS_TYPE,
        name,
        urn: `${PREFIX}${LYNC_EDGE_DNS_TYPE}::${name}`,
        props: {
            records: plan.zones,
            mobilityDomains: config.sipDomains.map((d) => (typeof d === "string" ? d : d.name)).sort(),
            warnings: plan.warnings,
        },
    };
    return [component, ...records];
}

/** The stack's resources, with exactly `records` DNS record resources (at least 9). */
export function syntheticStack(records: number): StackResource[] {
    const domains = Math.floor((records - 3) / 6);
    const first: SyntheticOptions = { reverseProxyHosts: records - 2 - 6 * domains };
    const aws = Math.ceil(domains / 2);
    const second: SyntheticOptions = { firstDomain: aws, edgeHosts: false, reverseProxyHosts: 0 };
    const resources = [
        { type: "pulumi:pulumi:Stack", name: "lync-edge-dns-bench", urn: `${PREFIX}pulumi:pulumi:Stack::lync-edge-dns-bench`, props: {} },
        ...deployment("route53", "edge-aws", aws, first),
        ...deployment("azure", "edge-azure", domains - aws, second),
    ];
    const count = resources.filter((r) => r.type === ROUTE53_RECORD || r.type === AZURE_RECORD_SET).length;
    if (count !== records || recordSetCount(aws, first) + recordSetCount(domains - aws, second) !== records) {
        throw new Error(`internal: the synthetic stack has ${count} records, not ${records}`);
    }
    return resources;
}
