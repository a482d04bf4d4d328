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
 * | kind               | name                        | type   | value                     | when                                        |
 * |--------------------|-----------------------------|--------|---------------------------|---------------------------------------------|
 * | sipFederation      | `_sipfederationtls._tcp.d`  | SRV    | `P W 5061 sip.d.`         | federationDiscovery, mobility, or hybrid    |
 * | sipExternal        | `_sip._tls.d`               | SRV    | `P W 443 sip.d.` (1)      | externalAccess                              |
 * | xmppServer         | `_xmpp-server._tcp.d`       | SRV    | `P W 5269 xmpp.d.`        | xmpp                                        |
 * | accessEdgeHost     | `sip.d`                     | A/AAAA | Access Edge IPs           | an SRV above points to it                   |
 * | xmppHost           | `xmpp.d`                    | A/AAAA | Access Edge IPs           | an SRV above points to it                   |
 * | autodiscover       | `lyncdiscover.d`            | A/AAAA | reverse proxy IPs         | externalAccess or mobility, a reverse proxy |
 * | onlineFederation   | `_sipfederationtls._tcp.d`  | SRV    | `100 1 5061 sipfed.<M>.`  | online                                      |
 * | onlineSipExternal  | `_sip._tls.d`               | SRV    | `100 1 443 sipdir.<M>.`   | online, legacy client records               |
 * | onlineSipHost      | `sip.d`                     | CNAME  | `sipdir.<M>.`             | online, legacy client records               |
 * | onlineAutodiscover | `lyncdiscover.d`            | CNAME  | `webdir.<M>.`             | online, legacy client records               |
 *
 * The first six are for domains hosted on premises or hybrid; the last four
 * for `online` (Teams Only) domains, pointing to Microsoft 365 (`<M>`: the
 * tenant's cloud, `MICROSOFT_365_SUFFIXES`; Microsoft, "Update DNS entries
 * to enable your organization to be all Teams Only" and "External Domain
 * Name System records for Microsoft 365"). (1) 443 or
 * `edge.accessEdgeClientPort`. `lyncdiscover` is required for every domain
 * with external users, not only mobile ones ("DNS requirements for Skype
 * for Business Server 2015": Required: Y; desktop clients query it).
 *
 * and once per deployment: the Web Conferencing and A/V Edge FQDNs and each
 * reverse proxy host (`DEPLOYMENT_HOST_KINDS`).
 *
 * Two rules are built into the shape: an on-premises SRV kind names the host
 * kind it points to, and that host is published whenever the SRV is (RFC
 * 2782: the target must have address records and must not be an alias); the
 * target lies in the SRV's own SIP domain (Microsoft's same-domain rule).
 * An online kind points to Microsoft 365 instead, and never to a name of
 * our own.
 */
import type { Hosting, Microsoft365Cloud } from "../config/types";

/** Why a record set exists: the Edge service chain it belongs to. */
export const RecordRole = {
    // Public IM connectivity rides on the federation SRV and port 5061, not
    // on _sip._tls (Edge Server environmental requirements, port table).
    SipFederation: "SIP federation discovery and public IM connectivity",
    PushNotifications: "mobility push notifications",
    HybridFederation: "hybrid with Microsoft 365 (every SIP domain)",
    ExternalAccess: "external access (remote sign-in)",
    AccessEdgeHost: "Access Edge host (SRV target)",
    XmppFederation: "XMPP federation",
    XmppHost: "XMPP proxy host (SRV target)",
    ClientAutodiscover: "client autodiscover (reverse proxy)",
    MobilityAutodiscover: "mobility autodiscover (reverse proxy)",
    WebConferencing: "Web Conferencing Edge",
    AudioVideo: "A/V Edge",
    ReverseProxyHost: "simple URL / external web services (reverse proxy)",
    OnlineFederation: "federation and public IM in Microsoft 365 (Teams Only)",
    OnlineSignIn: "legacy Skype for Business Online sign-in (Microsoft 365)",
    OnlineAutodiscover: "legacy Skype for Business Online autodiscover (Microsoft 365)",
} as const;
export type RecordRole = (typeof RecordRole)[keyof typeof RecordRole];

/** The catalogue's per-domain kinds, by id. */
export type DomainKindId =
    | "sipFederation" | "sipExternal" | "xmppServer" | "accessEdgeHost" | "xmppHost" | "autodiscover"
    | "onlineFederation" | "onlineSipExternal" | "onlineSipHost" | "onlineAutodiscover";
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
    hosting: Hosting;
}

/** What the catalogue needs to know of the deployment. */
export interface DeploymentFacts {
    /** Host labels under each domain. */
    labels: { accessEdge: string; xmpp: string };
    /** A reverse proxy is given. */
    hasReverseProxy: boolean;
    /** The Microsoft 365 tenant `online` domains point to. */
    microsoft365: { cloud: Microsoft365Cloud; legacyClientRecords: boolean };
}

/**
 * The Skype for Business Online / Teams endpoints' DNS suffix per cloud
 * (Microsoft, "DNS records for Office 365 GCC High" and "... DoD", "Create
 * DNS records at any DNS hosting provider" for 21Vianet).
 */
export const MICROSOFT_365_SUFFIXES: Readonly<Record<Microsoft365Cloud, string>> = {
    worldwide: "online.lync.com",
    gccHigh: "online.gov.skypeforbusiness.us",
    dod: "online.dod.skypeforbusiness.us",
    china: "online.partner.lync.cn",
};

/** Microsoft 365's hosts the online records point to: federation, sign-in, autodiscover. */
export type Microsoft365Host = "sipfed" | "sipdir" | "webdir";

/** The absolute name of a Microsoft 365 host in a cloud, e.g. `sipfed.online.lync.com`. */
export function microsoft365Target(host: Microsoft365Host, cloud: Microsoft365Cloud): string {
    return `${host}.${MICROSOFT_365_SUFFIXES[cloud]}`;
}

/** Every Microsoft 365 host of every cloud: targets the rules recognise as Microsoft's. */
export const MICROSOFT_365_HOSTS: ReadonlySet<string> = new Set(Object.values(MICROSOFT_365_SUFFIXES)
    .flatMap((suffix) => (["sipfed", "sipdir", "webdir"] as const).map((host) => `${host}.${suffix}`)));

/** SRV priority and weight of the online records: Microsoft's table gives 100 and 1. */
export const MICROSOFT_365_SRV = { priority: 100, weight: 1 } as const;

/** A role a kind plays, and when the domain asks for it. */
export interface RoleWhen {
    role: RecordRole;
    when: (d: DomainFlags, deployment: DeploymentFacts) => boolean;
}

/** Which address pool a host kind publishes. */
export type AddressPool = "accessEdge" | "reverseProxy";

/** Where a record points: a host kind of the same domain, or a Microsoft 365 host. */
export type KindTarget = { host: DomainKindId } | { microsoft365: Microsoft365Host };

/** An SRV record kind under a SIP domain. */
export interface SrvKind {
    id: DomainKindId;
    type: "SRV";
    /** `_Service._Proto` (RFC 2782), the owner name's prefix before the domain. */
    service: string;
    /** The port the service listens on. */
    port: number;
    /** The config setting that may change the port (the single-IP Edge's client port). */
    portSetting?: "accessEdgeClientPort";
    /** What it points to. */
    target: KindTarget;
    /** Published when any of these roles applies. */
    roles: readonly RoleWhen[];
    /** What the service is for, in rule messages. */
    purpose: string;
}

/** A CNAME kind under a SIP domain: an alias to a Microsoft 365 host. */
export interface CnameKind {
    id: DomainKindId;
    type: "CNAME";
    /** The alias's label under the domain: Microsoft's, whatever the deployment. */
    label: () => string;
    /** The Microsoft 365 host it is an alias for. */
    target: { microsoft365: Microsoft365Host };
    /** Published when any of these roles applies. */
    roles: readonly RoleWhen[];
    /**
     * The address kind that holds the same name on premises: moving a domain
     * between hosting on premises and online swaps one for the other.
     */
    replaces: DomainKindId;
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
export type DomainKind = SrvKind | HostKind | CnameKind;

const onPremises = (d: DomainFlags): boolean => d.hosting !== "online";
const online = (d: DomainFlags): boolean => d.hosting === "online";
const legacyOnline = (d: DomainFlags, x: DeploymentFacts): boolean => online(d) && x.microsoft365.legacyClientRecords;

/** The per-domain kinds, in the order the planner walks them. */
export const DOMAIN_KINDS: readonly DomainKind[] = [
    {
        id: "sipFederation", type: "SRV", service: "_sipfederationtls._tcp", port: 5061, target: { host: "accessEdgeHost" },
        purpose: "SIP federation (and mobility push notifications)",
        roles: [
            { role: RecordRole.SipFederation, when: (d) => onPremises(d) && d.federationDiscovery },
            // Hybrid: "DNS SRV record for _sipfederationtls._tcp.<sipdomain.com>
            // for all supported SIP domains resolving to Access Edge external
            // IP(s)" (Configure hybrid connectivity), discovery or not.
            { role: RecordRole.HybridFederation, when: (d) => d.hosting === "hybrid" },
            // Mobility needs the federation SRV as much as discovery does: the push
            // notification clearing house finds the domain only through it.
            { role: RecordRole.PushNotifications, when: (d) => onPremises(d) && d.mobility },
        ],
    },
    {
        id: "sipExternal", type: "SRV", service: "_sip._tls", port: 443, portSetting: "accessEdgeClientPort", target: { host: "accessEdgeHost" },
        purpose: "external access",
        roles: [{ role: RecordRole.ExternalAccess, when: (d) => onPremises(d) && d.externalAccess }],
    },
    {
        id: "xmppServer", type: "SRV", service: "_xmpp-server._tcp", port: 5269, target: { host: "xmppHost" },
        purpose: "XMPP federation",
        roles: [{ role: RecordRole.XmppFederation, when: (d) => onPremises(d) && d.xmpp }],
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
        roles: [
            { role: RecordRole.ClientAutodiscover, when: (d, x) => onPremises(d) && d.externalAccess && x.hasReverseProxy },
            { role: RecordRole.MobilityAutodiscover, when: (d, x) => onPremises(d) && d.mobility && x.hasReverseProxy },
        ],
        certificate: false,
    },
    {
        id: "onlineFederation", type: "SRV", service: "_sipfederationtls._tcp", port: 5061, target: { microsoft365: "sipfed" },
        purpose: "SIP federation in Microsoft 365",
        roles: [{ role: RecordRole.OnlineFederation, when: online }],
    },
    {
        id: "onlineSipExternal", type: "SRV", service: "_sip._tls", port: 443, target: { microsoft365: "sipdir" },
        purpose: "Skype for Business Online sign-in",
        roles: [{ role: RecordRole.OnlineSignIn, when: legacyOnline }],
    },
    {
        // Microsoft's record is sip.<d> whatever the on-premises label was.
        id: "onlineSipHost", type: "CNAME", label: () => "sip", target: { microsoft365: "sipdir" }, replaces: "accessEdgeHost",
        roles: [{ role: RecordRole.OnlineSignIn, when: legacyOnline }],
    },
    {
        id: "onlineAutodiscover", type: "CNAME", label: () => AUTODISCOVER_LABEL, target: { microsoft365: "webdir" }, replaces: "autodiscover",
        roles: [{ role: RecordRole.OnlineAutodiscover, when: legacyOnline }],
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

/**
 * The Microsoft 365 host an online domain's SRV of `service` points to
 * (`_sipfederationtls._tcp` to `sipfed`, `_sip._tls` to `sipdir`), from the
 * online SRV kinds; undefined for a service Microsoft 365 does not publish
 * (`_xmpp-server._tcp`).
 */
export function microsoft365HostOf(service: string): Microsoft365Host | undefined {
    for (const kind of SRV_KINDS) if (kind.service === service && "microsoft365" in kind.target) return kind.target.microsoft365;
    return undefined;
}

/** The federation SRV kind: the one every mobility domain needs exactly once. */
export const FEDERATION_SRV: SrvKind = kindById("sipFederation") as SrvKind;

/** The CNAME kinds: each may take the name of an address kind when a domain moves online. */
export const CNAME_KINDS: readonly CnameKind[] = DOMAIN_KINDS.filter((k): k is CnameKind => k.type === "CNAME");

/** Simple URL labels an online domain no longer has (Microsoft's Teams Only checklist: `meet.<d>`, `dialin.<d>`, delete). */
export const TEAMS_ONLY_RETIRED_LABELS: readonly string[] = ["meet", "dialin"];

/**
 * What an online domain may hold at each host label of Microsoft's Teams
 * Only checklist: the Microsoft 365 host the catalogue's CNAME kind aliases
 * there (`sip` to sipdir, `lyncdiscover` to webdir), or nothing at all for
 * a retired simple URL.
 */
export const TEAMS_ONLY_HOSTS: ReadonlyMap<string, Microsoft365Host | undefined> = new Map<string, Microsoft365Host | undefined>([
    ...CNAME_KINDS.map((k): [string, Microsoft365Host] => [k.label(), k.target.microsoft365]),
    ...TEAMS_ONLY_RETIRED_LABELS.map((label): [string, undefined] => [label, undefined]),
]);

/** The owner name of a kind under domain `domain`. */
export function ownerName(kind: DomainKind, domain: string, deployment: DeploymentFacts): string {
    return `${kind.type === "SRV" ? kind.service : kind.label(deployment)}.${domain}`;
}

/** The absolute name a kind's target names: a host of the same domain, or Microsoft 365's. */
export function targetName(target: KindTarget, domain: string, deployment: DeploymentFacts): string {
    if ("microsoft365" in target) return microsoft365Target(target.microsoft365, deployment.microsoft365.cloud);
    return ownerName(kindById(target.host), domain, deployment);
}

/** A kind a domain publishes, with the roles that ask for it. */
export interface DomainKindUse {
    kind: DomainKind;
    roles: readonly RecordRole[];
}

/** Every flag of a domain, in a fixed order: together they decide what it publishes. */
const DOMAIN_FLAGS = ["federationDiscovery", "mobility", "xmpp", "externalAccess", "hosting"] as const satisfies readonly (keyof DomainFlags)[];
// A flag added to DomainFlags but not to DOMAIN_FLAGS would be left out of the selector's key: refused here.
const everyFlagListed: [Exclude<keyof DomainFlags, (typeof DOMAIN_FLAGS)[number]>] extends [never] ? true : false = true;
void everyFlagListed;

/** Every kind whose roles apply to a domain with flags `d`, and every host an applying SRV points to, in catalogue order. */
function selectKinds(d: DomainFlags, deployment: DeploymentFacts): DomainKindUse[] {
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
            if (kind.type === "SRV" && "host" in kind.target) {
                const target = kindById(kind.target.host);
                if (target.type === "address" && target.targetRole) add(target.id, target.targetRole);
            }
        }
    }
    return DOMAIN_KINDS.filter((k) => roles.has(k.id)).map((kind) => ({ kind, roles: roles.get(kind.id) ?? [] }));
}

/**
 * What each SIP domain of one deployment publishes, chosen once per
 * combination of flags: thousands of domains share a handful of
 * combinations, so a plan makes one choice per combination, not one per
 * domain. The lists returned are shared: read them, never change them.
 */
export function domainKindSelector(deployment: DeploymentFacts): (d: DomainFlags) => readonly DomainKindUse[] {
    const byFlags = new Map<string, readonly DomainKindUse[]>();
    return (d) => {
        const key = DOMAIN_FLAGS.map((flag) => d[flag]).join(" ");
        let kinds = byFlags.get(key);
        if (!kinds) byFlags.set(key, kinds = selectKinds(d, deployment));
        return kinds;
    };
}

/** True for a kind whose name belongs on the Edge's external certificate. */
export function onCertificate(kind: KindId): boolean {
    if (Object.prototype.hasOwnProperty.call(DEPLOYMENT_HOST_KINDS, kind)) return DEPLOYMENT_HOST_KINDS[kind as DeploymentKindId].certificate;
    const domainKind = kindById(kind as DomainKindId);
    return domainKind.type === "address" && domainKind.certificate;
}
