/**
 * fast-check generators for the property and fuzz tests: valid deployments
 * (with what the config means, worked out here independently of the
 * validator, for the oracles), shuffled copies of them, and hostile inputs
 * with zone-file metacharacters in every field.
 *
 * Every run is seeded (`FC_SEED`, default below) and sized by `FC_RUNS`, so
 * a failure is reproducible and CI's time is bounded.
 */
import type { DomainSpec } from "../../components/core/config/validate";
import fc from "fast-check";
import type { EdgeDnsConfig, SipDomain } from "../../components";

/** Cases per property: `FC_RUNS` from the environment, 100 by default (the whole suite stays within seconds). */
export const FC_RUNS = positiveEnv("FC_RUNS", 100);

/** The seed of every property run: `FC_SEED` from the environment, fixed by default so CI is reproducible. */
export const FC_SEED = positiveEnv("FC_SEED", 20_130_607);

function positiveEnv(name: string, fallback: number): number {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, got ${JSON.stringify(raw)}`);
    return value;
}

/** fast-check parameters for one property: seeded, `FC_RUNS` cases unless `runs` says otherwise, quiet unless it fails. */
export function fcParams<T>(runs = FC_RUNS, examples: T[] = []): fc.Parameters<T> {
    return { seed: FC_SEED, numRuns: runs, examples, endOnFailure: false };
}

/** A SIP domain as the generator means it: canonical names, every flag resolved (the validator's own shape, without the config path). */
export type IntendedDomain = Omit<DomainSpec, "path">;

/** A generated valid deployment and what it means. */
export interface GeneratedDeployment {
    /** As a user could write it: mixed case, trailing dots, IDN, bare names, non-canonical IPv6. */
    config: EdgeDnsConfig;
    /** The domains as intended, in config order. */
    domains: IntendedDomain[];
    /** Every zone of the deployment, canonical. */
    zones: string[];
}

// ---------------------------------------------------------------- names

/** IDN labels with their punycode (UTS #46 / RFC 3492), so the oracle does not lean on the code under test. */
const IDN_LABELS: readonly (readonly [string, string])[] = [
    ["bücher", "xn--bcher-kva"],
    ["münchen", "xn--mnchen-3ya"],
    ["españa", "xn--espaa-rta"],
    ["日本", "xn--wgv71a"],
];

const TLDS = ["com", "net", "org", "io", "de", "co.uk", "cloud"] as const;

/** A host label: mostly short, sometimes the full 63 characters (long names are where length limits bite). */
const ldhLabel: fc.Arbitrary<string> = fc.oneof(
    { weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}[a-z0-9]$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{61}[a-z0-9]$/) },
);

/** A label as written and as it is canonically: ASCII, or an IDN label with its punycode. */
const label: fc.Arbitrary<{ written: string; canonical: string }> = fc.oneof(
    { weight: 12, arbitrary: ldhLabel.map((l) => ({ written: l, canonical: l })) },
    { weight: 1, arbitrary: fc.constantFrom(...IDN_LABELS).map(([written, canonical]) => ({ written, canonical })) },
);

interface Name { written: string; canonical: string }

function join(...parts: Name[]): Name {
    return { written: parts.map((p) => p.written).join("."), canonical: parts.map((p) => p.canonical).join(".") };
}

/** A registrable base name such as `contoso.com`, the root of a family of zones. */
const baseName: fc.Arbitrary<Name> = fc.tuple(label, fc.constantFrom(...TLDS))
    .map(([l, tld]) => join(l, { written: tld, canonical: tld }));

// ---------------------------------------------------------------- addresses

/** First octets of ordinary public unicast IPv4 space (no private, CGNAT, loopback, link-local, multicast or reserved range). */
const PUBLIC_V4_FIRST = [2, 5, 13, 20, 23, 31, 40, 52, 62, 80, 91, 104, 131, 151, 185, 212, 217] as const;
const DOC_V4 = [[192, 0, 2], [198, 51, 100], [203, 0, 113]] as const;
/** First hextets of ordinary global unicast IPv6 space (RIR allocations), and the documentation prefix. */
const PUBLIC_V6_FIRST = [0x2400, 0x2600, 0x2a00, 0x2a01, 0x2c0f, 0x2800] as const;

/** An IPv4 address as four numbers: public, or (now and then) in a documentation range. */
const v4Parts: fc.Arbitrary<number[]> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...PUBLIC_V4_FIRST), fc.nat(255), fc.nat(255), fc.nat(255)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...DOC_V4), fc.nat(255)).map(([net, last]) => [...net, last]) },
);

/** An IPv6 address as eight hextets: global unicast, or (now and then) 2001:db8::/32. */
const v6Parts: fc.Arbitrary<number[]> = fc.tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PUBLIC_V6_FIRST).map((h) => [h, 0]) }, { weight: 1, arbitrary: fc.constant([0x2001, 0x0db8]) }),
    fc.array(fc.oneof(fc.constant(0), fc.nat(0xffff)), { minLength: 6, maxLength: 6 }),
).map(([head, tail]) => [...head, ...tail]);

/** IPv6 written the long way, in either case: the validator must canonicalize it (RFC 5952). */
function writeV6(parts: number[], upper: boolean): string {
    const text = parts.map((h) => h.toString(16)).join(":");
    return upper ? text.toUpperCase() : text;
}

/** A pool: 0-12 IPv4 and 0-12 IPv6 addresses, at least one in all, distinct. */
export const addressPool: fc.Arbitrary<string[]> = fc.tuple(
    fc.uniqueArray(v4Parts, { maxLength: 12, selector: (p) => p.join(".") }),
    fc.uniqueArray(v6Parts, { maxLength: 12, selector: (p) => p.join(":") }),
    fc.boolean(),
).filter(([v4, v6]) => v4.length + v6.length > 0)
    .map(([v4, v6, upper]) => [...v4.map((p) => p.join(".")), ...v6.map((p) => writeV6(p, upper))]);

/** A small pool for a role (Web Conferencing, A/V, reverse proxy). */
const rolePool: fc.Arbitrary<string[]> = addressPool.map((ips) => ips.slice(0, 3));

// ---------------------------------------------------------------- deployments

/** One candidate SIP domain before zones are settled. */
interface DomainDraft {
    name: Name;
    /** The base name it lies under. */
    base: Name;
    /** At the base's apex, or a subdomain that has a zone of its own. */
    ownZone: boolean;
    flags: { federationDiscovery?: boolean; mobility?: boolean; xmpp?: boolean; externalAccess?: boolean };
    /** Write the zone even when it is the domain itself, or the default would do. */
    explicitZone: boolean;
    /** Write the domain as a bare name (only when every flag is the default and the zone is the domain). */
    bare: boolean;
    spelling: { name: [boolean, boolean, boolean]; zone: [boolean, boolean, boolean] };
}

const flag = fc.option(fc.boolean(), { nil: undefined });

/** Host labels the generator gives each kind of name: disjoint, so no two kinds can meet at one name with different values. */
const ACCESS_LABELS = ["sip", "access", "sip.edge", "edge01"] as const;
const XMPP_LABELS = ["xmpp", "chat", "xmpp.edge", "sip"] as const;
const PROXY_LABELS = ["meet", "dialin", "webext", "scheduler", "lyncweb.pool1"] as const;

function spell(name: string, [upperFirst, upperAll, dot]: [boolean, boolean, boolean]): string {
    if (/[^\x00-\x7f]/.test(name)) return dot ? `${name}.` : name;
    const text = upperAll ? name.toUpperCase() : upperFirst ? name.charAt(0).toUpperCase() + name.slice(1) : name;
    return dot ? `${text}.` : text;
}

const spelling = fc.tuple(fc.boolean(), fc.boolean(), fc.boolean());

/**
 * A domain named after a host that another domain publishes (`sip.d`,
 * `xmpp.d`, `lyncdiscover.d`, or a Web Conferencing, A/V or reverse proxy
 * host name), made a SIP domain of its own: mostly with a zone of its own,
 * where the parent's record for that name must then go (the parent's zone
 * delegates it). `parent` picks the generated domain it goes under, `kind`
 * the host, `pick` the host label among several of that kind.
 */
interface CollisionDraft {
    parent: number;
    kind: "accessEdge" | "xmpp" | "lyncdiscover" | "host";
    pick: number;
    ownZone: boolean;
    flags: DomainDraft["flags"];
    explicitZone: boolean;
    bare: boolean;
    spelling: DomainDraft["spelling"];
}

/** Labels of the hosts published once (Web Conferencing, A/V, reverse proxy), as the generator writes them. */
const HOST_LABELS = ["webcon", "webcon.edge", "av", ...PROXY_LABELS] as const;

const collisionDraft: fc.Arbitrary<CollisionDraft> = fc.record({
    parent: fc.nat(),
    kind: fc.oneof(
        { weight: 3, arbitrary: fc.constant("accessEdge" as const) },
        { weight: 2, arbitrary: fc.constant("xmpp" as const) },
        { weight: 2, arbitrary: fc.constant("lyncdiscover" as const) },
        { weight: 3, arbitrary: fc.constant("host" as const) },
    ),
    pick: fc.nat(),
    ownZone: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    flags: fc.oneof(
        { weight: 1, arbitrary: fc.constant({}) },
        { weight: 2, arbitrary: fc.record({ federationDiscovery: flag, mobility: flag, xmpp: flag, externalAccess: flag }) },
    ),
    explicitZone: fc.boolean(),
    bare: fc.boolean(),
    spelling: fc.record({ name: spelling, zone: spelling }),
});

/**
 * The drafts with each collision added as a domain under its parent, and the
 * parent given the flag that makes it publish the colliding name (`xmpp` for
 * `xmpp.d`, `mobility` for `lyncdiscover.d`). Names already drafted are not
 * added twice.
 */
function withCollisions(drafts: DomainDraft[], collisions: CollisionDraft[], labels: { accessEdge: string; xmpp: string }): DomainDraft[] {
    const out = drafts.map((d) => ({ ...d, flags: { ...d.flags } }));
    const taken = new Set(out.map((d) => d.name.canonical));
    for (const c of collisions) {
        const parent = out[c.parent % drafts.length];
        if (parent === undefined) continue;
        const hostLabel = c.kind === "accessEdge" ? labels.accessEdge
            : c.kind === "xmpp" ? labels.xmpp
                : c.kind === "lyncdiscover" ? "lyncdiscover"
                    : HOST_LABELS[c.pick % HOST_LABELS.length] ?? "webcon";
        const name = join({ written: hostLabel, canonical: hostLabel }, parent.name);
        if (name.canonical.length > NAME_LIMIT || taken.has(name.canonical)) continue;
        if (c.kind === "xmpp") parent.flags.xmpp = true;
        if (c.kind === "lyncdiscover") parent.flags.mobility = true;
        taken.add(name.canonical);
        out.push({
            name, base: parent.base, ownZone: c.ownZone, flags: c.flags,
            explicitZone: c.explicitZone, bare: c.bare, spelling: c.spelling,
        });
    }
    return out;
}

/** Labels that bring a name under `base` to `length` characters (at most 253): where DNS's length limit bites. */
function filler(base: Name, length: number): Name[] {
    const labels: Name[] = [];
    let room = length - base.canonical.length - 1;
    for (let i = 0; room > 1; i++) {
        const size = Math.min(63, room - 1);
        const text = `l${i}${"x".repeat(Math.max(0, size - 2 - String(i).length))}${i % 10}`.slice(0, size);
        labels.push({ written: text, canonical: text });
        room -= text.length + 1;
    }
    return labels;
}

function domainDraft(bases: Name[]): fc.Arbitrary<DomainDraft> {
    return fc.record({
        base: fc.constantFrom(...bases),
        sub: fc.oneof(
            { weight: 6, arbitrary: fc.constant(undefined) },
            { weight: 6, arbitrary: fc.array(label, { minLength: 1, maxLength: 3 }) },
            { weight: 1, arbitrary: fc.integer({ min: 200, max: 253 }).map((length) => ({ length })) },
        ),
        ownZone: fc.boolean(),
        flags: fc.oneof(
            { weight: 1, arbitrary: fc.constant({}) },
            { weight: 4, arbitrary: fc.record({ federationDiscovery: flag, mobility: flag, xmpp: flag, externalAccess: flag }) },
        ),
        explicitZone: fc.boolean(),
        bare: fc.boolean(),
        spelling: fc.record({ name: spelling, zone: spelling }),
    }).map(({ base, sub, ownZone, ...rest }) => {
        const labels = sub === undefined ? [] : Array.isArray(sub) ? sub : filler(base, sub.length);
        return { ...rest, base, name: labels.length > 0 ? join(...labels, base) : base, ownZone: labels.length === 0 || ownZone };
    });
}

/** The most specific of `zones` that holds `name` (the oracle's own, not the planner's). */
function mostSpecific(name: string, zones: Iterable<string>): string | undefined {
    let best: string | undefined;
    for (const zone of zones) {
        if ((name === zone || name.endsWith(`.${zone}`)) && (best === undefined || zone.length > best.length)) best = zone;
    }
    return best;
}

/** The written form of a name whose canonical form is `canonical`, from the drafts that spell it. */
function writtenOf(canonical: string, names: Name[]): string {
    return names.find((n) => n.canonical === canonical)?.written ?? canonical;
}

const NAME_LIMIT = 253;

/**
 * Valid deployments: 1 to 50 SIP domains in 1 to 10 families of zones
 * (subdomains in their parent's zone or in zones of their own), every flag
 * combination, Edge pools of 1-12 IPv4 and/or IPv6 addresses, optional Web
 * Conferencing, A/V and reverse proxy hosts inside the zones, custom TTL,
 * SRV fields and host labels, every server version (no XMPP with 2019).
 *
 * Two in three deployments also make hosts that other domains publish SIP
 * domains of their own (`sip.d`, `xmpp.d`, `lyncdiscover.d` with the
 * configured labels, `webcon.d`, `av.d`, `meet.d`...), mostly with zones of
 * their own, and some Web Conferencing, A/V and reverse proxy hosts take
 * exactly such a name: where a parent zone's record must give way to the
 * child zone that holds its name.
 *
 * Each domain goes in the most specific zone of the deployment that holds
 * it, and every name the deployment publishes fits in 253 characters.
 */
export const validDeployment: fc.Arbitrary<GeneratedDeployment> = fc.uniqueArray(baseName, { minLength: 1, maxLength: 10, selector: (n) => n.canonical })
    .chain((bases) => fc.record({
        drafts: fc.uniqueArray(domainDraft(bases), { minLength: 1, maxLength: 50, size: "max", selector: (d) => d.name.canonical }),
        collisions: fc.oneof(
            { weight: 1, arbitrary: fc.constant<CollisionDraft[]>([]) },
            { weight: 2, arbitrary: fc.array(collisionDraft, { minLength: 1, maxLength: 4 }) },
        ),
        accessEdgeIps: addressPool,
        labels: fc.record({ accessEdge: fc.option(fc.constantFrom(...ACCESS_LABELS), { nil: undefined }), xmpp: fc.option(fc.constantFrom(...XMPP_LABELS), { nil: undefined }) }),
        serverVersion: fc.option(fc.constantFrom("2013", "2015", "2019", 2019, 2013), { nil: undefined }),
        ttl: fc.option(fc.oneof(fc.integer({ min: 1, max: 86_400 }), fc.constantFrom(1, 2_147_483_647)), { nil: undefined }),
        srv: fc.option(fc.record({ priority: fc.option(fc.integer({ min: 0, max: 65_535 }), { nil: undefined }), weight: fc.option(fc.integer({ min: 0, max: 65_535 }), { nil: undefined }) }, { requiredKeys: [] }), { nil: undefined }),
        allowPrivateAddresses: fc.option(fc.boolean(), { nil: undefined }),
        webConferencing: fc.option(fc.record({ at: fc.nat(), deeper: fc.boolean(), exact: fc.boolean(), ips: rolePool }), { nil: undefined }),
        av: fc.option(fc.record({ at: fc.nat(), exact: fc.boolean(), ips: rolePool }), { nil: undefined }),
        reverseProxy: fc.option(fc.record({
            ips: rolePool,
            hosts: fc.option(fc.uniqueArray(fc.tuple(fc.constantFrom(...PROXY_LABELS), fc.nat(), fc.boolean()), { maxLength: 6, selector: ([l, at, exact]) => `${l} ${at} ${exact}` }), { nil: undefined }),
        }), { nil: undefined }),
        hostSpelling: spelling,
    }))
    .map((g): GeneratedDeployment => {
        const noXmpp = String(g.serverVersion) === "2019";
        const accessLabel = g.labels.accessEdge ?? "sip";
        const xmppLabel = g.labels.xmpp ?? "xmpp";
        const allDrafts = withCollisions(g.drafts, g.collisions, { accessEdge: accessLabel, xmpp: xmppLabel });
        // Zones: each base name that a domain lies under, and each domain that keeps a zone of its own.
        const candidateZones = new Set<string>([
            ...allDrafts.map((d) => d.base.canonical),
            ...allDrafts.filter((d) => d.ownZone).map((d) => d.name.canonical),
        ]);
        // Every name a domain publishes must fit in 253 characters (RFC 1035);
        // the validator refuses a domain for which one would not.
        const longestPrefix = (d: DomainDraft): number => {
            const fd = d.flags.federationDiscovery ?? true;
            const ext = d.flags.externalAccess ?? true;
            const mob = d.flags.mobility ?? false;
            const xmpp = !noXmpp && (d.flags.xmpp ?? false);
            return Math.max(0, ...[
                ...(fd || mob ? ["_sipfederationtls._tcp."] : []),
                ...(ext ? ["_sip._tls."] : []),
                ...(fd || mob || ext ? [`${accessLabel}.`] : []),
                ...(xmpp ? ["_xmpp-server._tcp.", `${xmppLabel}.`] : []),
                ...((mob || ext) && g.reverseProxy ? ["lyncdiscover."] : []),
            ].map((p) => p.length));
        };
        const drafts = allDrafts.filter((d) => d.name.canonical.length + longestPrefix(d) <= NAME_LIMIT);
        const first = allDrafts[0];
        if (drafts.length === 0 && first !== undefined) drafts.push({ ...first, name: first.base, ownZone: true });
        const domains: IntendedDomain[] = drafts.map((d) => ({
            name: d.name.canonical,
            zone: mostSpecific(d.name.canonical, candidateZones) as string,
            hosting: "onPremises",
            federationDiscovery: d.flags.federationDiscovery ?? true,
            mobility: d.flags.mobility ?? false,
            xmpp: noXmpp ? false : d.flags.xmpp ?? false,
            externalAccess: d.flags.externalAccess ?? true,
        }));
        const zones = [...new Set(domains.map((d) => d.zone))].sort();
        const allNames = [...drafts.map((d) => d.name), ...drafts.map((d) => d.base)];
        const sipDomains: (string | SipDomain)[] = drafts.map((d, i) => {
            const intended = domains[i];
            const name = spell(d.name.written, d.spelling.name);
            const flags = { ...d.flags, ...(noXmpp && d.flags.xmpp ? { xmpp: false } : {}) };
            const zoneIsName = intended.zone === intended.name;
            const defaults = Object.values(flags).every((v) => v === undefined);
            if (d.bare && defaults && zoneIsName) return name;
            const entry: SipDomain = { name, ...definedOnly(flags) };
            if (!zoneIsName || d.explicitZone) entry.zone = spell(writtenOf(intended.zone, allNames), d.spelling.zone);
            return entry;
        });
        // Hosts go under a domain or a zone, with a label no other kind of name uses.
        const parents = [...new Set([...domains.map((d) => d.name), ...zones])].sort();
        // With `exact`, a host takes the name of a SIP domain named after it
        // (`webcon.d` as a domain with its own zone): the host's record then
        // sits at that zone's apex.
        const under = (at: number, prefix: string, exact = false): string | undefined => {
            const namesake = exact ? domains.filter((d) => d.name.startsWith(`${prefix}.`)) : [];
            const name = namesake.length > 0 ? namesake[at % namesake.length]?.name : `${prefix}.${parents[at % parents.length] ?? ""}`;
            return name !== undefined && name.length <= NAME_LIMIT ? spell(name, g.hostSpelling) : undefined;
        };
        const edge: EdgeDnsConfig["edge"] = { accessEdgeIps: g.accessEdgeIps };
        const webcon = g.webConferencing && under(g.webConferencing.at, g.webConferencing.deeper ? "webcon.edge" : "webcon", g.webConferencing.exact);
        if (g.webConferencing && webcon) edge.webConferencing = { fqdn: webcon, ips: g.webConferencing.ips };
        const av = g.av && under(g.av.at, "av", g.av.exact);
        if (g.av && av) edge.av = { fqdn: av, ips: g.av.ips };
        if (g.reverseProxy) {
            const hosts = g.reverseProxy.hosts?.map(([l, at, exact]) => under(at, l, exact)).filter((h): h is string => h !== undefined);
            const unique = hosts && [...new Map(hosts.map((h) => [h.toLowerCase().replace(/\.$/, ""), h])).values()];
            edge.reverseProxy = { ips: g.reverseProxy.ips, ...(unique ? { hosts: unique } : {}) };
        }
        const config: EdgeDnsConfig = {
            sipDomains,
            edge,
            ...(g.labels.accessEdge || g.labels.xmpp ? { hostnames: definedOnly(g.labels) } : {}),
            ...(g.ttl !== undefined ? { ttl: g.ttl } : {}),
            ...(g.srv !== undefined ? { srv: definedOnly(g.srv) } : {}),
            ...(g.serverVersion !== undefined ? { serverVersion: g.serverVersion as EdgeDnsConfig["serverVersion"] } : {}),
            ...(g.allowPrivateAddresses !== undefined ? { allowPrivateAddresses: g.allowPrivateAddresses } : {}),
        };
        return { config, domains, zones };
    });

function definedOnly<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `config` with its SIP domains and every address list in another order (the same deployment). */
export function shuffledConfig(config: EdgeDnsConfig): fc.Arbitrary<EdgeDnsConfig> {
    const all = <T>(items: T[]): fc.Arbitrary<T[]> => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
    const edge = config.edge ?? { accessEdgeIps: [] };
    return fc.record({
        sipDomains: all(config.sipDomains),
        accessEdgeIps: all(edge.accessEdgeIps),
        webConferencing: all(edge.webConferencing?.ips ?? []),
        av: all(edge.av?.ips ?? []),
        proxyIps: all(edge.reverseProxy?.ips ?? []),
        proxyHosts: all(edge.reverseProxy?.hosts ?? []),
    }).map((s) => ({
        ...config,
        sipDomains: s.sipDomains,
        edge: {
            accessEdgeIps: s.accessEdgeIps,
            ...(edge.webConferencing ? { webConferencing: { ...edge.webConferencing, ips: s.webConferencing } } : {}),
            ...(edge.av ? { av: { ...edge.av, ips: s.av } } : {}),
            ...(edge.reverseProxy ? { reverseProxy: { ...edge.reverseProxy, ips: s.proxyIps, ...(edge.reverseProxy.hosts ? { hosts: s.proxyHosts } : {}) } } : {}),
        },
    }));
}

// ---------------------------------------------------------------- hostile input

/** Characters that mean something in a master file or a shell, line breaks of every kind, and look-alikes. */
export const METACHARACTERS = [
    "\n", "\r", "\r\n", ";", "$", "(", ")", "\"", "'", "\\", " ", "\t", "\0", "@", "*", "_", "/", ":", "%", "#", "`",
    "\u000b", "\u000c", "\u0085", "\u2028", "\u2029", "\u00a0", "\u200b", "\ufeff", "\u3000",
    "\uff1b", "\uff04", "\uff08", "\uff09", "\uff02", "\uff3c", "\uff0e", "\u3002",
] as const;

/** A string built mostly of metacharacters, with some letters, digits and dots. */
export const metaString: fc.Arbitrary<string> = fc.string({
    unit: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...METACHARACTERS) },
        { weight: 2, arbitrary: fc.constantFrom("a", "b", "z", "0", "9", ".", "-", "A") },
    ),
    maxLength: 24,
});

/** A valid value with metacharacters put in it: before, after or inside. */
export function tainted(valid: string): fc.Arbitrary<string> {
    return fc.tuple(fc.nat(valid.length), metaString.filter((s) => s.length > 0), fc.constantFrom("insert", "replace", "append")).map(([at, meta, how]) => {
        if (how === "append") return `${valid}${meta}`;
        if (how === "replace") return `${valid.slice(0, at)}${meta}${valid.slice(at + 1)}`;
        return `${valid.slice(0, at)}${meta}${valid.slice(at)}`;
    });
}

/** Payloads aimed at a zone file: a second record, a directive, a comment, an open parenthesis, a quoted string. */
export const ZONE_INJECTIONS = [
    "contoso.com.\nevil.contoso.com. 60 IN A 192.0.2.66",
    "contoso.com\n$ORIGIN evil.example.",
    "contoso.com\r\n$INCLUDE /etc/passwd",
    "contoso.com ; comment",
    "contoso.com. 3600 IN A 192.0.2.1",
    "contoso.com (",
    "\"contoso.com\"",
    "contoso\\.com",
    "contoso.com\u2028evil.contoso.com",
    "contoso.com\u0000",
    "sip.contoso.com)",
    "$TTL 0",
    "@",
    "*.contoso.com",
    "_sip._tls.contoso.com",
    "contoso\uff1bcom",
    "contoso\uff0ecom",
] as const;

/** A hostile string for a name-like field: metacharacters alone, in a valid name, or a known payload. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
    metaString,
    tainted("contoso.com"),
    tainted("sip.eu.contoso.com"),
    fc.constantFrom(...ZONE_INJECTIONS),
);

/** A hostile string for an address field. */
export const hostileAddress: fc.Arbitrary<string> = fc.oneof(
    metaString,
    tainted("131.107.155.10"),
    tainted("2a00:1450::10"),
    fc.constantFrom("131.107.155.10\n", " 131.107.155.10", "131.107.155.10;", "fe80::1%eth0", "::ffff:131.107.155.10", "2a00:1450::10 ", "0x83.107.155.10", "131.107.155.010", "1e3.0.0.1"),
);

/** Any value at all, including the odd ones (BigInt, boxed values, Map, Set, null prototypes, sparse arrays). */
export const oddValue: fc.Arbitrary<unknown> = fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
});

/** Where a hostile value can go in an otherwise valid config. */
export type FieldPath = (string | number)[];

/** Every field of the base config that the fuzzer writes to. */
export const FUZZ_FIELDS: readonly { path: FieldPath; kind: "name" | "address" | "label" | "number" | "flag" | "any" }[] = [
    { path: ["sipDomains", 0], kind: "name" },
    { path: ["sipDomains", 1, "name"], kind: "name" },
    { path: ["sipDomains", 1, "zone"], kind: "name" },
    { path: ["sipDomains", 2, "name"], kind: "name" },
    { path: ["sipDomains", 2, "zone"], kind: "name" },
    { path: ["sipDomains", 1, "mobility"], kind: "flag" },
    { path: ["sipDomains", 1, "xmpp"], kind: "flag" },
    { path: ["sipDomains", 2, "federationDiscovery"], kind: "flag" },
    { path: ["sipDomains", 2, "externalAccess"], kind: "flag" },
    { path: ["edge", "accessEdgeIps", 0], kind: "address" },
    { path: ["edge", "accessEdgeIps", 1], kind: "address" },
    { path: ["edge", "webConferencing", "fqdn"], kind: "name" },
    { path: ["edge", "webConferencing", "ips", 0], kind: "address" },
    { path: ["edge", "av", "fqdn"], kind: "name" },
    { path: ["edge", "av", "ips", 0], kind: "address" },
    { path: ["edge", "reverseProxy", "ips", 0], kind: "address" },
    { path: ["edge", "reverseProxy", "hosts", 0], kind: "name" },
    { path: ["edge", "reverseProxy", "hosts", 1], kind: "name" },
    { path: ["hostnames", "accessEdge"], kind: "label" },
    { path: ["hostnames", "xmpp"], kind: "label" },
    { path: ["ttl"], kind: "number" },
    { path: ["srv", "priority"], kind: "number" },
    { path: ["srv", "weight"], kind: "number" },
    { path: ["serverVersion"], kind: "any" },
    { path: ["allowPrivateAddresses"], kind: "flag" },
    { path: ["sipDomains"], kind: "any" },
    { path: ["edge"], kind: "any" },
    { path: ["edge", "reverseProxy"], kind: "any" },
    { path: ["hostnames"], kind: "any" },
    { path: ["srv"], kind: "any" },
];

/** A valid base config for the fuzzer: every field present, so every field can be spoiled. */
export function fuzzBase(): EdgeDnsConfig {
    return {
        sipDomains: [
            "contoso.com",
            { name: "eu.contoso.com", zone: "contoso.com", mobility: true, xmpp: true },
            { name: "fabrikam.com", federationDiscovery: false, externalAccess: true },
        ],
        edge: {
            accessEdgeIps: ["131.107.155.10", "2a00:1450::10"],
            webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.20"] },
            av: { fqdn: "av.contoso.com", ips: ["131.107.155.30"] },
            reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com", "dialin.fabrikam.com"] },
        },
        hostnames: { accessEdge: "sip", xmpp: "xmpp" },
        ttl: 3600,
        srv: { priority: 0, weight: 0 },
        serverVersion: "2015",
        allowPrivateAddresses: false,
    };
}

/**
 * Odd but acceptable spellings of a valid value: what must be normalized, not
 * refused, and still come out clean (IDNA maps the fullwidth and ideographic
 * full stops to "." and drops the soft hyphen, UTS #46).
 */
function oddSpelling(valid: string): fc.Arbitrary<string> {
    return fc.constantFrom(
        valid.toUpperCase(),
        `${valid}.`,
        valid.replace(/\./g, "\uff0e"),
        valid.replace(/\./g, "\u3002"),
        valid.replace(/^(.)/, "$1\u00ad"),
        valid.replace(/^(.)/, "$1\u200b"),
        valid.replace(/^(.)/, "$1\u0301"),
    );
}

/** Valid IPv6 spellings that are not RFC 5952 (upper case, zeros written out). */
function oddAddress(valid: string): fc.Arbitrary<string> {
    return valid.includes(":")
        ? fc.constantFrom(valid.toUpperCase(), "2A00:1450:0:0:0:0:0:10", "2a00:1450:0000:0000:0000:0000:0000:0010", "2a00:1450::0:10")
        : fc.constantFrom(valid, "131.107.155.99", "203.0.113.1");
}

/** A hostile value fitting (or pointedly not fitting) a kind of field; `valid` is the base config's value there. */
function hostileFor(kind: (typeof FUZZ_FIELDS)[number]["kind"], valid: unknown): fc.Arbitrary<unknown> {
    const text = typeof valid === "string" ? valid : undefined;
    switch (kind) {
        case "name": return fc.oneof({ weight: 4, arbitrary: hostileName }, { weight: 3, arbitrary: oddSpelling(text ?? "contoso.com") }, { weight: 1, arbitrary: oddValue });
        case "address": return fc.oneof({ weight: 4, arbitrary: hostileAddress }, { weight: 2, arbitrary: oddAddress(text ?? "131.107.155.10") }, { weight: 1, arbitrary: oddValue });
        case "label": return fc.oneof({ weight: 3, arbitrary: metaString }, { weight: 2, arbitrary: tainted("sip") }, { weight: 2, arbitrary: fc.constantFrom("SIP", "sip.edge", "Access-01", "x") }, { weight: 1, arbitrary: oddValue });
        case "number": return fc.oneof(
            fc.constantFrom(0, -1, 1.5, 2_147_483_648, Number.NaN, Infinity, -0, 65_536, 1e21, "3600", "60\n$TTL 0"),
            fc.integer({ min: 1, max: 65_535 }), fc.double(), fc.bigInt(), metaString, oddValue,
        );
        case "flag": return fc.oneof(fc.boolean(), fc.constantFrom("true", 1, 0, null, "yes"), oddValue);
        case "any": return fc.oneof(oddValue, metaString, fc.json().map((j) => JSON.parse(j) as unknown));
    }
}

/** The value at `path` in `source`, if there is one. */
function valueAt(source: unknown, path: FieldPath): unknown {
    let node = source;
    for (const key of path) node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined;
    return node;
}

/** Writes `value` at `path` in `target` (creating containers on the way), and returns `target`. */
export function setAt(target: Record<string, unknown>, path: FieldPath, value: unknown): Record<string, unknown> {
    let node: Record<string | number, unknown> = target;
    for (let i = 0; i < path.length - 1; i++) {
        if (node[path[i]] === null || typeof node[path[i]] !== "object") node[path[i]] = typeof path[i + 1] === "number" ? [] : {};
        const next = node[path[i]];
        // A container that cannot hold an object (a typed array put there by an
        // earlier spoil) is left as it is: it is hostile enough already.
        if (next === null || typeof next !== "object") return target;
        node = next as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = value;
    return target;
}

/** The base config with one to three fields spoiled, and where. */
export const spoiledConfig: fc.Arbitrary<{ config: unknown; spoiled: { path: FieldPath; value: unknown }[] }> = fc.array(
    fc.constantFrom(...FUZZ_FIELDS).chain((field) => hostileFor(field.kind, valueAt(fuzzBase(), field.path)).map((value) => ({ path: field.path, value }))),
    { minLength: 1, maxLength: 3 },
).map((spoiled) => {
    const config = structuredClone(fuzzBase()) as unknown as Record<string, unknown>;
    for (const { path, value } of spoiled) setAt(config, path, value);
    return { config, spoiled };
});

