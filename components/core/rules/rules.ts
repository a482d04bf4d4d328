/**
 * The Edge DNS rules, written once and used by the component, the CLI and
 * the CrossGuard policy pack. Each is a pure function over record sets.
 * Values that are not known yet (a preview) are never guessed at: the rule
 * lists them as undecided and judges them at update.
 */
import { parseAddress } from "../dns/addresses";
import { PRIVATE_CLASSES } from "../dns/addresses";
import { isWithin, quote, withoutTrailingDot } from "../dns/names";
import { FEDERATION_SRV, MICROSOFT_365_HOSTS, MICROSOFT_365_SUFFIXES, microsoft365HostOf, microsoft365Target, TEAMS_ONLY_HOSTS, type Microsoft365Host } from "../plan/catalogue";
import type { Microsoft365Cloud } from "../config/types";
import type { SrvValue } from "../plan/values";
import type { Finding, RecordSetFact, Rule, RuleInput } from "./model";
import { edgeService, sharedPass, type EdgeSrvSet, type SrvTargetStep } from "./shared-pass";

/**
 * Where a domain's SRV may point, by where its users are (Microsoft, "Plan
 * hybrid connectivity" and "... all Teams Only"): an online domain's to
 * Microsoft 365 only; an on-premises or hybrid domain's never there (users
 * on premises would lose federation and push notifications), and inside the
 * domain (the same-domain rule). `"outside"` for a plain same-domain miss.
 */
function targetProblem(target: string, domain: string, service: string, input: RuleInput): string | "outside" | undefined {
    const hosting = input.domainHosting?.[domain];
    const microsoft = MICROSOFT_365_HOSTS.has(target);
    if (hosting === "online") return onlineTargetProblem(target, domain, service, input);
    if (microsoft) {
        return `points at Microsoft 365 (${target}) while the users of ${domain} are on premises${hosting === "hybrid" ? " (hybrid)" : ""}: federation and push notifications for them break; point it at the Access Edge in ${domain} until the domain moves to Teams Only (hosting: online)`;
    }
    return isWithin(target, domain) ? undefined : "outside";
}

/**
 * An online domain's SRV points to Microsoft 365's host for its service, in
 * the tenant's cloud (Microsoft, "Update DNS entries to enable your
 * organization to be all Teams Only": the records "must hold exactly these
 * values"; the GCC High, DoD and 21Vianet pages for the other clouds).
 */
function onlineTargetProblem(target: string, domain: string, service: string, input: RuleInput): string | undefined {
    const host = microsoft365HostOf(service);
    const where = `${domain} is online (Teams Only)`;
    if (host === undefined) return `points to ${target}, but ${where}, and Microsoft 365 publishes no ${service}: remove it`;
    const cloud = input.domainCloud?.[domain];
    const expected = tenantHost(host, cloud);
    if (isTenantHost(target, host, cloud)) return undefined;
    return expected !== undefined
        ? `points to ${target}, but ${where}: its ${service} points to ${expected}, Microsoft 365's ${host} host in the tenant's cloud (${cloud})`
        : `points to ${target}, but ${where}: its ${service} points to Microsoft 365's ${host} host in the tenant's cloud (${host}.online.lync.com worldwide)`;
}

/** Microsoft 365's `host` in the tenant's `cloud`, when the cloud is known. */
function tenantHost(host: Microsoft365Host, cloud: string | undefined): string | undefined {
    return cloud !== undefined && Object.hasOwn(MICROSOFT_365_SUFFIXES, cloud) ? microsoft365Target(host, cloud as Microsoft365Cloud) : undefined;
}

/** `target` is Microsoft 365's `host` in the tenant's cloud; with the cloud unknown, in any cloud. */
function isTenantHost(target: string, host: Microsoft365Host, cloud: string | undefined): boolean {
    const expected = tenantHost(host, cloud);
    return expected !== undefined ? target === expected : MICROSOFT_365_HOSTS.has(target) && target.startsWith(`${host}.`);
}

/**
 * Visits every value of every Edge SRV record set that is well formed, and
 * with `malformed` every value that is not; record sets whose values are
 * unknown (a preview) are undecided, and so is a set for which `visit` says
 * it cannot judge yet.
 */
function eachEdgeSrvValue(
    input: RuleInput,
    visit: (set: EdgeSrvSet, srv: SrvValue) => Finding | "undecided" | undefined,
    malformed?: (set: EdgeSrvSet, value: string) => Finding | undefined,
): { findings: Finding[]; undecided: string[] } {
    const findings: Finding[] = [];
    const undecided: string[] = [];
    // Indexed loops over the sets: a rule runs once per input, mostly before
    // the optimizer has seen it, and an unoptimized for...of makes an object a step.
    const sets = sharedPass(input).edgeSrvSets;
    for (let i = 0; i < sets.length; i++) {
        const set = sets[i] as EdgeSrvSet;
        if (set.srvs === undefined) { undecided.push(set.record.source); continue; }
        for (let j = 0; j < set.srvs.length; j++) {
            const srv = set.srvs[j];
            const finding = srv ? visit(set, srv) : malformed?.(set, set.record.values?.[j] as string);
            if (finding === "undecided") { undecided.push(set.record.source); break; }
            if (finding) findings.push(finding);
        }
    }
    return { findings, undecided };
}

/**
 * Of the record sets whose name waits for their zone (a preview; the shared
 * pass lists them), those `accept` takes, by the name as given, and a lookup
 * of those that may turn out to be a given absolute name: a given `sip`
 * becomes `sip.<zone>`, a given `sip.contoso.com` stays itself in
 * contoso.com, so the candidates for `sip.contoso.com` are those given as
 * one of its leading label runs. One set probe per label: rules stay linear
 * however many names they look up.
 */
function undecidedNames(nameUndecided: readonly RecordSetFact[], accept: (r: RecordSetFact) => boolean): ((name: string) => readonly RecordSetFact[][]) | undefined {
    const byGiven = new Map<string, RecordSetFact[]>();
    for (const r of nameUndecided) {
        if (!accept(r)) continue;
        const group = byGiven.get(r.name);
        if (group) group.push(r);
        else byGiven.set(r.name, [r]);
    }
    // None (as at every update): no lookup at all.
    if (byGiven.size === 0) return undefined;
    return (name) => {
        const groups: RecordSetFact[][] = [];
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
    addGroups(groups: readonly RecordSetFact[][]): void {
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

const NO_SETS: readonly EdgeSrvSet[] = [];
const NO_RECORDS: readonly RecordSetFact[] = [];
const NO_GROUPS: readonly RecordSetFact[][] = [];


function list(items: string[]): string {
    return items.join(", ");
}

/** A domain's federation SRV name, made where a message or a lookup needs it (not per domain). */
function federationName(domain: string): string {
    return `${FEDERATION_SRV.service}.${domain}`;
}

/** Mobility: exactly one `_sipfederationtls._tcp.<domain>` set, one value, port 5061, target in the domain. */
export const mobilityFederationSrv: Rule = {
    name: "lync-mobility-federation-srv",
    description: "Every SIP domain with Lync Mobile users has exactly one _sipfederationtls._tcp SRV record (one value, port 5061, target inside the domain): the push notification clearing house reaches the domain only through it.",
    defaultLevel: "mandatory",
    check(input) {
        const findings: Finding[] = [];
        const undecided = new Undecided();
        const { federationSets, nameUndecided } = sharedPass(input);
        // Federation SRVs whose zone is not known yet may be any domain's.
        const mayBe = undecidedNames(nameUndecided, (r) => r.type === "SRV" && edgeService(r.name, false)?.prefix === FEDERATION_SRV.service);
        const unreadable = input.unreadableSources ?? [];
        let needsUnreadable = false;
        const domains = [...new Set(input.mobilityDomains)].sort();
        for (let i = 0; i < domains.length; i++) {
            const domain = domains[i] as string;
            const sets = federationSets.get(domain) ?? NO_SETS;
            // A missing set, or a second one, may be among the unreadable
            // records (their names are not known yet), and among the
            // undecided names. The unreadable are added once, after the
            // loop: adding them per domain made a preview quadratic.
            if (sets.length === 0 && unreadable.length > 0) {
                needsUnreadable = true;
                if (mayBe) undecided.addGroups(mayBe(federationName(domain)));
                continue;
            }
            // One set known: whether it is the only one waits for the unreadable records,
            // but its own faults (port, values, target) are certain now and reported below.
            if (sets.length === 1 && unreadable.length > 0) needsUnreadable = true;
            const candidates = sets.length < 2 && mayBe ? mayBe(federationName(domain)) : NO_GROUPS;
            if (candidates.length > 0) {
                undecided.addGroups(candidates);
                for (const set of sets) undecided.add(set.record.source);
                continue;
            }
            if (sets.length === 0) {
                findings.push({ sources: [], message: `${domain} has mobility but no ${federationName(domain)} SRV record set: push notifications to Lync Mobile clients cannot reach the domain. Publish exactly one (LyncEdgeDns does when mobility is true).` });
                continue;
            }
            if (sets.length > 1) {
                const sources = sets.map((s) => s.record.source).sort();
                findings.push({ sources, message: `${domain} has mobility and ${sets.length} ${federationName(domain)} SRV record sets; exactly one is allowed: ${list(sources)}` });
                continue;
            }
            const only = sets[0];
            if (!only) continue; // one set here: the cases of none and of more are above
            const set = only.record;
            if (set.values === undefined) { undecided.add(set.source); continue; }
            const value = set.values[0];
            if (set.values.length !== 1 || value === undefined) {
                findings.push({ sources: [set.source], message: `${domain} has mobility and ${federationName(domain)} holds ${set.values.length} values (${list(set.values)}); exactly one is allowed: ${set.source}` });
                continue;
            }
            // The value as the shared pass parsed it.
            const srv = only.srvs?.[0];
            if (!srv) {
                findings.push({ sources: [set.source], message: `${federationName(domain)} holds ${JSON.stringify(value)}, which is not an SRV value (priority weight port target): ${set.source}` });
            } else if (srv.port !== FEDERATION_SRV.port) {
                findings.push({ sources: [set.source], message: `${federationName(domain)} (mobility domain ${domain}) points to port ${srv.port}; it must be ${FEDERATION_SRV.port}: ${set.source}` });
            } else {
                const problem = targetProblem(srv.target, domain, FEDERATION_SRV.service, input);
                if (problem === "outside") {
                    findings.push({ sources: [set.source], message: `${federationName(domain)} (mobility domain ${domain}) points to ${srv.target}, outside ${domain}; the target must lie inside the domain: ${set.source}` });
                } else if (problem) {
                    findings.push({ sources: [set.source], message: `${federationName(domain)} (mobility domain ${domain}) ${problem}: ${set.source}` });
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
    check: (input) => {
        const anyDomain = input.accessEdgeClientPorts ?? [];
        const byDomain = input.accessEdgeClientPortsByDomain;
        // A domain's _sip._tls may use its own Edge's client port, not another Edge's in the same stack.
        const clientPortsOf = (set: EdgeSrvSet): readonly number[] =>
            !set.service.portSetting ? [] : byDomain === undefined || set.domain === undefined ? anyDomain : byDomain.get(set.domain) ?? [];
        const allowedFor = (set: EdgeSrvSet) => [...new Set([set.service.port, ...clientPortsOf(set)])].join(" or ");
        return eachEdgeSrvValue(input, (set, srv) => {
            if (srv.port === set.service.port || clientPortsOf(set).includes(srv.port)) return undefined;
            return {
                sources: [set.record.source],
                message: `${set.record.name} (${set.service.what}) points to port ${srv.port}; it must be ${allowedFor(set)}: ${set.record.source}`,
            };
        }, (set, value) => ({
            // A value that is no SRV value points to no port at all: a typo (`5061 sip.contoso.com.`) that
            // the Edge's partners would meet as a broken record, so it is as wrong as a wrong port.
            sources: [set.record.source],
            message: `${set.record.name} (${set.service.what}) holds ${quote(value)}, which is not an SRV value (priority weight port target); it must point to port ${allowedFor(set)}: ${set.record.source}`,
        }));
    },
};

/** RFC 2782: an SRV target has A/AAAA records and is not an alias. */
function srvTargetCheck(managed: boolean): Rule["check"] {
    return (input) => {
        const findings: Finding[] = [];
        const undecided: string[] = [];
        const { addressesByName, nameUndecided, srvTargetSteps } = sharedPass(input);
        // Address or alias sets whose zone is not known yet may be any target.
        const mayBe = undecidedNames(nameUndecided, (r) => r.type === "A" || r.type === "AAAA" || r.type === "CNAME");
        const undecidedSets = new Undecided();
        let candidates: readonly RecordSetFact[][];
        // Each source's targets once, Microsoft 365's own hosts left out (Microsoft's to keep).
        const steps = srvTargetSteps();
        for (let i = 0; i < steps.length; i++) {
            const { set, target, inManagedZone } = steps[i] as SrvTargetStep;
            if (target === undefined) { undecided.push(set.record.source); continue; }
            if (inManagedZone !== managed) continue;
            const here = addressesByName.get(target) ?? NO_RECORDS;
            const cname = here.find((r) => r.type === "CNAME");
            if (cname) {
                findings.push({ sources: [set.record.source, cname.source], message: `${set.record.name} points to ${target}, which is a CNAME (${cname.source}); an SRV target must not be an alias (RFC 2782): point the SRV at the host's A/AAAA name: ${set.record.source}` });
            } else if (here.some((r) => r.type === "A" || r.type === "AAAA")) {
                continue;
            } else if (mayBe && (candidates = mayBe(target)).length > 0) {
                undecided.push(set.record.source);
                undecidedSets.addGroups(candidates);
            } else {
                findings.push({
                    sources: [set.record.source],
                    message: managed
                        ? `${set.record.name} points to ${target}, which has no A or AAAA record set in this stack although its zone is managed here (RFC 2782: the target must have address records): ${set.record.source}`
                        : `${set.record.name} points to ${target}, outside the zones this stack manages; make sure it has A or AAAA records and is not a CNAME (RFC 2782): ${set.record.source}`,
                });
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
        const domain = set.domain;
        if (domain === undefined) return "undecided";
        const problem = targetProblem(srv.target, domain, set.service.prefix, input);
        if (problem === undefined) return undefined;
        return {
            sources: [set.record.source],
            message: problem === "outside"
                ? `${set.record.name} points to ${srv.target}, outside its SIP domain ${domain}; Lync and Skype for Business expect the target inside the same domain: ${set.record.source}`
                : `${set.record.name} ${problem}: ${set.record.source}`,
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
        // The SRV targets (found when a set that is not the Edge's asks).
        const { srvTargets } = sharedPass(input);
        // What a set whose zone is not known yet may turn out to be a target as.
        let targetRuns: Set<string> | undefined;
        const mayBeTarget = (name: string) => (targetRuns ??= leadingRuns(srvTargets())).has(name);
        // The same few Edge addresses fill thousands of record sets: parse each once
        // (null: a public address).
        const classes = new Map<string, string | null>();
        const privateClass = (value: string): string | undefined => {
            let kind = classes.get(value);
            if (kind === undefined) {
                const parsed = parseAddress(value);
                kind = parsed.ok && PRIVATE_CLASSES.has(parsed.value.class) ? parsed.value.class : null;
                classes.set(value, kind);
            }
            return kind ?? undefined;
        };
        for (let i = 0; i < input.records.length; i++) {
            const set = input.records[i] as RecordSetFact;
            if (set.type !== "A" && set.type !== "AAAA") continue;
            // An Edge record is judged whatever its name; another set only as
            // an SRV target, which a set whose zone is not known yet may be.
            const maybe = !set.edge && set.nameUndecided === true;
            if (!(set.edge || (maybe ? mayBeTarget(set.name) : srvTargets().has(set.name)))) continue;
            if (set.values === undefined) { undecided.push(set.source); continue; }
            let bad: string[] | undefined;
            // A component that allowed private addresses published these; a record made by hand is judged all the same.
            const allowed = set.edge ? input.allowedPrivateAddresses : undefined;
            for (let j = 0; j < set.values.length; j++) {
                const value = set.values[j] as string;
                if (allowed !== undefined && allowed.has(value)) continue;
                const kind = privateClass(value);
                if (kind !== undefined) (bad ??= []).push(`${value} (${kind})`);
            }
            if (bad === undefined) continue;
            if (maybe) {
                undecided.push(set.source);
            } else {
                findings.push({ sources: [set.source], message: `${set.name} ${set.type} holds non-public ${bad.length === 1 ? "address" : "addresses"} ${list(bad)}; federation partners and remote clients cannot reach it (set allowPrivateAddresses for a lab or internal zone): ${set.source}` });
            }
        }
        return { findings, undecided };
    },
};

/**
 * Records left on an online (Teams Only) domain that still point on premises
 * (Microsoft, "Update DNS entries to enable your organization to be all Teams
 * Only": `sip` and `lyncdiscover` deleted, or CNAMEs to `sipdir` and `webdir`
 * "with exactly these values"; `meet` and `dialin` deleted).
 */
export const onlineDomainRecords: Rule = {
    name: "lync-online-domain-records",
    description: "An online (Teams Only) domain keeps nothing that points on premises: sip and lyncdiscover are absent or CNAMEs to Microsoft 365's sipdir and webdir in the tenant's cloud, and meet and dialin are absent (Microsoft: records that point elsewhere make the switch to Teams Only fail).",
    defaultLevel: "advisory",
    check(input) {
        const findings: Finding[] = [];
        const undecided: string[] = [];
        const online = Object.keys(input.domainHosting ?? {}).filter((d) => input.domainHosting?.[d] === "online");
        if (online.length === 0) return { findings, undecided };
        const { addressesByName, nameUndecided } = sharedPass(input);
        for (const domain of online) {
            const where = `${domain} is online (Teams Only)`;
            const cloud = input.domainCloud?.[domain];
            for (const [label, host] of TEAMS_ONLY_HOSTS) {
                const name = `${label}.${domain}`;
                for (const set of addressesByName.get(name) ?? []) {
                    if (set.values === undefined) { undecided.push(set.source); continue; }
                    const shown = `${name} ${set.type} ${list(set.values)}`;
                    if (host === undefined) {
                        findings.push({ sources: [set.source], message: `${shown}: ${where}, and Microsoft's Teams Only checklist deletes ${name}: its meetings are in Microsoft 365: ${set.source}` });
                        continue;
                    }
                    // DNS names ignore case (RFC 4343): a target in capitals is the same host.
                    const target = set.type === "CNAME" && set.values.length === 1 ? withoutTrailingDot(set.values[0] as string).toLowerCase() : undefined;
                    if (target !== undefined && isTenantHost(target, host, cloud)) continue;
                    findings.push({ sources: [set.source], message: `${shown}: ${where}, so ${name} is to be deleted, or a CNAME to ${tenantHost(host, cloud) ?? `${host}.<the tenant's cloud>`} (Microsoft 365's ${host} in the tenant's cloud; microsoft365.legacyClientRecords): ${set.source}` });
                }
            }
        }
        // A record whose zone is not known yet (a preview) may be one of them, if its name as given starts with one of the labels.
        for (const set of nameUndecided) {
            if ((set.type === "A" || set.type === "AAAA" || set.type === "CNAME") && TEAMS_ONLY_HOSTS.has(set.name.split(".", 1)[0] as string)) undecided.push(set.source);
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
    onlineDomainRecords,
];
