/**
 * The Pulumi program: one LyncEdgeDns component from the stack's config.
 *
 *   lync-edge-dns:dns          { provider: route53 | azure, hostedZoneIds?, resourceGroupName?, zoneResourceGroups? }
 *   lync-edge-dns:deployment   the Edge deployment (see the README's configuration reference)
 *
 * Run for real with `pulumi up`; offline, under the SDK's mock engine, with `npm start`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, LyncEdgeDns, type DnsTarget, type EdgeDnsConfig } from "./components";
import { fromPulumiString, stackKeyProblems, STACK_CONFIG_KEYS, toComponentArgs } from "./components/core/config/from-file";

// Read as `lync-edge-dns plan` reads the stack file, so that both refuse the same stacks in the same words:
// a key of this project the program does not read is a typo, not something to ignore; a missing
// deployment is said in this package's words, with its path; a value is JSON text or the value
// itself; a missing DNS target is the component's to report.
const problems = stackKeyProblems(Object.keys(pulumi.runtime.allConfig()), pulumi.getProject());
if (problems.length > 0) throw new ConfigError(problems);
const config = new pulumi.Config();
const deployment = fromPulumiString(config.require(STACK_CONFIG_KEYS.deployment)) as EdgeDnsConfig;
const dns = fromPulumiString(config.get(STACK_CONFIG_KEYS.dns)) as DnsTarget;

const edgeDns = new LyncEdgeDns("edge", toComponentArgs(deployment, dns));

/** The record sets per zone. */
export const records = edgeDns.records;
/** The federation SRV records, as the DNS service names them. */
export const federationSrvFqdns = edgeDns.federationSrvFqdns;
/** Subject alternative names the Edge's external certificate must carry. */
export const certificateSubjectNames = edgeDns.certificateSubjectNames;
