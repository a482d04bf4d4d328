/**
 * The Edge DNS rules, written once and used by the component, the CLI and
 * the CrossGuard policy pack. Each is a pure function over record sets.
 * Values that are not known yet (a preview) are never guessed at: the rule
 * lists them as undecided and judges them at update.
 */
import { parseAddress } from "../dns/addresses";
import { PRIVATE_CLASSES } from "../dns/addresses";
import { isWithin, zoneFinder } from "../dns/names";
import { FEDERATION_SRV, MICROSOFT_365_HOSTS, SRV_KINDS } from "../plan/catalogue";
import { parseSrv, type SrvValue } from "../plan/values";
import type { Finding, RecordSetFact, Rule, RuleInput } from "./model";

/**
 * The Edge SRV services of the catalogue, each with the start of its owner
 * names (`_sip._tls.`), built once rather than per record.
 */
const EDGE_SRV_OWNERS = SRV_KINDS
    // On-premises and online kinds share their services; the first (on-premises) describes each.
    .filter((kind, i) => SRV_KINDS.findIndex((k) => k.service === kind.service) === i)
    .map((kind) => ({ service: { prefix: kind.service, port: kind.port, what: kind.purpose, portSetting: kind.portSetting }, owner: `${kind.service}.` }));

/**
 * Where a domain's SRV may point, by where its users are (Microsoft, "Plan
 * hybrid connectivity" and "... all Teams Only"): an online domain's to
 * Microsoft 365 only; an on-premises or hybrid domain's never there (users
 * on premises would lose federation and push notifications), and inside the
 * domain (the same-domain rule). `"outside"` for a plain same-domain miss.
 */
function targetProblem(target: string, domain: string, input: RuleInput): string | "outside" | undefined {
    const hosting = input.domainHosting?.[domain];
    const microsoft = MICROSOFT_365_HOSTS.has(target);
    if (hosting === "online") {
        return microsoft ? undefined : `points to ${target}, but ${domain} is online (Teams Only): its records point to Microsoft 365 (sipfed/sipdir of the tenant's cloud), nothing on premises`;
    }
    if (microsoft) {
        return `points at Microsoft 365 (${target}) while the users of ${domain} are on premises${hosting === "hybrid" ? " (hybrid)" : ""}: federation and push notifications for them break; point it at the Access Edge in ${domain} until the domain moves to Teams Only (hosting: online)`;
    }
    return isWithin(target, domain) ? undefined : "outside";
}

/**
 * The Edge SRV service of a record set name, and the SIP domain it belongs
 * to. For a name whose zone is not known yet (`nameUndecided`) the service
 * still shows in its leading labels, but the domain is not known.
 */
function edgeService(name: string, exact = true): { prefix: string; port: number; what: string; portSetting?: string; domain: string | undefined } | undefined {
    for (const { service, owner } of EDGE_SRV_OWNERS) {
        if (name.startsWith(owner)) return { ...service, domain: exact ? name.slice(owner.length) : undefined };
        if (!exact && name === service.prefix) return { ...service, domain: undefined };
    }
    return undefined;
}

type EdgeSrvSet = RecordSetFact & {
    service: NonNullable<ReturnType<typeof edgeService>>;
    /** `values` parsed, once per input (undefined where a value is malformed). */
    srvs: (SrvValue | undefined)[] | undefined;
};

/**
 * Each input's Edge SRV sets, found once and shared by every rule run over
 * that input (rules never change their input); found again if its record
 * list was replaced or grew.
 */
const edgeSrvSetsOf = new WeakMap<RuleInput, { records: readonly RecordSetFact[]; length: number; sets: EdgeSrvSet[] }>();

function edgeSrvSets(input: RuleInput): EdgeSrvSet[] {
    const known = edgeSrvSetsOf.get(input);
    if (known && known.records === input.records && known.length === input.records.length) return known.sets;
    const sets: EdgeSrvSet[] = [];
    for (const r of input.records) {
        if (r.type !== "SRV") continue;
        const service = edgeService(r.name, !r.nameUndecided);
        if (service) sets.push({ ...r, service, srvs: r.values?.map(parseSrv) });
    }
    edgeSrvSetsOf.set(input, { records: input.records, length: input.records.length, sets });
    return sets;
}

/**
 * Visits every value of every Edge SRV record set that is well formed;
 * record sets whose values are unknown (a preview) are undecided, and so is
 * a set for which `visit` says it cannot judge yet.
 */
function eachEdgeSrvValue(input: RuleInput, visit: (set: EdgeSrvSet, srv: SrvValue) => Finding | "undecided" | undefined): { findings: Finding[]; undecided: string[] } {
    const findings: Finding[] = [];
    const undecided: string[] = [];
    for (const set of edgeSrvSets(input)) {
        if (set.srvs === undefined) { undecided.push(set.source); continue; }
        for (const srv of set.srvs) {
            const finding = srv ? visit(set, srv) : undefined;
            if (finding === "undecided") { undecided.push(set.source); break; }
            if (finding) findings.push(finding);
        }
    }
    return { findings, undecided };
}

/**
 * Record sets by exact name, in one pass: every rule stays linear in the
 * number of records. Sets whose name waits for their zone are not among
 * them (see `undecidedNames`).
 */
const groupsOf = new WeakMap<readonly RecordSetFact[], { length: number; byName: Map<string, RecordSetFact[]> }>();

function groupByName(records: readonly RecordSetFact[]): Map<string, RecordSetFact[]> {
    // Several rules group the same list: once per list (found again if it grew).
    const known = groupsOf.get(records);
    if (known && known.length === records.length) return known.byName;
    const byName = new Map<string, RecordSetFact[]>();
    for (const r of records) {
        if (r.nameUndecided) continue;
        const group = byName.get(r.name);
        if (group) group.push(r);
        else byName.set(r.name, [r]);
    }
    groupsOf.set(records, { length: records.length, byName });
    return byName;
}

/**
 * The record sets whose name waits for their zone (a preview), by the name
 * as given, and a lookup of those that may turn out to be a given absolute
 * name: a given `sip` becomes `sip.<zone>`, a given `sip.contoso.com` stays
 * itself in contoso.com, so the candidates for `sip.contoso.com` are those
 * given as one of its leading label runs. One set probe per label: rules
 * stay linear however many names they look up.
 */
function undecidedNames(records: readonly RecordSetFact[], accept: (r: RecordSetFact) => boolean): (name: string) => RecordSetFact[][] {
    const byGiven = new Map<string, RecordSetFact[]>();
    for (const r of records) {
        if (!r.nameUndecided || !accept(r)) continue;
        const group = byGiven.get(r.name);
        if (group) group.push(r);
        else byGiven.set(r.name, [r]);
    }
    return (name) => {
        const groups: RecordSetFact[][] = [];
        if (byGiven.size === 0) return groups;
        for (let prefix = name; ; ) {
            const group = byGiven.get(prefix);
            if (group) groups.push(group);
            const dot = prefix.lastIndexOf(".");
            if (dot < 0) return groups;
            prefix = prefix.slice(0, dot);
        }
    };
}

/** Every leading label run of each name (`sip.contoso.com`, `sip.contoso`, `sip`): what an undecided name may expand to. */
function leadingRuns(names: Iterable<string>): Set<string> {
    const runs = new Set<string>();
    for (const name of names) {
        for (let prefix = name; prefix !== "" && !runs.has(prefix); ) {
            runs.add(prefix);
            const dot = prefix.lastIndexOf(".");
            prefix = dot < 0 ? "" : prefix.slice(0, dot);
        }
    }
    return runs;
}

/**
 * Undecided sources, each said once: a group of candidate record sets is
 * added the first time it matters, not once per domain or target that it
 * may be (which made the mobility rule quadratic at preview).
 */
class Undecided {
    private readonly sources = new Set<string>();
    private readonly groups = new Set<RecordSetFact[]>();
    add(source: string): void {
        this.sources.add(source);
    }
    addGroups(groups: RecordSetFact[][]): void {
        for (const group of groups) {
            if (this.groups.has(group)) continue;
            this.groups.add(group);
            for (const r of group) this.sources.add(r.source);
        }
    }
    list(): string[] {
        return [...this.sources];
    }
}

function list(items: string[]): string {
    return items.join(", ");
}

/** Mobility: exactly one `_sipfederationtls._tcp.<domain>` set, one value, port 5061, target in the domain. */
export const mobilityFederationSrv: Rule = {
    name: "lync-mobility-federation-srv",
    description: "Every SIP domain with Lync Mobile users has exactly one _sipfederationtls._tcp SRV record (one value, port 5061, target inside the domain): the push notification clearing house reaches the domain only through it.",
    defaultLevel: "mandatory",
    check(input) {
        const findings: Finding[] = [];
        const undecided = new Undecided();
        const srvByName = groupByName(input.records.filter((r) => r.type === "SRV"));
        // Federation SRVs whose zone is not known yet may be any domain's.
        const mayBe = undecidedNames(input.records, (r) => r.type === "SRV" && edgeService(r.name, false)?.prefix === FEDERATION_SRV.service);
        const unreadable = input.unreadableSources ?? [];
        let needsUnreadable = false;
        for (const domain of [...new Set(input.mobilityDomains)].sort()) {
            const name = `${FEDERATION_SRV.service}.${domain}`;
            const sets = srvByName.get(name) ?? [];
            // A missing set may be among the unreadable records; a second one
            // among the undecided names. The unreadable are added once, after
            // the loop: adding them per domain made a preview quadratic.
            if (sets.length === 0 && unreadable.length > 0) {
                needsUnreadable = true;
                undecided.addGroups(mayBe(name));
                continue;
            }
            const candidates = sets.length < 2 ? mayBe(name) : [];
            if (candidates.length > 0) {
                undecided.addGroups(candidates);
                for (const set of sets) undecided.add(set.source);
                continue;
            }
            if (sets.length === 0) {
                findings.push({ sources: [], message: `${domain} has mobility but no ${name} SRV record set: push notifications to Lync Mobile clients cannot reach the domain. Publish exactly one (LyncEdgeDns does when mobility is true).` });
                continue;
            }
            if (sets.length > 1) {
                const sources = sets.map((s) => s.source).sort();
                findings.push({ sources, message: `${domain} has mobility and ${sets.length} ${name} SRV record sets; exactly one is allowed: ${list(sources)}` });
                continue;
            }
            const [set] = sets;
            if (!set) continue; // one set here: the cases of none and of more are above
            if (set.values === undefined) { undecided.add(set.source); continue; }
            const [value] = set.values;
            if (set.values.length !== 1 || value === undefined) {
                findings.push({ sources: [set.source], message: `${domain} has mobility and ${name} holds ${set.values.length} values (${list(set.values)}); exactly one is allowed: ${set.source}` });
                continue;
            }
            const srv = parseSrv(value);
            if (!srv) {
                findings.push({ sources: [set.source], message: `${name} holds ${JSON.stringify(value)}, which is not an SRV value (priority weight port target): ${set.source}` });
            } else if (srv.port !== FEDERATION_SRV.port) {
                findings.push({ sources: [set.source], message: `${name} (mobility domain ${domain}) points to port ${srv.port}; it must be ${FEDERATION_SRV.port}: ${set.source}` });
            } else {
                const problem = targetProblem(srv.target, domain, input);
                if (problem === "outside") {
                    findings.push({ sources: [set.source], message: `${name} (mobility domain ${domain}) points to ${srv.target}, outside ${domain}; the target must lie inside the domain: ${set.source}` });
                } else if (problem) {
                    findings.push({ sources: [set.source], message: `${name} (mobility domain ${domain}) ${problem}: ${set.source}` });
                }
            }
        }
        if (needsUnreadable) for (const source of unreadable) undecided.add(source);
        return { findings, undecided: undecided.list() };
    },
};

/** Ports: 5061 for federation, 5269 for XMPP, 443 for external access. */
export const federationPorts: Rule = {
    name: "lync-federation-ports",
    description: "_sipfederationtls._tcp points to port 5061, _xmpp-server._tcp to 5269 and _sip._tls to 443, as the Edge listens.",
    defaultLevel: "mandatory",
    // _sip._tls may point to the Access Edge's own client port (a single-IP Edge).
    check: (input) => eachEdgeSrvValue(input, (set, srv) => {
        const allowed = [set.service.port, ...(set.service.portSetting ? input.accessEdgeClientPorts ?? [] : [])];
        return allowed.includes(srv.port) ? undefined : {
            sources: [set.source],
            message: `${set.name} (${set.service.what}) points to port ${srv.port}; it must be ${[...new Set(allowed)].join(" or ")}: ${set.source}`,
        };
    }),
};

/** RFC 2782: an SRV target has A/AAAA records and is not an alias. */
function srvTargetCheck(managed: boolean): Rule["check"] {
    return (input) => {
        const findings: Finding[] = [];
        const undecided: string[] = [];
        const byName = groupByName(input.records);
        // Address or alias sets whose zone is not known yet may be any target.
        const mayBe = undecidedNames(input.records, (r) => r.type === "A" || r.type === "AAAA" || r.type === "CNAME");
        const zoneOf = zoneFinder(input.managedZones);
        const checked = new Set<string>();
        const undecidedSets = new Undecided();
        let candidates: RecordSetFact[][];
        for (const set of edgeSrvSets(input)) {
            if (set.values === undefined) { undecided.push(set.source); continue; }
            for (const value of set.values) {
                const target = parseSrv(value)?.target;
                // Microsoft 365's own hosts are Microsoft's to keep; nothing to check here.
                if (!target || target === "" || MICROSOFT_365_HOSTS.has(target) || checked.has(`${set.source} ${target}`)) continue;
                checked.add(`${set.source} ${target}`);
                const inManagedZone = zoneOf(target) !== undefined;
                if (inManagedZone !== managed) continue;
                const here = byName.get(target) ?? [];
                const cname = here.find((r) => r.type === "CNAME");
                if (cname) {
                    findings.push({ sources: [set.source, cname.source], message: `${set.name} points to ${target}, which is a CNAME (${cname.source}); an SRV target must not be an alias (RFC 2782): point the SRV at the host's A/AAAA name` });
                } else if (here.some((r) => r.type === "A" || r.type === "AAAA")) {
                    continue;
                } else if ((candidates = mayBe(target)).length > 0) {
                    undecided.push(set.source);
                    undecidedSets.addGroups(candidates);
                } else {
                    findings.push({
                        sources: [set.source],
                        message: managed
                            ? `${set.name} points to ${target}, which has no A or AAAA record set in this stack although its zone is managed here (RFC 2782: the target must have address records): ${set.source}`
                            : `${set.name} points to ${target}, outside the zones this stack manages; make sure it has A or AAAA records and is not a CNAME (RFC 2782): ${set.source}`,
                    });
                }
            }
        }
        return { findings, undecided: [...undecided, ...undecidedSets.list()] };
    };
}

/** RFC 2782 for targets in a zone this stack manages: their addresses must be here. */
export const srvTargetAddress: Rule = {
    name: "lync-srv-target-address",
    description: "An Edge SRV record's target in a zone this stack manages has an A or AAAA record set here and is not a CNAME (RFC 2782).",
    defaultLevel: "mandatory",
    check: srvTargetCheck(true),
};

/** The same for targets elsewhere, which this stack cannot see: a reminder. */
export const srvTargetAddressExternal: Rule = {
    name: "lync-srv-target-address-external",
    description: "An Edge SRV record's target outside the zones this stack manages must have A or AAAA records elsewhere and must not be a CNAME (RFC 2782); this stack cannot check it.",
    defaultLevel: "advisory",
    check: srvTargetCheck(false),
};

/** Microsoft's same-domain rule: `_sip._tls.contoso.com` points into contoso.com. */
export const srvSameDomain: Rule = {
    name: "lync-srv-same-domain",
    description: "An Edge SRV record points to a host inside its own SIP domain (an SRV in contoso.com to sip.contoso.com, not to a host in fabrikam.com); an online (Teams Only) domain's points to Microsoft 365, and no other domain's does.",
    defaultLevel: "advisory",
    // A target of "." says "no service here" (RFC 2782): nothing to judge.
    // A set whose zone is not known yet has no known domain: judged at update.
    check: (input) => eachEdgeSrvValue(input, (set, srv) => {
        if (srv.target === "") return undefined;
        const domain = set.service.domain;
        if (domain === undefined) return "undecided";
        const problem = targetProblem(srv.target, domain, input);
        if (problem === undefined) return undefined;
        return {
            sources: [set.source],
            message: problem === "outside"
                ? `${set.name} points to ${srv.target}, outside its SIP domain ${domain}; Lync and Skype for Business expect the target inside the same domain: ${set.source}`
                : `${set.name} ${problem}: ${set.source}`,
        };
    }),
};

/** Public addresses in the Edge's records. */
export const publicAddresses: Rule = {
    name: "lync-public-addresses",
    description: "The Edge's A/AAAA records hold public addresses: no private, loopback, link-local, CGNAT, multicast, unspecified or unique-local address (unless allowPrivateAddresses).",
    defaultLevel: "mandatory",
    check(input) {
        const findings: Finding[] = [];
        const undecided: string[] = [];
        if (input.allowPrivateAddresses) return { findings, undecided };
        const targets = new Set(edgeSrvSets(input).flatMap((s) => (s.values ?? []).map((v) => parseSrv(v)?.target ?? "")));
        // What a set whose zone is not known yet may turn out to be a target as.
        let targetRuns: Set<string> | undefined;
        const mayBeTarget = (name: string) => (targetRuns ??= leadingRuns(targets)).has(name);
        // The same few Edge addresses fill thousands of record sets: parse each once.
        const classes = new Map<string, string | undefined>();
        const privateClass = (value: string): string | undefined => {
            if (!classes.has(value)) {
                const parsed = parseAddress(value);
                classes.set(value, parsed.ok && PRIVATE_CLASSES.has(parsed.value.class) ? parsed.value.class : undefined);
            }
            return classes.get(value);
        };
        for (const set of input.records) {
            if (set.type !== "A" && set.type !== "AAAA") continue;
            // An Edge record is judged whatever its name; another set only as
            // an SRV target, which a set whose zone is not known yet may be.
            const maybe = !set.edge && set.nameUndecided === true;
            if (!(set.edge || (maybe ? mayBeTarget(set.name) : targets.has(set.name)))) continue;
            if (set.values === undefined) { undecided.push(set.source); continue; }
            const bad = set.values.flatMap((value) => {
                const kind = privateClass(value);
                return kind !== undefined ? [`${value} (${kind})`] : [];
            });
            if (bad.length > 0 && maybe) {
                undecided.push(set.source);
            } else if (bad.length > 0) {
                findings.push({ sources: [set.source], message: `${set.name} ${set.type} holds non-public ${bad.length === 1 ? "address" : "addresses"} ${list(bad)}; federation partners and remote clients cannot reach it (set allowPrivateAddresses for a lab or internal zone): ${set.source}` });
            }
        }
        return { findings, undecided };
    },
};

/** Every rule, in the order they are reported. */
export const RULES: readonly Rule[] = [
    mobilityFederationSrv,
    federationPorts,
    srvTargetAddress,
    srvTargetAddressExternal,
    srvSameDomain,
    publicAddresses,
];
