/**
 * From what a user wrote to a checked, normalized deployment: shape first
 * (the zod schema), then everything that needs the whole picture. Every
 * problem is collected with its field path and thrown once as `ConfigError`.
 */
import { ConfigError, IssueCollector } from "./errors";
import { configSchema, matchedUnionBranch, toConfigIssues, type ParsedConfig } from "./schema";
import type * as z from "zod";
import { Hosting, Microsoft365Cloud, ServerVersion } from "./types";
import { domainKindSelector, ownerName, TEAMS_ONLY_RETIRED_LABELS, type DeploymentFacts, type DeploymentKindId, type DomainKindUse } from "../plan/catalogue";
import { PRIVATE_CLASSES, parseAddress, type AddressClass } from "../dns/addresses";
import { canonicalHostName, canonicalRelativeName, isWithin, MAX_NAME, quote, zoneFinder } from "../dns/names";

/** Defaults, each with the rule it comes from (see `types.ts`). */
export const DEFAULTS = {
    ttl: 3600,
    srvPriority: 0,
    srvWeight: 0,
    accessEdgeLabel: "sip",
    xmppLabel: "xmpp",
    serverVersion: ServerVersion.SkypeForBusiness2015,
    federationDiscovery: true,
    mobility: false,
    xmpp: false,
    externalAccess: true,
    hosting: Hosting.OnPremises,
    cloud: Microsoft365Cloud.Worldwide,
    legacyClientRecords: false,
    accessEdgeClientPort: 443,
} as const;

/** Microsoft supports up to 12 Edge Servers in a pool. */
const MAX_POOL_MEMBERS = 12;

/** Addresses split by family, canonical and in the order given. */
export interface AddressSet {
    /** IPv4 values: A records. */
    v4: string[];
    /** IPv6 values (RFC 5952): AAAA records. */
    v6: string[];
    /** Where they were given, e.g. `edge.accessEdgeIps`. */
    path: string;
}

/** A SIP domain with every default applied. */
export interface DomainSpec {
    name: string;
    zone: string;
    /** Where its users are: on premises, hybrid, or online (Teams Only). */
    hosting: Hosting;
    federationDiscovery: boolean;
    mobility: boolean;
    xmpp: boolean;
    externalAccess: boolean;
    /** Where it was given, e.g. `sipDomains[1]`. */
    path: string;
}

/** A host the deployment publishes once, whatever the domains. */
export interface HostSpec {
    name: string;
    /** Which of the catalogue's deployment hosts it is. */
    kind: DeploymentKindId;
    addresses: AddressSet;
    path: string;
}

/** A deployment that passed every check, with defaults applied. */
export interface Deployment {
    domains: DomainSpec[];
    /** The deployment's zones, sorted. */
    zones: string[];
    accessEdge: AddressSet;
    reverseProxy?: AddressSet;
    /** Web Conferencing and A/V Edge FQDNs, then the reverse proxy's hosts. */
    hosts: HostSpec[];
    labels: { accessEdge: string; xmpp: string };
    /** The Microsoft 365 tenant `online` domains point to. */
    microsoft365: { cloud: Microsoft365Cloud; legacyClientRecords: boolean };
    /** The port `_sip._tls` points to. */
    accessEdgeClientPort: number;
    ttl: number;
    srv: { priority: number; weight: number };
    serverVersion: ServerVersion;
    /** Non-public addresses were allowed on purpose. */
    allowPrivateAddresses: boolean;
}

/** The result of checking: the deployment and the warnings worth showing. */
export interface ValidatedConfig {
    deployment: Deployment;
    warnings: string[];
}

function checkAddresses(raw: string[], path: string, allowPrivate: boolean, out: IssueCollector): AddressSet {
    const set: AddressSet = { v4: [], v6: [], path };
    const seen = new Map<string, number>();
    const documentation: string[] = [];
    const documentationRanges = new Set<string>();
    raw.forEach((text, i) => {
        const at = `${path}[${i}]`;
        const parsed = parseAddress(text);
        if (!parsed.ok) {
            out.error(at, `${quote(text)} is not a valid IP address: ${parsed.reason}`);
            return;
        }
        const { address, family, class: kind, range } = parsed.value;
        const first = seen.get(address);
        if (first !== undefined) {
            out.error(at, `${quote(text)} is listed twice (also at ${path}[${first}]); a record set holds each value once`);
            return;
        }
        seen.set(address, i);
        if (kind === "documentation") {
            documentation.push(address);
            documentationRanges.add(range as string);
        } else if (PRIVATE_CLASSES.has(kind) && !allowPrivate) {
            const what = describeClass(kind);
            out.error(at, `${quote(text)} is ${/^(?:[aeio]|un(?!i))/i.test(what) ? "an" : "a"} ${what} address, not a public one; Edge records are published in public DNS (set allowPrivateAddresses: true for a lab or internal zone)`);
        }
        (family === 4 ? set.v4 : set.v6).push(address);
    });
    if (documentation.length > 0) {
        out.warn(path, `${documentation.join(", ")} ${documentation.length === 1 ? "is" : "are"} in the documentation range ${[...documentationRanges].join(", ")}: fine for examples, unreachable from the Internet`);
    }
    for (const [family, list] of [["IPv4", set.v4], ["IPv6", set.v6]] as const) {
        if (list.length > MAX_POOL_MEMBERS) {
            out.warn(path, `${list.length} ${family} addresses: Microsoft supports at most ${MAX_POOL_MEMBERS} Edge Servers in a pool`);
        }
    }
    return set;
}

function describeClass(kind: AddressClass): string {
    if (kind === "CGNAT") return "carrier-grade NAT (100.64.0.0/10)";
    if (kind === "reserved") return "reserved (IANA special-purpose, or for IPv6 outside global unicast 2000::/3)";
    return kind;
}

function checkHostName(raw: string, path: string, out: IssueCollector): string | undefined {
    const checked = canonicalHostName(raw);
    if (checked.ok) return checked.value;
    out.error(path, `${quote(raw)} is not a valid DNS name: ${checked.reason}`);
    return undefined;
}

function checkDomains(parsed: ParsedConfig, out: IssueCollector): DomainSpec[] {
    const domains: DomainSpec[] = [];
    const firstPath = new Map<string, string>();
    parsed.sipDomains.forEach((entry, i) => {
        const path = `sipDomains[${i}]`;
        const given = typeof entry === "string" ? { name: entry } : entry;
        const namePath = typeof entry === "string" ? path : `${path}.name`;
        const name = checkHostName(given.name, namePath, out);
        const zone = given.zone === undefined ? name : checkHostName(given.zone, `${path}.zone`, out);
        if (name === undefined || zone === undefined) return;
        const earlier = firstPath.get(name);
        if (earlier !== undefined) {
            out.error(namePath, `${quote(given.name)} is given twice (also at ${earlier}); SIP domain names are compared as DNS compares them: case, a trailing dot and the Unicode or xn-- spelling of a name ignored`);
            return;
        }
        firstPath.set(name, namePath);
        if (!isWithin(name, zone)) {
            out.error(`${path}.zone`, `the domain ${name} is not inside the zone ${quote(given.zone)}; the zone must be the domain itself or a parent of it`);
            return;
        }
        domains.push({
            name,
            zone,
            federationDiscovery: given.federationDiscovery ?? DEFAULTS.federationDiscovery,
            mobility: given.mobility ?? DEFAULTS.mobility,
            xmpp: given.xmpp ?? DEFAULTS.xmpp,
            externalAccess: given.externalAccess ?? DEFAULTS.externalAccess,
            hosting: given.hosting ?? DEFAULTS.hosting,
            path,
        });
    });
    return domains;
}

/**
 * Each domain's records go in the most specific zone of the deployment that
 * holds the domain. With `eu.contoso.com` a zone of its own, the parent
 * `contoso.com` delegates it, so records for `a.eu.contoso.com` put in
 * `contoso.com` would sit below the delegation, where resolvers never look
 * (RFC 1034 §4.2.1): published, yet never answered. Hosts are placed by the
 * same rule (`zoneFinder`), so domains and hosts agree.
 */
function checkMostSpecificZones(domains: DomainSpec[], zones: string[], out: IssueCollector): void {
    const deepest = zoneFinder(zones);
    for (const d of domains) {
        const zone = deepest(d.name) as string; // d.zone itself holds d.name
        if (zone !== d.zone) {
            out.error(`${d.path}.zone`, `${d.name} lies in the zone ${zone} of this deployment, which is inside ${d.zone}: its records must go in ${zone}, since resolvers reach names below ${zone} only through that zone, never through ${d.zone}; set zone to ${quote(zone)}`);
        }
    }
}

/**
 * A domain valid on its own can still be too long for the names published
 * under it: `_sipfederationtls._tcp.` adds 23 characters, a host label its
 * own. Every name the catalogue gives the domain must fit in 253 characters
 * (RFC 1035 §2.3.4), or the DNS service and every resolver refuse it.
 */
function checkPublishedNameLengths(domains: DomainSpec[], facts: DeploymentFacts, out: IssueCollector): void {
    const { labels } = facts;
    const kindsOf = domainKindSelector(facts);
    // A name is its kind's prefix, a dot and the domain: the longest prefix
    // of each list of kinds (the selector shares one list per combination
    // of flags) says whether any name is too long, without making them.
    const longestPrefix = new Map<readonly DomainKindUse[], number>();
    for (const d of domains) {
        const kinds = kindsOf(d);
        let prefix = longestPrefix.get(kinds);
        if (prefix === undefined) longestPrefix.set(kinds, prefix = kinds.reduce((longest, { kind }) => Math.max(longest, ownerName(kind, "", facts).length - 1), 0));
        if (prefix + 1 + d.name.length <= MAX_NAME) continue;
        const tooLong = kinds.map(({ kind }) => ownerName(kind, d.name, facts)).filter((n) => n.length > MAX_NAME);
        if (tooLong.length > 0) {
            const longest = tooLong.reduce((a, b) => (b.length > a.length ? b : a));
            const byLabel = [labels.accessEdge, labels.xmpp].some((l) => longest === `${l}.${d.name}`);
            out.error(d.path, `${d.name} is too long for the records it publishes: ${longest.slice(0, 40)}… would have ${longest.length} characters, and a DNS name has at most ${MAX_NAME} (RFC 1035); use a shorter domain name${byLabel ? " or a shorter hostnames label" : ""}`);
        }
    }
}

function checkLabel(raw: string | undefined, fallback: string, path: string, out: IssueCollector): string {
    if (raw === undefined) return fallback;
    const checked = canonicalRelativeName(raw);
    if (checked.ok) return checked.value;
    out.error(path, `${quote(raw)} is not a valid host label: ${checked.reason}`);
    return fallback;
}

/** Checks a host that is published once, and that it lies in one of the zones. */
/** The zones a host must fall in; `undefined` while a domain is in error (no follow-on errors). */
interface HostZones {
    names: string[];
    find: (name: string) => string | undefined;
}

function describeZones(zones: string[]): string {
    return zones.length <= 10 ? zones.join(", ") : `${zones.slice(0, 10).join(", ")} and ${zones.length - 10} more`;
}

function checkHost(raw: string, path: string, kind: DeploymentKindId, addresses: AddressSet, zones: HostZones | undefined, out: IssueCollector): HostSpec | undefined {
    const name = checkHostName(raw, path, out);
    if (name === undefined) return undefined;
    if (zones && zones.find(name) === undefined) {
        out.error(path, `${name} is not inside any zone of this deployment (${describeZones(zones.names)}); every record must fall inside a zone given by a SIP domain`);
        return undefined;
    }
    return { name, kind, addresses, path };
}

function domainWarnings(domains: DomainSpec[], hasReverseProxy: boolean, labels: Deployment["labels"], out: IssueCollector): void {
    for (const d of domains) {
        if (d.hosting === Hosting.Online) {
            if (!d.federationDiscovery) {
                out.warn(`${d.path}.federationDiscovery`, `${d.name} is online (Teams Only): _sipfederationtls._tcp.${d.name} is published anyway, pointing to Microsoft 365; Teams Only needs it for federation. Restrict federation in the Teams admin center instead`);
            }
            continue;
        }
        if (d.hosting === Hosting.Hybrid && !d.federationDiscovery) {
            out.warn(`${d.path}.federationDiscovery`, `${d.name} is hybrid: _sipfederationtls._tcp.${d.name} is published anyway, because Microsoft requires it for every SIP domain shared with Microsoft 365 ("for all supported SIP domains", strict name matching). To keep partners from discovering the domain, clear "Enable partner domain discovery" on the Edge: Set-CsAccessEdgeConfiguration -EnablePartnerDiscovery $false`);
        } else if (d.mobility && !d.federationDiscovery) {
            out.warn(`${d.path}.mobility`, `${d.name} has mobility with federationDiscovery off: _sipfederationtls._tcp.${d.name} is still published, because the push notification clearing house reaches the domain only through it. To keep federation partners from discovering the domain, clear "Enable partner domain discovery" on the Edge: Set-CsAccessEdgeConfiguration -EnablePartnerDiscovery $false`);
        }
        if ((d.mobility || d.externalAccess) && !hasReverseProxy) {
            out.warn(d.mobility ? `${d.path}.mobility` : d.path, `${d.name} has ${d.mobility ? "mobility" : "external access"} but edge.reverseProxy is not given, so lyncdiscover.${d.name} is not published; Skype for Business and Lync clients, desktop and mobile, find their pool through it (Microsoft lists it as required)`);
        }
        if (!d.federationDiscovery && !d.mobility && !d.externalAccess && !d.xmpp && d.hosting === Hosting.OnPremises) {
            out.warn(d.path, `${d.name} publishes no record: federationDiscovery, mobility, externalAccess and xmpp are all off`);
        }
        if (d.xmpp && labels.xmpp === labels.accessEdge) {
            out.warn(`${d.path}.xmpp`, `the XMPP host and the Access Edge host are both ${labels.xmpp}.${d.name}`);
        }
    }
}

/** Internal-only names that must never be in public DNS ("DNS summary - Autodiscover", "Plan for simple URLs"). */
const INTERNAL_ONLY_LABELS = ["admin", "lyncdiscoverinternal"] as const;

/** What Microsoft's planning pages call for beside the records themselves: each a warning. */
function edgeWarnings(domains: DomainSpec[], edge: ParsedConfig["edge"], hosts: HostSpec[], accessEdge: AddressSet, out: IssueCollector): void {
    const onPremises = domains.filter((d) => d.hosting !== Hosting.Online);
    const external = onPremises.filter((d) => d.externalAccess);
    const domainNames = new Set(domains.map((d) => d.name));
    const onlineNames = new Set(domains.filter((d) => d.hosting === Hosting.Online).map((d) => d.name));
    for (const host of hosts.filter((h) => h.kind === "reverseProxyHost")) {
        const first = host.name.split(".")[0] ?? "";
        const parent = host.name.slice(first.length + 1);
        // Moving a domain to Teams Only, Microsoft deletes its Meet and Dial-in
        // simple URLs ("Update DNS entries to enable your organization to be all
        // Teams Only": meet.<d>, dialin.<d>, delete).
        if (TEAMS_ONLY_RETIRED_LABELS.includes(first) && onlineNames.has(parent)) {
            out.warn(host.path, `${host.name} is the ${first === "meet" ? "Meet" : "Dial-in"} simple URL of ${parent}, which is online (Teams Only): its meetings are in Microsoft 365, and Microsoft deletes ${first}.${parent} from DNS when a domain moves to Teams Only; remove it from edge.reverseProxy.hosts`);
        }
        if ((INTERNAL_ONLY_LABELS as readonly string[]).includes(first)) {
            out.warn(host.path, `${host.name} is an internal name (${first === "admin" ? "the Admin simple URL" : "internal autodiscover"}): Microsoft keeps it out of public DNS; publish it in the internal zone only`);
        }
        if (domainNames.has(host.name)) {
            out.warn(host.path, `${host.name} is a SIP domain's apex: a simple URL there sends every visitor of ${host.name} to the reverse proxy; use a name below it, such as meet.${host.name}`);
        }
    }
    const clientPort = edge?.accessEdgeClientPort;
    if (clientPort !== undefined && clientPort !== DEFAULTS.accessEdgeClientPort && onPremises.some((d) => d.externalAccess)) {
        // Microsoft: a single IP for the three Edge services is "possible, though not recommended",
        // the Access Edge then on another port (5061); with addresses of its own it has 443 to itself.
        // Another service on an address the Access Edge does not have means the Access Edge has its own.
        const accessAddresses = new Set([...accessEdge.v4, ...accessEdge.v6]);
        const separate = hosts.filter((h) => (h.kind === "webConferencing" || h.kind === "av") && [...h.addresses.v4, ...h.addresses.v6].some((a) => !accessAddresses.has(a)));
        out.warn("edge.accessEdgeClientPort", separate.length > 0
            ? `is ${clientPort}, while the Access Edge has addresses of its own (${separate.map((h) => h.addresses.path).join(" and ")} use others): a client port other than 443 is for a single-IP Edge, whose three services share one address; with its own address the Access Edge takes 443, which remote clients reach through firewalls that let only 443 out`
            : `is ${clientPort}: remote clients behind firewalls that let only 443 out cannot sign in; Microsoft calls a single-IP Edge, with the Access Edge on another port, "possible, though not recommended"`);
    }
    if (onPremises.length > 0 && accessEdge.v4.length === 0 && accessEdge.v6.length > 0) {
        out.warn("edge.accessEdgeIps", "the Access Edge has only IPv6 addresses: Microsoft notes that IPv4 may still be needed (federation partners, clients and push notification services on IPv4 only)");
    }
    if (edge?.reverseProxy) {
        const names = new Set(hosts.filter((h) => h.kind === "reverseProxyHost").map((h) => h.name));
        for (const d of external) {
            if (!names.has(`meet.${d.name}`)) {
                out.warn(d.path, `${d.name} has external access but no Meet simple URL of its own (meet.${d.name} in edge.reverseProxy.hosts); each SIP domain needs one, unless its simple URLs are paths under another host`);
            }
        }
    }
    if (external.length > 0) {
        const missing = (["webConferencing", "av"] as const).filter((role) => !edge?.[role]);
        for (const role of missing) {
            out.warn(`edge.${role}`, `is not given while ${external.map((d) => d.name).join(", ")} ${external.length === 1 ? "has" : "have"} external access: remote users need the ${role === "av" ? "A/V Edge for audio and video" : "Web Conferencing Edge for meetings"}`);
        }
    }
}

/**
 * Checks a deployment description and applies the defaults. Throws
 * `ConfigError` listing every problem; returns the deployment and warnings.
 */
export function validateConfig(input: unknown): ValidatedConfig {
    const shape = configSchema.safeParse(input, { reportInput: true });
    if (shape.success) return checkDeployment(shape.data);
    const issues = toConfigIssues(shape.error);
    // Report the rest too: with the offending fields left out (defaults take
    // their place), a config that is otherwise well formed is checked as a
    // whole, so a typo and a bad domain name show up in one run.
    const repaired = withoutOffendingFields(input, shape.error.issues);
    const retry = repaired === undefined ? undefined : configSchema.safeParse(repaired);
    if (retry?.success) {
        try {
            checkDeployment(retry.data);
        } catch (error) {
            if (!ConfigError.isInstance(error)) throw error;
            issues.push(...error.issues);
        }
    }
    throw new ConfigError(issues);
}

/**
 * The paths zod objected to: each unknown key, each field in error, and
 * within a SIP domain given as an object, its own fields in error (as
 * `toConfigIssues` reports them), not the whole entry.
 */
function offendingPaths(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): PropertyKey[][] {
    return issues.flatMap((issue): PropertyKey[][] => {
        const path = [...base, ...issue.path];
        if (issue.code === "invalid_union") {
            const branch = matchedUnionBranch(issue);
            if (branch) return offendingPaths(branch, path);
        }
        return issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...path, k]) : [path];
    });
}

/**
 * A copy of `input` without the keys and fields zod objected to, or
 * `undefined` when that cannot give a faithful config (a bad list item would
 * leave a hole, and every later index would move).
 */
function withoutOffendingFields(input: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
    let copy: unknown;
    try {
        copy = structuredClone(input);
    } catch {
        return undefined;
    }
    for (const path of offendingPaths(issues)) {
        const last = path[path.length - 1];
        if (last === undefined || typeof last === "number") return undefined;
        let parent: unknown = copy;
        for (const key of path.slice(0, -1)) parent = (parent as Record<PropertyKey, unknown> | undefined)?.[key];
        // Only plain objects are repaired; anything exotic (a String object,
        // a typed array) stays as the shape errors describe it.
        if (parent === null || typeof parent !== "object" || Object.getPrototypeOf(parent) !== Object.prototype) return undefined;
        if (!Reflect.deleteProperty(parent, last)) return undefined;
    }
    return copy;
}

/** Everything that needs the whole deployment; throws `ConfigError` with every problem. */
function checkDeployment(parsed: ParsedConfig): ValidatedConfig {
    const out = new IssueCollector();
    const allowPrivate = parsed.allowPrivateAddresses ?? false;
    const serverVersion = parsed.serverVersion ?? DEFAULTS.serverVersion;

    const issuesBefore = out.issues.length;
    const domains = checkDomains(parsed, out);
    const zones = [...new Set(domains.map((d) => d.zone))].sort();
    // With a domain in error the zones are not all known: checking hosts
    // against them would only add follow-on errors.
    const zonesForHosts = out.issues.length > issuesBefore ? undefined : { names: zones, find: zoneFinder(zones) };
    checkMostSpecificZones(domains, zones, out);
    // Skype for Business Server 2019 and Subscription Edition (a 2019 code
    // line) have no XMPP gateway; an online domain publishes nothing on premises.
    const noXmpp = serverVersion === ServerVersion.SkypeForBusiness2019 ? "Skype for Business Server 2019 has no XMPP gateway"
        : serverVersion === ServerVersion.SubscriptionEdition ? "Skype for Business Server Subscription Edition has no XMPP gateway" : undefined;
    parsed.sipDomains.forEach((entry, i) => {
        if (typeof entry === "string") return;
        // Lync Mobile's push notifications reach on-premises users through the
        // Edge's federation SRV; an online domain's users are in Microsoft 365.
        if (entry.mobility && entry.hosting === Hosting.Online) {
            out.error(`sipDomains[${i}].mobility`, "an online (Teams Only) domain's users are in Microsoft 365, where the on-premises mobility service and its push notifications do not reach them; set mobility to false");
        }
        if (!entry.xmpp) return;
        if (entry.hosting === Hosting.Online) {
            out.error(`sipDomains[${i}].xmpp`, "an online (Teams Only) domain publishes nothing that points on premises, and Microsoft 365 has no XMPP federation; set xmpp to false");
        } else if (noXmpp) {
            out.error(`sipDomains[${i}].xmpp`, `${noXmpp}; set xmpp to false, or serverVersion to "2013" or "2015"`);
        }
    });
    const labels = {
        accessEdge: checkLabel(parsed.hostnames?.accessEdge, DEFAULTS.accessEdgeLabel, "hostnames.accessEdge", out),
        xmpp: checkLabel(parsed.hostnames?.xmpp, DEFAULTS.xmppLabel, "hostnames.xmpp", out),
    };

    const { edge } = parsed;
    // The Edge is what on-premises and hybrid domains point to; a deployment
    // of online domains only has none.
    const needEdge = domains.filter((d) => d.hosting !== Hosting.Online);
    if (!edge && needEdge.length > 0) {
        out.error("edge", `is required: ${needEdge.map((d) => d.name).join(", ")} ${needEdge.length === 1 ? "is" : "are"} hosted on premises or hybrid, and ${needEdge.length === 1 ? "its" : "their"} records point to the Edge; give edge.accessEdgeIps (or set hosting: online for a Teams Only domain)`);
    }
    const accessEdge = edge ? checkAddresses(edge.accessEdgeIps, "edge.accessEdgeIps", allowPrivate, out) : { v4: [], v6: [], path: "edge.accessEdgeIps" };
    const hosts: HostSpec[] = [];
    for (const role of ["webConferencing", "av"] as const) {
        const given = edge?.[role];
        if (!given) continue;
        const addresses = checkAddresses(given.ips, `edge.${role}.ips`, allowPrivate, out);
        const host = checkHost(given.fqdn, `edge.${role}.fqdn`, role, addresses, zonesForHosts, out);
        if (host) hosts.push(host);
    }
    let reverseProxy: AddressSet | undefined;
    if (edge?.reverseProxy) {
        reverseProxy = checkAddresses(edge.reverseProxy.ips, "edge.reverseProxy.ips", allowPrivate, out);
        const seen = new Map<string, string>();
        (edge.reverseProxy.hosts ?? []).forEach((raw, i) => {
            const path = `edge.reverseProxy.hosts[${i}]`;
            const host = checkHost(raw, path, "reverseProxyHost", reverseProxy as AddressSet, zonesForHosts, out);
            if (!host) return;
            const earlier = seen.get(host.name);
            if (earlier !== undefined) out.error(path, `${quote(raw)} is listed twice (also at ${earlier})`);
            else { seen.set(host.name, path); hosts.push(host); }
        });
    }
    const microsoft365 = {
        cloud: parsed.microsoft365?.cloud ?? DEFAULTS.cloud,
        legacyClientRecords: parsed.microsoft365?.legacyClientRecords ?? DEFAULTS.legacyClientRecords,
    };
    checkPublishedNameLengths(domains, { labels, hasReverseProxy: reverseProxy !== undefined, microsoft365 }, out);
    // Only online domains point to Microsoft 365; hybrid ones point on premises.
    if (parsed.microsoft365 !== undefined && !domains.some((d) => d.hosting === Hosting.Online)) {
        out.warn("microsoft365", "is given, but no SIP domain is online (hosting: online), so no record uses it: hybrid domains point on premises until they move");
    }
    // srv and hostnames shape the records that point on premises; an online
    // domain's are Microsoft's own rows (priority 100, weight 1, sip.<d>).
    if (domains.every((d) => d.hosting === Hosting.Online)) {
        if (parsed.srv !== undefined) out.warn("srv", "is given, but every SIP domain is online (hosting: online), so no record uses it: an online domain's SRV records carry Microsoft 365's priority 100 and weight 1");
        if (parsed.hostnames !== undefined) out.warn("hostnames", "is given, but every SIP domain is online (hosting: online), so no record uses it: an online domain's hosts are Microsoft 365's");
        // Teams Only everywhere: no user is on premises, so what the Edge still publishes is stale.
        if (edge !== undefined) {
            out.warn("edge", hosts.length === 0
                ? "is given, but every SIP domain is online (hosting: online), so no record uses it"
                : `is given, but every SIP domain is online (hosting: online): ${hosts.map((h) => h.name).join(", ")} still ${hosts.length === 1 ? "points" : "point"} on premises, where no user is; remove ${hosts.length === 1 ? "it" : "them"} with the Edge once it is retired`);
        }
    }
    domainWarnings(domains, reverseProxy !== undefined, labels, out);
    edgeWarnings(domains, edge, hosts, accessEdge, out);
    out.throwIfAny();
    return {
        deployment: {
            domains,
            zones,
            accessEdge,
            reverseProxy,
            hosts,
            labels,
            microsoft365,
            accessEdgeClientPort: edge?.accessEdgeClientPort ?? DEFAULTS.accessEdgeClientPort,
            ttl: parsed.ttl ?? DEFAULTS.ttl,
            srv: { priority: parsed.srv?.priority ?? DEFAULTS.srvPriority, weight: parsed.srv?.weight ?? DEFAULTS.srvWeight },
            serverVersion,
            allowPrivateAddresses: allowPrivate,
        },
        warnings: out.warnings,
    };
}
