/**
 * What several rules read from one input, found in one pass and shared by
 * every rule run over that input (the CLI's `evaluateRules`, the pack's
 * policies, which get one input for all): the Edge SRV sets with their
 * values parsed once, the address and alias sets by name, the federation
 * sets by domain, the sets whose name waits for their zone, and, when first
 * asked, the SRV targets. Rules never
 * change their input; the pass is made again if the input's record list
 * (or, for what depends on them, its managed zones) was replaced or grew.
 */
import { zoneFinder } from "../dns/names";
import { FEDERATION_SRV, MICROSOFT_365_HOSTS, SRV_KINDS } from "../plan/catalogue";
import { parseSrv, type SrvValue } from "../plan/values";
import type { RecordSetFact, RuleInput } from "./model";

/** An Edge SRV service. */
export interface EdgeService {
    prefix: string;
    port: number;
    what: string;
    portSetting?: string;
}

/**
 * The Edge SRV services of the catalogue, each with the start of its owner
 * names (`_sip._tls.`), built once rather than per record.
 */
const EDGE_SRV_OWNERS = SRV_KINDS
    // On-premises and online kinds share their services; the first (on-premises) describes each.
    .filter((kind, i) => SRV_KINDS.findIndex((k) => k.service === kind.service) === i)
    .map((kind): { service: EdgeService; owner: string } => ({ service: { prefix: kind.service, port: kind.port, what: kind.purpose, portSetting: kind.portSetting }, owner: `${kind.service}.` }));

/**
 * The Edge SRV service of a record set name. For a name whose zone is not
 * known yet (`exact` false: `nameUndecided`) the service still shows in its
 * leading labels.
 */
export function edgeService(name: string, exact = true): EdgeService | undefined {
    for (let i = 0; i < EDGE_SRV_OWNERS.length; i++) {
        const { service, owner } = EDGE_SRV_OWNERS[i] as (typeof EDGE_SRV_OWNERS)[number];
        if (name.startsWith(owner) || (!exact && name === service.prefix)) return service;
    }
    return undefined;
}

/**
 * An Edge SRV record set, its service and SIP domain, and its values parsed
 * (undefined where one is malformed). The set is referred to, not copied: a
 * copy spread with three more keys cost a kilobyte a set.
 */
export interface EdgeSrvSet {
    record: RecordSetFact;
    service: EdgeService;
    /** The SIP domain the set's name gives; undefined while its zone is not known (a preview). */
    domain: string | undefined;
    /** Undefined while the values are unknown (a preview). */
    srvs: (SrvValue | undefined)[] | undefined;
}

/**
 * One SRV target to check against the stack's addresses: each target of
 * each source once, in the order of the sets, with whether a managed zone
 * holds it; a set whose values are unknown is a step without a target.
 * Microsoft 365's own hosts are not among them (Microsoft's to keep).
 */
export interface SrvTargetStep {
    set: EdgeSrvSet;
    target?: string;
    inManagedZone: boolean;
}

/** The shared pass over one input. */
export interface SharedPass {
    /** The Edge SRV sets, in the order of the records. */
    edgeSrvSets: EdgeSrvSet[];
    /**
     * The A, AAAA and CNAME record sets by exact name (what an SRV target
     * may be); sets whose name waits for their zone are not among them.
     */
    addressesByName: ReadonlyMap<string, readonly RecordSetFact[]>;
    /**
     * The federation SRV sets (`_sipfederationtls._tcp.<domain>`) by domain;
     * sets whose name waits for their zone are not among them.
     */
    federationSets: ReadonlyMap<string, readonly EdgeSrvSet[]>;
    /** The record sets whose name waits for their zone (a preview), in order. */
    nameUndecided: RecordSetFact[];
    /** Every target of the Edge SRV values (`""` for a malformed value). */
    srvTargets(): ReadonlySet<string>;
    /** The SRV targets to check, for the rules of RFC 2782. */
    srvTargetSteps(): readonly SrvTargetStep[];
}

interface Kept {
    records: readonly RecordSetFact[];
    length: number;
    pass: SharedPass;
}

const passes = new WeakMap<RuleInput, Kept>();

/** The shared pass over `input`, made once. */
export function sharedPass(input: RuleInput): SharedPass {
    const kept = passes.get(input);
    if (kept && kept.records === input.records && kept.length === input.records.length) return kept.pass;
    const pass = makePass(input);
    passes.set(input, { records: input.records, length: input.records.length, pass });
    return pass;
}

function makePass(input: RuleInput): SharedPass {
    const edgeSrvSets: EdgeSrvSet[] = [];
    const addressesByName = new Map<string, RecordSetFact[]>();
    const federationSets = new Map<string, EdgeSrvSet[]>();
    const nameUndecided: RecordSetFact[] = [];
    // Indexed loops here and below: this runs once per input, before the
    // optimizer has seen it, and an unoptimized for...of makes an object a step.
    const records = input.records;
    for (let i = 0; i < records.length; i++) {
        const r = records[i] as RecordSetFact;
        const exact = !r.nameUndecided;
        if (!exact) nameUndecided.push(r);
        if (r.type === "A" || r.type === "AAAA" || r.type === "CNAME") {
            if (exact) add(addressesByName, r.name, r);
            continue;
        }
        if (r.type !== "SRV") continue;
        const service = edgeService(r.name, exact);
        if (service === undefined) continue;
        // The domain follows the service's labels: `_sip._tls.` is the prefix and a dot.
        const domain = exact ? r.name.slice(service.prefix.length + 1) : undefined;
        const set: EdgeSrvSet = { record: r, service, domain, srvs: r.values === undefined ? undefined : r.values.map(parseSrv) };
        edgeSrvSets.push(set);
        if (domain !== undefined && service.prefix === FEDERATION_SRV.service) add(federationSets, domain, set);
    }
    let targets: Set<string> | undefined;
    let steps: { zones: readonly string[]; steps: SrvTargetStep[] } | undefined;
    return {
        edgeSrvSets,
        addressesByName,
        federationSets,
        nameUndecided,
        srvTargets: () => (targets ??= srvTargets(edgeSrvSets)),
        srvTargetSteps: () => {
            if (steps?.zones !== input.managedZones) steps = { zones: input.managedZones, steps: srvTargetSteps(edgeSrvSets, input.managedZones) };
            return steps.steps;
        },
    };
}

function add<T>(groups: Map<string, T[]>, key: string, item: T): void {
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
}

function srvTargets(sets: readonly EdgeSrvSet[]): Set<string> {
    const targets = new Set<string>();
    for (let i = 0; i < sets.length; i++) {
        const srvs = (sets[i] as EdgeSrvSet).srvs;
        if (srvs !== undefined) for (let j = 0; j < srvs.length; j++) targets.add(srvs[j]?.target ?? "");
    }
    return targets;
}

/** Notes that `source` names `target`; false when it did before. */
function firstNaming(seen: Map<string, string | string[] | Set<string>>, target: string, source: string): boolean {
    const sources = seen.get(target);
    if (sources === undefined) {
        seen.set(target, source);
    } else if (typeof sources === "string") {
        if (sources === source) return false;
        seen.set(target, [sources, source]);
    } else if (Array.isArray(sources)) {
        if (sources.includes(source)) return false;
        if (sources.length < 8) sources.push(source);
        else seen.set(target, new Set([...sources, source]));
    } else {
        if (sources.has(source)) return false;
        sources.add(source);
    }
    return true;
}

function srvTargetSteps(sets: readonly EdgeSrvSet[], managedZones: readonly string[]): SrvTargetStep[] {
    const zoneOf = zoneFinder(managedZones);
    const steps: SrvTargetStep[] = [];
    // A source names the same target once, whichever of its sets or values
    // names it again: the sources that named each target (one or a few, a set
    // past that). Keyed by target, whose hash the lookups here and in the rules
    // share; a source (a URN) would be hashed for this alone.
    const seen = new Map<string, string | string[] | Set<string>>();
    for (let i = 0; i < sets.length; i++) {
        const set = sets[i] as EdgeSrvSet;
        const srvs = set.srvs;
        if (srvs === undefined) { steps.push({ set, inManagedZone: false }); continue; }
        for (let j = 0; j < srvs.length; j++) {
            const target = srvs[j]?.target;
            if (!target || MICROSOFT_365_HOSTS.has(target)) continue;
            const source = set.record.source;
            if (!firstNaming(seen, target, source)) continue;
            steps.push({ set, target, inManagedZone: zoneOf(target) !== undefined });
        }
    }
    return steps;
}
