/**
 * The Pulumi program: one LyncEdgeDns component from the stack's config.
 *
 *   lync-edge-dns:dns          { provider: route53 | azure, hostedZoneIds?, resourceGroupName?, zoneResourceGroups? }
 *   lync-edge-dns:deployment   the Edge deployment (see the README's configuration reference)
 *
 * Run for real with `pulumi up`; offline, under the SDK's mock engine, with `npm start`.
 */
import * as pulumi from "@pulumi/pulumi";
import { LyncEdgeDns, type DnsTarget, type EdgeDnsConfig } from "./components";
import { STACK_CONFIG_KEYS, toComponentArgs } from "./components/core/config/from-file";

const config = new pulumi.Config();
const deployment = config.requireObject<EdgeDnsConfig>(STACK_CONFIG_KEYS.deployment);
const dns = config.requireObject<DnsTarget>(STACK_CONFIG_KEYS.dns);

const edgeDns = new LyncEdgeDns("edge", toComponentArgs(deployment, dns));

/** The record sets per zone. */
export const records = edgeDns.records;
/** The federation SRV records, as the DNS service names them. */
export const federationSrvFqdns = edgeDns.federationSrvFqdns;
/** Subject alternative names the Edge's external certificate must carry. */
export const certificateSubjectNames = edgeDns.certificateSubjectNames;
