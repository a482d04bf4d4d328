/**
 * The Pulumi program: one LyncEdgeDns component from the stack's config.
 *
 *   lync-edge-dns:dns          { provider: route53 | azure, hostedZoneIds?, resourceGroupName?, zoneResourceGroups? }
 *   lync-edge-dns:deployment   the Edge deployment (see the README's configuration reference)
 *
 * Run for real with `pulumi up`; offline, under the SDK's mock engine, with `npm start`.
 */
import * as pulumi from "@pulumi/pulumi";
import { argsFromStackConfig, LyncEdgeDns } from "./components";

// Read as `lync-edge-dns plan` reads the stack file, so that both refuse the same stacks in the same words:
// a key of this project the program does not read is a typo, not something to ignore; a missing
// deployment is said in this package's words, with its path; a value is JSON text or the value
// itself; a missing DNS target is the component's to report.
const edgeDns = new LyncEdgeDns("edge", argsFromStackConfig(pulumi.runtime.allConfig(), pulumi.getProject()));

/** The record sets per zone. */
export const records = edgeDns.records;
/** The federation SRV records, as the DNS service names them. */
export const federationSrvFqdns = edgeDns.federationSrvFqdns;
/** Subject alternative names the Edge's external certificate must carry. */
export const certificateSubjectNames = edgeDns.certificateSubjectNames;
