/**
 * The deployment description: what a user writes, in a stack file, a config
 * file or the component's arguments.
 *
 * These interfaces are the documented public shape. Every nested object is a
 * named interface and every choice an `as const` enum so that Pulumi's
 * component analyzer can turn them into a schema for other languages. The
 * runtime schema in `schema.ts` is checked against them by the compiler.
 */

/**
 * The Lync / Skype for Business Server release the Edge runs.
 * Skype for Business Server 2019 has no XMPP gateway, so XMPP records are
 * refused for it.
 */
export const ServerVersion = {
    /** Lync Server 2013. */
    Lync2013: "2013",
    /** Skype for Business Server 2015. */
    SkypeForBusiness2015: "2015",
    /** Skype for Business Server 2019 (no XMPP gateway). */
    SkypeForBusiness2019: "2019",
} as const;
/** The Lync / Skype for Business Server release the Edge runs. */
export type ServerVersion = (typeof ServerVersion)[keyof typeof ServerVersion];

/** One SIP domain and which of the Edge's services it publishes. */
export interface SipDomain {
    /**
     * The SIP domain, e.g. `contoso.com`. Internationalized names are
     * converted to punycode; case and one trailing dot are ignored.
     */
    name: string;
    /**
     * The DNS zone (Route 53 hosted zone or Azure DNS zone) that holds this
     * domain's records. A subdomain such as `eu.contoso.com` may live in its
     * parent zone `contoso.com`.
     * @default the domain name itself
     */
    zone?: string;
    /**
     * Publish `_sipfederationtls._tcp.<domain>` so that any federated
     * organisation can discover this domain ("open" federation).
     * @default true
     * @see Microsoft, "DNS summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013"
     */
    federationDiscovery?: boolean;
    /**
     * The domain has Lync Mobile users. The push notification clearing house
     * reaches the domain only through `_sipfederationtls._tcp.<domain>`, so the
     * record is published even when `federationDiscovery` is false; also
     * publishes `lyncdiscover.<domain>` when a reverse proxy is given.
     * @default false
     */
    mobility?: boolean;
    /**
     * Publish XMPP federation: `_xmpp-server._tcp.<domain>` (port 5269) and
     * the `xmpp.<domain>` host. Not available with Skype for Business Server 2019.
     * @default false
     */
    xmpp?: boolean;
    /**
     * Publish external user access and public IM connectivity:
     * `_sip._tls.<domain>` (port 443) to the Access Edge.
     * @default true
     */
    externalAccess?: boolean;
}

/** An Edge service with its own FQDN: Web Conferencing or A/V. */
export interface EdgeRole {
    /** The service's external FQDN, e.g. `webcon.contoso.com`; one per Edge pool. */
    fqdn: string;
    /** Its public IPv4 and/or IPv6 addresses, one per pool member. */
    ips: string[];
}

/** The reverse proxy that publishes the Front End's external web services. */
export interface ReverseProxy {
    /** Its public IPv4 and/or IPv6 addresses. */
    ips: string[];
    /**
     * Simple URLs and external web services FQDNs that resolve to the reverse
     * proxy, e.g. `meet.contoso.com`, `dialin.contoso.com`, `webext.contoso.com`.
     * @default none
     */
    hosts?: string[];
}

/** The Edge pool's external endpoints. */
export interface EdgeEndpoints {
    /**
     * Public IPv4 and/or IPv6 addresses of the Access Edge external interface,
     * one per pool member (DNS load balancing: one A/AAAA value per member; a
     * pool holds up to 12 Edge Servers).
     */
    accessEdgeIps: string[];
    /**
     * The Web Conferencing Edge external FQDN and addresses.
     * @default not published
     */
    webConferencing?: EdgeRole;
    /**
     * The A/V Edge external FQDN and addresses.
     * @default not published
     */
    av?: EdgeRole;
    /**
     * The reverse proxy; needed for `lyncdiscover.<domain>` (mobility) and
     * for simple URLs.
     * @default not published
     */
    reverseProxy?: ReverseProxy;
}

/** Host labels used under every SIP domain. */
export interface Hostnames {
    /**
     * Label of the Access Edge host under each SIP domain (`sip.<domain>`),
     * the target of the SIP SRV records.
     * @default "sip"
     */
    accessEdge?: string;
    /**
     * Label of the XMPP proxy host under each SIP domain (`xmpp.<domain>`),
     * the target of `_xmpp-server._tcp`.
     * @default "xmpp"
     */
    xmpp?: string;
}

/** Priority and weight of every SRV record (RFC 2782). */
export interface SrvSettings {
    /**
     * SRV priority, 0 to 65535; lowest is tried first.
     * @default 0 (Microsoft's on-premises examples)
     */
    priority?: number;
    /**
     * SRV weight, 0 to 65535; 0 when there is no choice to make.
     * @default 0 (Microsoft's on-premises examples)
     */
    weight?: number;
}

/** Deployment settings shared by config files and the component. */
export interface EdgeDnsSettings {
    /** The Edge pool's external endpoints. */
    edge: EdgeEndpoints;
    /**
     * Host labels under each SIP domain.
     * @default { accessEdge: "sip", xmpp: "xmpp" }
     */
    hostnames?: Hostnames;
    /**
     * TTL of every record set, in seconds, 1 to 2147483647 (RFC 2181; Azure
     * DNS refuses 0).
     * @default 3600
     */
    ttl?: number;
    /**
     * Priority and weight of the SRV records.
     * @default { priority: 0, weight: 0 }
     */
    srv?: SrvSettings;
    /**
     * The server release: "2013", "2015" or "2019".
     * @default "2015"
     */
    serverVersion?: ServerVersion;
    /**
     * Allow private, loopback, link-local, CGNAT, multicast, unspecified and
     * unique-local addresses (labs, split-brain internal DNS). Documentation
     * ranges are always allowed, with a warning.
     * @default false
     */
    allowPrivateAddresses?: boolean;
}

/**
 * A whole deployment as written in a config or stack file. A SIP domain may
 * be given as a bare name, meaning all defaults.
 */
export interface EdgeDnsConfig extends EdgeDnsSettings {
    /** The SIP domains, at least one: a name (all defaults) or a `SipDomain`. */
    sipDomains: (string | SipDomain)[];
}
