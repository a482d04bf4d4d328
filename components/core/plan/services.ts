/**
 * The Edge's SRV services: owner-name prefixes (`_Service._Proto`, RFC 2782)
 * and ports. In a module of their own so that the validator (which checks
 * the names they make) and the planner (which writes them) share one source.
 */

/** The IANA ports of the SRV records (RFC 5922 sips, RFC 6120 xmpp-server; 443 for Lync external access). */
export const SRV_PORTS = {
    sipFederation: 5061,
    sipExternal: 443,
    xmppServer: 5269,
} as const;

/** The SRV owner-name prefixes: `_Service._Proto` (RFC 2782). */
export const SRV_SERVICES = {
    sipFederation: "_sipfederationtls._tcp",
    sipExternal: "_sip._tls",
    xmppServer: "_xmpp-server._tcp",
} as const;

/** The mobility autodiscover host label under each SIP domain. */
export const AUTODISCOVER_LABEL = "lyncdiscover";
