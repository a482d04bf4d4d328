/**
 * LyncEdgeDns inside a larger stack, on Azure DNS: a platform team's own
 * component creates the resource group and the DNS zone, passes them to
 * LyncEdgeDns, and the whole tree uses an explicit azure-native provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { Zone } from "@pulumi/azure-native/dns";
import { Provider } from "@pulumi/azure-native/provider";
import { ResourceGroup } from "@pulumi/azure-native/resources";
import { LyncEdgeDns } from "lync-edge-dns";

/** What our UC platform component takes. */
export interface UnifiedCommunicationsArgs {
    domain: string;
    edgeIps: string[];
}

/** A resource group and zone for the SIP domain, and the Edge's records in it. */
export class UnifiedCommunications extends pulumi.ComponentResource {
    readonly certificateSubjectNames: pulumi.Output<string[]>;

    constructor(name: string, args: UnifiedCommunicationsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:uc:UnifiedCommunications", name, {}, opts);
        const group = new ResourceGroup(`${name}-dns`, { resourceGroupName: `rg-${name}-dns` }, { parent: this });
        const zone = new Zone(`${name}-zone`, {
            resourceGroupName: group.name,
            zoneName: args.domain,
            location: "global",
        }, { parent: this });
        const edgeDns = new LyncEdgeDns(`${name}-edge`, {
            sipDomains: [{ name: args.domain, mobility: true }],
            edge: { accessEdgeIps: args.edgeIps },
            dns: { provider: "azure", resourceGroupName: group.name },
        }, { parent: this, dependsOn: [zone] });
        this.certificateSubjectNames = edgeDns.certificateSubjectNames;
        this.registerOutputs({ certificateSubjectNames: this.certificateSubjectNames });
    }
}

const dnsSubscription = new Provider("dns-subscription", { subscriptionId: "00000000-0000-0000-0000-000000000000" });

const uc = new UnifiedCommunications("contoso", {
    domain: "contoso.com",
    edgeIps: ["131.107.155.10", "131.107.155.11"],
}, { providers: [dnsSubscription] });

export const certificateSubjectNames = uc.certificateSubjectNames;
