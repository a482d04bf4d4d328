/**
 * LyncEdgeDns inside a larger stack, on Route 53: a platform team's own
 * component creates the hosted zone, passes its id to LyncEdgeDns, and the
 * whole tree uses an explicit AWS provider (a DNS account's credentials).
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import { Zone } from "@pulumi/aws/route53";
import { LyncEdgeDns } from "lync-edge-dns";

/** What our UC platform component takes. */
export interface UnifiedCommunicationsArgs {
    domain: string;
    edgeIps: string[];
}

/** A zone for the SIP domain, and the Edge's records in it. */
export class UnifiedCommunications extends pulumi.ComponentResource {
    readonly zoneId: pulumi.Output<string>;
    readonly certificateSubjectNames: pulumi.Output<string[]>;

    constructor(name: string, args: UnifiedCommunicationsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:uc:UnifiedCommunications", name, {}, opts);
        const zone = new Zone(`${name}-zone`, { name: args.domain }, { parent: this });
        const edgeDns = new LyncEdgeDns(`${name}-edge`, {
            sipDomains: [
                { name: args.domain, mobility: true, xmpp: true },
            ],
            edge: {
                accessEdgeIps: args.edgeIps,
                reverseProxy: { ips: ["131.107.155.40"], hosts: [`meet.${args.domain}`] },
            },
            dns: { provider: "route53", hostedZoneIds: { [args.domain]: zone.zoneId } },
        }, { parent: this });
        this.zoneId = zone.zoneId;
        this.certificateSubjectNames = edgeDns.certificateSubjectNames;
        this.registerOutputs({ zoneId: this.zoneId, certificateSubjectNames: this.certificateSubjectNames });
    }
}

const dnsAccount = new Provider("dns-account", { region: "us-east-1" });

const uc = new UnifiedCommunications("contoso", {
    domain: "contoso.com",
    edgeIps: ["131.107.155.10", "131.107.155.11"],
}, { providers: [dnsAccount] });

export const certificateSubjectNames = uc.certificateSubjectNames;
