/**
 * The catalogue of Edge record kinds: what a SIP domain publishes, as data.
 * The planner is a loop over it; the validator (name lengths), the rules
 * (services, ports, same-domain targets), the certificate names, `diffPlans`
 * and the CLI read the same entries. Adding a kind of record is adding an
 * entry here.
 *
 * Per SIP domain d (Microsoft, "DNS summary - SIP, XMPP federation, and
 * public instant messaging in Lync Server 2013" and "Edge Server
 * environmental requirements"):
 *
 * | kind              | name                        | type   | value                | when                              |
 * |-------------------|-----------------------------|--------|----------------------|-----------------------------------|
 * | sipFederation     | `_sipfederationtls._tcp.d`  | SRV    | `P W 5061 sip.d.`    | federationDiscovery, or mobility  |
 * | sipExternal       | `_sip._tls.d`               | SRV    | `P W 443 sip.d.`     | externalAccess                    |
 * | xmppServer        | `_xmpp-server._tcp.d`       | SRV    | `P W 5269 xmpp.d.`   | xmpp                              |
 * | accessEdgeHost    | `sip.d`                     | A/AAAA | Access Edge IPs      | an SRV above points to it         |
 * | xmppHost          | `xmpp.d`                    | A/AAAA | Access Edge IPs      | an SRV above points to it         |
 * | autodiscover      | `lyncdiscover.d`            | A/AAAA | reverse proxy IPs    | mobility and a reverse proxy      |
 *
 * and once per deployment: the Web Conferencing and A/V Edge FQDNs and each
 * reverse proxy host (`DEPLOYMENT_HOST_KINDS`).
 *
 * Two rules are built into the shape: an SRV kind names the host kind it
 * points to, and that host is published whenever the SRV is (RFC 2782: the
 * target must have address records and must not be an alias); the target
 * lies in the SRV's own SIP domain (Microsoft's same-domain rule).
 */

/** Why a record set exists: the Edge service chain it belongs to. */
export const RecordRole = {
    SipFederation: "SIP federation discovery",
    PushNotifications: "mobility push notifications",
    ExternalAccess: "external access and public IM connectivity",
    AccessEdgeHost: "Access Edge host (SRV target)",
    XmppFederation: "XMPP federation",
    XmppHost: "XMPP proxy host (SRV target)",
    MobilityAutodiscover: "mobility autodiscover (reverse proxy)",
    WebConferencing: "Web Conferencing Edge",
    AudioVideo: "A/V Edge",
    ReverseProxyHost: "simple URL / external web services (reverse proxy)",
} as const;
export type RecordRole = (typeof RecordRole)[keyof typeof RecordRole];

/** The catalogue's per-domain kinds, by id. */
export type DomainKindId = "sipFederation" | "sipExternal" | "xmppServer" | "accessEdgeHost" | "xmppHost" | "autodiscover";
/** The catalogue's once-per-deployment host kinds, by id. */
export type DeploymentKindId = "webConferencing" | "av" | "reverseProxyHost";
/** Any kind of the catalogue. */
export type KindId = DomainKindId | DeploymentKindId;

/** What the catalogue needs to know of a SIP domain. */
export interface DomainFlags {
    federationDiscovery: boolean;
    mobility: boolean;
    xmpp: boolean;
    externalAccess: boolean;
}

/** What the catalogue needs to know of the deployment. */
export interface DeploymentFacts {
    /** Host labels under each domain. */
    labels: { accessEdge: string; xmpp: string };
    /** A reverse proxy is given. */
    hasReverseProxy: boolean;
}

/** A role a kind plays, and when the domain asks for it. */
export interface RoleWhen {
    role: RecordRole;
    when: (d: DomainFlags, deployment: DeploymentFacts) => boolean;
}

/** Which address pool a host kind publishes. */
export type AddressPool = "accessEdge" | "reverseProxy";

/** An SRV record kind under a SIP domain. */
export interface SrvKind {
    id: DomainKindId;
    type: "SRV";
    /** `_Service._Proto` (RFC 2782), the owner name's prefix before the domain. */
    service: string;
    /** The port the Edge listens on for this service. */
    port: number;
    /** The host kind it points to (same domain). */
    target: DomainKindId;
    /** Published when any of these roles applies. */
    roles: readonly RoleWhen[];
    /** What the service is for, in rule messages. */
    purpose: string;
    /** Microsoft's same-domain rule: the target must lie inside the SRV's SIP domain. */
    targetInDomain: true;
}

/** An address (A/AAAA) host kind under a SIP domain. */
export interface HostKind {
    id: DomainKindId;
    type: "address";
    /** The host's label under the domain. */
    label: (deployment: DeploymentFacts) => string;
    /** Whose addresses it holds. */
    addresses: AddressPool;
    /**
     * Published when any of these roles applies; a host without roles of its
     * own is published exactly when an SRV kind points to it.
     */
    roles: readonly RoleWhen[];
    /** The role it plays as an SRV target. */
    targetRole?: RecordRole;
    /** The name goes on the Edge's external certificate (subject alternative names). */
    certificate: boolean;
}

/** A kind under each SIP domain. */
export type DomainKind = SrvKind | HostKind;

/** The per-domain kinds, in the order the planner walks them. */
export const DOMAIN_KINDS: readonly DomainKind[] = [
    {
        id: "sipFederation", type: "SRV", service: "_sipfederationtls._tcp", port: 5061, target: "accessEdgeHost",
        purpose: "SIP federation (and mobility push notifications)", targetInDomain: true,
        roles: [
            { role: RecordRole.SipFederation, when: (d) => d.federationDiscovery },
            // Mobility needs the federation SRV as much as discovery does: the push
            // notification clearing house finds the domain only through it.
            { role: RecordRole.PushNotifications, when: (d) => d.mobility },
        ],
    },
    {
        id: "sipExternal", type: "SRV", service: "_sip._tls", port: 443, target: "accessEdgeHost",
        purpose: "external access and public IM connectivity", targetInDomain: true,
        roles: [{ role: RecordRole.ExternalAccess, when: (d) => d.externalAccess }],
    },
    {
        id: "xmppServer", type: "SRV", service: "_xmpp-server._tcp", port: 5269, target: "xmppHost",
        purpose: "XMPP federation", targetInDomain: true,
        roles: [{ role: RecordRole.XmppFederation, when: (d) => d.xmpp }],
    },
    {
        id: "accessEdgeHost", type: "address", label: (x) => x.labels.accessEdge, addresses: "accessEdge",
        roles: [], targetRole: RecordRole.AccessEdgeHost, certificate: true,
    },
    {
        id: "xmppHost", type: "address", label: (x) => x.labels.xmpp, addresses: "accessEdge",
        roles: [], targetRole: RecordRole.XmppHost, certificate: true,
    },
    {
        id: "autodiscover", type: "address", label: () => AUTODISCOVER_LABEL, addresses: "reverseProxy",
        roles: [{ role: RecordRole.MobilityAutodiscover, when: (d, x) => d.mobility && x.hasReverseProxy }],
        certificate: false,
    },
];

/** The mobility autodiscover host label under each SIP domain. */
export const AUTODISCOVER_LABEL = "lyncdiscover";

/** A host published once per deployment, from a config field. */
export interface DeploymentHostKind {
    id: DeploymentKindId;
    role: RecordRole;
    /** The name goes on the Edge's external certificate. */
    certificate: boolean;
}

/** The once-per-deployment hosts. */
export const DEPLOYMENT_HOST_KINDS: Readonly<Record<DeploymentKindId, DeploymentHostKind>> = {
    // The Edge certificate carries the Web Conferencing FQDN; the A/V Edge
    // uses its own (internal) certificate, and reverse-proxy names are on the
    // reverse proxy's certificate, not the Edge's.
    webConferencing: { id: "webConferencing", role: RecordRole.WebConferencing, certificate: true },
    av: { id: "av", role: RecordRole.AudioVideo, certificate: false },
    reverseProxyHost: { id: "reverseProxyHost", role: RecordRole.ReverseProxyHost, certificate: false },
};

/** The SRV kinds. */
export const SRV_KINDS: readonly SrvKind[] = DOMAIN_KINDS.filter((k): k is SrvKind => k.type === "SRV");

function kindById(id: DomainKindId): DomainKind {
    const kind = DOMAIN_KINDS.find((k) => k.id === id);
    if (!kind) throw new Error(`internal: no record kind ${id}`);
    return kind;
}

/** The federation SRV kind: the one every mobility domain needs exactly once. */
export const FEDERATION_SRV: SrvKind = kindById("sipFederation") as SrvKind;

/** A kind a domain publishes, with its owner name and the roles that ask for it. */
export interface DomainRecord {
    kind: DomainKind;
    /** Absolute owner name. */
    name: string;
    roles: RecordRole[];
}

/** The owner name of a kind under domain `domain`. */
export function ownerName(kind: DomainKind, domain: string, deployment: DeploymentFacts): string {
    return `${kind.type === "SRV" ? kind.service : kind.label(deployment)}.${domain}`;
}

/**
 * What one SIP domain publishes: every kind whose roles apply, and every
 * host an applying SRV points to. Pure; the planner, the validator and the
 * rules all take the list from here.
 */
export function domainRecords(domain: string, d: DomainFlags, deployment: DeploymentFacts): DomainRecord[] {
    const roles = new Map<DomainKindId, RecordRole[]>();
    const add = (id: DomainKindId, role: RecordRole): void => {
        const list = roles.get(id);
        if (!list) roles.set(id, [role]);
        else if (!list.includes(role)) list.push(role);
    };
    for (const kind of DOMAIN_KINDS) {
        for (const { role, when } of kind.roles) {
            if (!when(d, deployment)) continue;
            add(kind.id, role);
            if (kind.type === "SRV") {
                const target = kindById(kind.target);
                if (target.type === "address" && target.targetRole) add(target.id, target.targetRole);
            }
        }
    }
    return DOMAIN_KINDS.filter((k) => roles.has(k.id))
        .map((kind) => ({ kind, name: ownerName(kind, domain, deployment), roles: roles.get(kind.id) ?? [] }));
}

/** True for a kind whose name belongs on the Edge's external certificate. */
export function onCertificate(kind: KindId): boolean {
    if (kind in DEPLOYMENT_HOST_KINDS) return DEPLOYMENT_HOST_KINDS[kind as DeploymentKindId].certificate;
    const domainKind = kindById(kind as DomainKindId);
    return domainKind.type === "address" && domainKind.certificate;
}
