/**
 * The rule engine's input from a Pulumi stack, as CrossGuard's stack
 * validation sees it: the record sets of every provider reader (Route 53,
 * Azure DNS), whoever created them, and the LyncEdgeDns components (their
 * mobility domains and zones).
 *
 * During a preview some values are not known yet; through the policy
 * server's proxy, reading one throws CrossGuard's UnknownValueError. The
 * props are read without the proxy (plain-props.ts), every value through
 * `get`, which gives the readers' UNKNOWN where the proxy would have thrown;
 * what could not be read is left undecided rather than guessed at.
 */
import { readComponent, type ComponentFacts } from "./component-read";
import { rawProps } from "./plain-props";
import { readContext, type PropsRead } from "./props-read";
import { canonicalHostName, quote, zoneFinder } from "../components/core/dns/names";
import { LYNC_EDGE_DNS_TYPE } from "../components/core/component-type";
import type { RecordSetFact, RuleInput } from "../components/core/rules/model";
import { UNKNOWN, type RecordContext, type StackRecordReader } from "../components/providers/stack-reader";
import { ROUTE53_RECORD, ROUTE53_ZONE } from "../components/providers/route53/stack-reader";
import { AZURE_RECORD_SET } from "../components/providers/azure/stack-reader";
import { PROVIDERS } from "../components/providers/registry";

export { AZURE_RECORD_SET, ROUTE53_RECORD, ROUTE53_ZONE };

/** A resource as stack validation receives it (the parts read here). */
export interface StackResource {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

/** The readers of every provider in the registry. */
export const STACK_READERS: readonly StackRecordReader[] = Object.values(PROVIDERS).map((p) => p.stackReader);

/** A LyncEdgeDns component among a URN's parent types (made once, not per record). */
const COMPONENT = LYNC_EDGE_DNS_TYPE;
const COMPONENT_FIRST = `${COMPONENT}$`;
const COMPONENT_LAST = `$${COMPONENT}`;
const COMPONENT_BETWEEN = `$${COMPONENT}$`;

/** True for a resource whose URN says it is a child of a LyncEdgeDns component. */
function createdByComponent(urn: string): boolean {
    // urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>: the third
    // part, [from, to), looked into in place: no part of the URN is copied out.
    const start = urn.indexOf("::", urn.indexOf("::") + 2);
    if (start === -1) return false;
    const from = start + 2;
    const end = urn.indexOf("::", from);
    const to = end === -1 ? urn.length : end;
    const length = to - from;
    if (length === COMPONENT.length) return urn.startsWith(COMPONENT, from);
    if (length < COMPONENT_FIRST.length) return false;
    if (urn.startsWith(COMPONENT_FIRST, from) || urn.startsWith(COMPONENT_LAST, to - COMPONENT_LAST.length)) return true;
    const between = urn.indexOf(COMPONENT_BETWEEN, from);
    return between !== -1 && between + COMPONENT_BETWEEN.length <= to;
}

/** What stack validation needs beside the rules' input. */
export interface StackInput {
    input: RuleInput;
    /** Record resources whose name or type is not known yet (preview). */
    unreadable: string[];
}

/** Pack-level settings that add to what the stack itself says. */
export interface StackSettings {
    mobilityDomains?: string[];
    managedZones?: string[];
    allowPrivateAddresses?: boolean;
}

/** Settings in canonical form, and what could not be read in the given ones. */
export interface NormalizedSettings {
    settings: StackSettings;
    /** One sentence per entry that is not a DNS name, naming the key and the value; such entries are left out. */
    problems: string[];
}

/**
 * Brings pack-level settings to the form the rules compare with (lower case,
 * no trailing dot, IDN in punycode), once per run. `prefix` names where they
 * came from in messages (a policy's config).
 */
export function normalizeSettings(settings: StackSettings, prefix = ""): NormalizedSettings {
    const problems: string[] = [];
    const names = (key: "mobilityDomains" | "managedZones"): string[] | undefined => {
        const given: unknown = settings[key];
        if (given === undefined) return undefined;
        if (!Array.isArray(given)) {
            problems.push(`${prefix}${key} is ${quote(given)}, not a list of DNS names; it is left out of this check`);
            return [];
        }
        const out: string[] = [];
        given.forEach((entry: unknown, i) => {
            const checked = typeof entry === "string" ? canonicalHostName(entry) : { ok: false as const, reason: "it is not a string" };
            if (checked.ok) out.push(checked.value);
            else problems.push(`${prefix}${key}[${i}] is ${quote(entry)}, which is not a DNS name: ${checked.reason}. Give a domain such as contoso.com; this entry is left out of this check`);
        });
        return out;
    };
    return {
        settings: { mobilityDomains: names("mobilityDomains"), managedZones: names("managedZones"), allowPrivateAddresses: settings.allowPrivateAddresses },
        problems,
    };
}

/**
 * Reads a stack's DNS records, components and zones into the rules' input.
 * `settings` add to what the stack says; entries that are not DNS names are
 * left out (see `normalizeSettings`, which says why).
 */
export function readStack(given: readonly StackResource[], settings: StackSettings = {}, readers: readonly StackRecordReader[] = STACK_READERS): StackInput {
    return readStackNoting(given, settings, readers);
}

/** `readStack`, noting in `noted`, when given, what of each resource's props it read (props-read.ts). */
export function readStackNoting(given: readonly StackResource[], settings: StackSettings, readers: readonly StackRecordReader[], noted?: PropsRead): StackInput {
    const props = given.map(rawProps) as Record<string, unknown>[];
    // One view of a resource, aimed at each in turn: a reader keeps nothing of it (StackRecordReader).
    const view: StackResource = { type: "", urn: "", name: "", props: {} };
    const at = (i: number): StackResource => {
        const r = given[i];
        view.type = r.type;
        view.urn = r.urn;
        view.name = r.name;
        view.props = props[i];
        noted?.reading(i, view.props);
        return view;
    };
    const read = readContext(noted);
    const extra = normalizeSettings(settings).settings;
    const readerOf = new Map<string, StackRecordReader>();
    for (const reader of readers) for (const type of reader.resourceTypes) readerOf.set(type, reader);

    // First every zone and domain the stack tells of: a record's name may be
    // read against any of them.
    const zoneNamesById = new Map<string, string>();
    const facts: ComponentFacts = {
        managedZones: new Set(extra.managedZones ?? []),
        mobilityDomains: new Set(extra.mobilityDomains ?? []),
        domainHosting: {},
        domainCloud: {},
        accessEdgeClientPorts: new Set<number>(),
        accessEdgeClientPortsByDomain: new Map<string, number[]>(),
        allowedPrivateAddresses: new Set<string>(),
    };
    const { managedZones, mobilityDomains } = facts;
    for (let i = 0; i < given.length; i++) {
        const r = at(i);
        const reader = readerOf.get(r.type);
        if (reader) {
            const zones = reader.zones(r, read);
            for (let z = 0; z < zones.length; z++) {
                const zone = zones[z];
                managedZones.add(zone.name);
                if (zone.id !== undefined) zoneNamesById.set(zone.id, zone.name);
            }
        } else if (r.type === LYNC_EDGE_DNS_TYPE) {
            readComponent(r.props, read, facts);
        }
    }

    const knownDomainOf = zoneFinder([...managedZones, ...mobilityDomains]);
    const context: RecordContext = { get: read.get, zoneNameById: (id) => zoneNamesById.get(id), knownDomainOf };
    const records: RecordSetFact[] = [];
    const unreadable: string[] = [];
    for (let i = 0; i < given.length; i++) {
        const r = at(i);
        const found = readerOf.get(r.type)?.read(r, context);
        if (found === undefined) continue;
        if (found === UNKNOWN) { unreadable.push(r.urn); continue; }
        // The reader's object, fresh and its own, completed in place: a copy
        // spread with two more keys cost a kilobyte a record.
        const fact: RecordSetFact = found;
        fact.source = r.urn;
        fact.edge = createdByComponent(r.urn);
        records.push(fact);
    }
    return {
        input: {
            records,
            mobilityDomains: [...mobilityDomains],
            managedZones: [...managedZones],
            allowPrivateAddresses: extra.allowPrivateAddresses ?? false,
            domainHosting: facts.domainHosting,
            domainCloud: facts.domainCloud,
            accessEdgeClientPorts: [...facts.accessEdgeClientPorts],
            accessEdgeClientPortsByDomain: facts.accessEdgeClientPortsByDomain,
            allowedPrivateAddresses: facts.allowedPrivateAddresses,
            unreadableSources: unreadable,
        },
        unreadable,
    };
}
