/**
 * The Edge DNS rules, written once and used by the component, the CLI and
 * the CrossGuard policy pack. Each is a pure function over record sets.
 * Values that are not known yet (a preview) are never guessed at: the rule
 * lists them as undecided and judges them at update.
 */
import { parseAddress } from "../dns/addresses";
import { PRIVATE_CLASSES } from "../dns/addresses";
import { isWithin, zoneFinder } from "../dns/names";
import { FEDERATION_SRV, srvKindOfName } from "../plan/catalogue";
import { parseSrv, type SrvValue } from "../plan/values";
import type { Finding, RecordSetFact, Rule, RuleInput } from "./model";

/** The Edge SRV service of a record set name (from the catalogue), and the SIP domain it belongs to. */
function edgeService(name: string): { prefix: string; port: number; what: string; domain: string } | undefined {
    const found = srvKindOfName(name);
    return found && { prefix: found.kind.service, port: found.kind.port, what: found.kind.purpose, domain: found.domain };
}

function edgeSrvSets(input: RuleInput): (RecordSetFact & { service: NonNullable<ReturnType<typeof edgeService>> })[] {
    const sets: (RecordSetFact & { service: NonNullable<ReturnType<typeof edgeService>> })[] = [];
    for (const r of input.records) {
        if (r.type !== "SRV") continue;
        const service = edgeService(r.name);
        if (service) sets.push({ ...r, service });
    }
    return sets;
}

type EdgeSrvSet = ReturnType<typeof edgeSrvSets>[number];

/**
 * Visits every value of every Edge SRV record set that is well formed;
 * record sets whose values are unknown (a preview) are undecided.
 */
function eachEdgeSrvValue(input: RuleInput, visit: (set: EdgeSrvSet, srv: SrvValue) => Finding | undefined): { findings: Finding[]; undecided: string[] } {
    const findings: Finding[] = [];
    const undecided: string[] = [];
    for (const set of edgeSrvSets(input)) {
        if (set.values === undefined) { undecided.push(set.source); continue; }
        for (const value of set.values) {
            const srv = parseSrv(value);
            const finding = srv ? visit(set, srv) : undefined;
            if (finding) findings.push(finding);
        }
    }
    return { findings, undecided };
}

/** Record sets by name, in one pass: every rule stays linear in the number of records. */
function groupByName(records: readonly RecordSetFact[]): Map<string, RecordSetFact[]> {
    const byName = new Map<string, RecordSetFact[]>();
    for (const r of records) {
        const group = byName.get(r.name);
        if (group) group.push(r);
        else byName.set(r.name, [r]);
    }
    return byName;
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
        const undecided: string[] = [];
        const srvByName = groupByName(input.records.filter((r) => r.type === "SRV"));
        for (const domain of [...new Set(input.mobilityDomains)].sort()) {
            const name = `${FEDERATION_SRV.service}.${domain}`;
            const sets = srvByName.get(name) ?? [];
            if (sets.length === 0 && (input.unreadableSources ?? []).length > 0) {
                undecided.push(...(input.unreadableSources ?? []));
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
            if (set.values === undefined) { undecided.push(set.source); continue; }
            if (set.values.length !== 1) {
                findings.push({ sources: [set.source], message: `${domain} has mobility and ${name} holds ${set.values.length} values (${list(set.values)}); exactly one is allowed: ${set.source}` });
                continue;
            }
            const srv = parseSrv(set.values[0]);
            if (!srv) {
                findings.push({ sources: [set.source], message: `${name} holds ${JSON.stringify(set.values[0])}, which is not an SRV value (priority weight port target): ${set.source}` });
            } else if (srv.port !== FEDERATION_SRV.port) {
                findings.push({ sources: [set.source], message: `${name} (mobility domain ${domain}) points to port ${srv.port}; it must be ${FEDERATION_SRV.port}: ${set.source}` });
            } else if (!isWithin(srv.target, domain)) {
                findings.push({ sources: [set.source], message: `${name} (mobility domain ${domain}) points to ${srv.target}, outside ${domain}; the target must lie inside the domain: ${set.source}` });
            }
        }
        return { findings, undecided };
    },
};

/** Ports: 5061 for federation, 5269 for XMPP, 443 for external access. */
export const federationPorts: Rule = {
    name: "lync-federation-ports",
    description: "_sipfederationtls._tcp points to port 5061, _xmpp-server._tcp to 5269 and _sip._tls to 443, as the Edge listens.",
    defaultLevel: "mandatory",
    check: (input) => eachEdgeSrvValue(input, (set, srv) => (srv.port === set.service.port ? undefined : {
        sources: [set.source],
        message: `${set.name} (${set.service.what}) points to port ${srv.port}; it must be ${set.service.port}: ${set.source}`,
    })),
};

/** RFC 2782: an SRV target has A/AAAA records and is not an alias. */
function srvTargetCheck(managed: boolean): Rule["check"] {
    return (input) => {
        const findings: Finding[] = [];
        const undecided: string[] = [];
        const byName = groupByName(input.records);
        const zoneOf = zoneFinder(input.managedZones);
        const checked = new Set<string>();
        for (const set of edgeSrvSets(input)) {
            if (set.values === undefined) { undecided.push(set.source); continue; }
            for (const value of set.values) {
                const target = parseSrv(value)?.target;
                if (!target || target === "" || checked.has(`${set.source} ${target}`)) continue;
                checked.add(`${set.source} ${target}`);
                const inManagedZone = zoneOf(target) !== undefined;
                if (inManagedZone !== managed) continue;
                const here = byName.get(target) ?? [];
                const cname = here.find((r) => r.type === "CNAME");
                if (cname) {
                    findings.push({ sources: [set.source, cname.source], message: `${set.name} points to ${target}, which is a CNAME (${cname.source}); an SRV target must not be an alias (RFC 2782): point the SRV at the host's A/AAAA name` });
                } else if (!here.some((r) => r.type === "A" || r.type === "AAAA")) {
                    findings.push({
                        sources: [set.source],
                        message: managed
                            ? `${set.name} points to ${target}, which has no A or AAAA record set in this stack although its zone is managed here (RFC 2782: the target must have address records): ${set.source}`
                            : `${set.name} points to ${target}, outside the zones this stack manages; make sure it has A or AAAA records and is not a CNAME (RFC 2782): ${set.source}`,
                    });
                }
            }
        }
        return { findings, undecided };
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
    description: "An Edge SRV record points to a host inside its own SIP domain (an SRV in contoso.com to sip.contoso.com, not to a host in fabrikam.com).",
    defaultLevel: "advisory",
    // A target of "." says "no service here" (RFC 2782): nothing to judge.
    check: (input) => eachEdgeSrvValue(input, (set, srv) => (srv.target === "" || isWithin(srv.target, set.service.domain) ? undefined : {
        sources: [set.source],
        message: `${set.name} points to ${srv.target}, outside its SIP domain ${set.service.domain}; Lync and Skype for Business expect the target inside the same domain: ${set.source}`,
    })),
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
            if ((set.type !== "A" && set.type !== "AAAA") || !(set.edge || targets.has(set.name))) continue;
            if (set.values === undefined) { undecided.push(set.source); continue; }
            const bad = set.values.flatMap((value) => {
                const kind = privateClass(value);
                return kind !== undefined ? [`${value} (${kind})`] : [];
            });
            if (bad.length > 0) {
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
