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
 * Skype for Business Server 2019 and Subscription Edition have no XMPP
 * gateway, so XMPP records are refused for them.
 */
export const ServerVersion = {
    /** Lync Server 2013. */
    Lync2013: "2013",
    /** Skype for Business Server 2015. */
    SkypeForBusiness2015: "2015",
    /** Skype for Business Server 2019 (no XMPP gateway). */
    SkypeForBusiness2019: "2019",
    /** Skype for Business Server Subscription Edition (2025; a 2019 code line, no XMPP gateway). */
    SubscriptionEdition: "SE",
} as const;
/** The Lync / Skype for Business Server release the Edge runs. */
export type ServerVersion = (typeof ServerVersion)[keyof typeof ServerVersion];

/**
 * Where a SIP domain's users are (Microsoft, "Plan hybrid connectivity" and
 * "Update DNS entries to enable your organization to be all Teams Only").
 */
export const Hosting = {
    /** Every user on the on-premises servers: the Edge's records. */
    OnPremises: "onPremises",
    /**
     * Shared with Microsoft 365 while users remain on premises: every
     * external record points on premises, and the federation SRV is always
     * published ("for all supported SIP domains").
     */
    Hybrid: "hybrid",
    /** Teams Only / Skype for Business Online: the domain's records point to Microsoft 365, none on premises. */
    Online: "online",
} as const;
/** Where a SIP domain's users are. */
export type Hosting = (typeof Hosting)[keyof typeof Hosting];

/** The Microsoft 365 cloud of the tenant (its Skype for Business Online / Teams endpoints). */
export const Microsoft365Cloud = {
    /** Worldwide: `*.online.lync.com`. */
    Worldwide: "worldwide",
    /** GCC High: `*.online.gov.skypeforbusiness.us`. */
    GccHigh: "gccHigh",
    /** DoD: `*.online.dod.skypeforbusiness.us`. */
    Dod: "dod",
    /** Operated by 21Vianet (China): `*.online.partner.lync.cn`. */
    China: "china",
} as const;
/** The Microsoft 365 cloud of the tenant. */
export type Microsoft365Cloud = (typeof Microsoft365Cloud)[keyof typeof Microsoft365Cloud];

/** The Microsoft 365 tenant that `online` domains point to. */
export interface Microsoft365 {
    /**
     * The tenant's cloud, which names the targets of the online records.
     * @default "worldwide"
     */
    cloud?: Microsoft365Cloud;
    /**
     * Also publish the legacy Skype for Business Online records for each
     * `online` domain: `_sip._tls` SRV (100 1 443 sipdir), `sip` CNAME sipdir
     * and `lyncdiscover` CNAME webdir. Teams Only needs only the federation
     * SRV; if the legacy ones exist they must hold exactly these values.
     * @default false
     */
    legacyClientRecords?: boolean;
}

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
     * Publish external user access: `_sip._tls.<domain>` to the Access Edge
     * (port 443, or `edge.accessEdgeClientPort`) and, with a reverse proxy,
     * `lyncdiscover.<domain>` for client autodiscover. (Public IM
     * connectivity rides on the federation SRV and port 5061.)
     * @default true
     */
    externalAccess?: boolean;
    /**
     * Where the domain's users are: "onPremises", "hybrid" (shared with
     * Microsoft 365, users on premises: federation SRV always) or "online"
     * (Teams Only: records point to Microsoft 365 only).
     * @default "onPremises"
     */
    hosting?: Hosting;
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
     * The reverse proxy; needed for `lyncdiscover.<domain>` (client and
     * mobile autodiscover) and for simple URLs.
     * @default not published
     */
    reverseProxy?: ReverseProxy;
    /**
     * The port `_sip._tls.<domain>` points to: the Access Edge's external
     * client port. 443 unless one IP serves all three Edge services
     * ("possible, though not recommended"), where the Access Edge may listen
     * on another port.
     * @default 443
     */
    accessEdgeClientPort?: number;
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
    /**
     * The Edge pool's external endpoints. Required when any SIP domain is
     * hosted on premises or hybrid.
     * @default none (every domain online)
     */
    edge?: EdgeEndpoints;
    /**
     * The Microsoft 365 tenant that `online` domains point to.
     * @default { cloud: "worldwide", legacyClientRecords: false }
     */
    microsoft365?: Microsoft365;
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
     * The server release: "2013", "2015", "2019" or "SE" (Subscription Edition).
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
