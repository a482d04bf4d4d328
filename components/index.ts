/**
 * lync-edge-dns: the external DNS records of a Lync Server 2013 / Skype for
 * Business Server Edge deployment, planned from a short description and
 * published to AWS Route 53 or Azure DNS by a Pulumi component.
 *
 * This entry loads the Pulumi SDK (for the component). Everything else is
 * also available from `lync-edge-dns/core`, which loads no Pulumi module.
 */
export { LyncEdgeDns } from "./component/component";
export * from "./core";
