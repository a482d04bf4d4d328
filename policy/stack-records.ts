/**
 * The rule engine's input from a Pulumi stack, as CrossGuard's stack
 * validation sees it: the record sets of every provider reader (Route 53,
 * Azure DNS), whoever created them, and the LyncEdgeDns components (their
 * mobility domains and zones).
 *
 * During a preview some values are not known yet; reading one throws
 * CrossGuard's UnknownValueError. Every read goes through `known`, which
 * turns that into the readers' UNKNOWN, and what could not be read is left
 * undecided rather than guessed at.
 */
import { UnknownValueError } from "@pulumi/policy";
import { withPlainProps } from "./plain-props";
import { canonicalHostName, normalizeFoundName, quote, zoneFinder } from "../components/core/dns/names";
import { LYNC_EDGE_DNS_TYPE } from "../components/core/component-type";
import { SRV_KINDS } from "../components/core/plan/catalogue";
import { parseSrv } from "../components/core/plan/values";
import type { RecordSetFact, RuleInput } from "../components/core/rules/model";
import { items, str, UNKNOWN, type Known, type ReadContext, type RecordContext, type StackRecordReader } from "../components/providers/stack-reader";
import { ROUTE53_RECORD, ROUTE53_ZONE } from "../components/providers/route53/stack-reader";
import { AZURE_RECORD_SET } from "../components/providers/azure/stack-reader";
import { PROVIDERS } from "../components/providers/registry";

export { AZURE_RECORD_SET, ROUTE53_RECORD, ROUTE53_ZONE };

/** The external access SRV kind: its port may be the Access Edge's own client port. */
const SIP_EXTERNAL = SRV_KINDS.find((k) => k.portSetting === "accessEdgeClientPort") as (typeof SRV_KINDS)[number];

/** A resource as stack validation receives it (the parts read here). */
export interface StackResource {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

/** The readers of every provider in the registry. */
export const STACK_READERS: readonly StackRecordReader[] = Object.values(PROVIDERS).map((p) => p.stackReader);

/** Reads a value that may be unknown during a preview. */
function known<T>(read: () => T): Known<T> {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) return UNKNOWN;
        throw error;
    }
}

const READ: ReadContext = { known };

/** True for a resource whose URN says it is a child of a LyncEdgeDns component. */
function createdByComponent(urn: string): boolean {
    // urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>: the third part, found without splitting the whole URN.
    const start = urn.indexOf("::", urn.indexOf("::") + 2);
    if (start === -1) return false;
    const end = urn.indexOf("::", start + 2);
    const types = urn.slice(start + 2, end === -1 ? undefined : end);
    return types === LYNC_EDGE_DNS_TYPE || types.startsWith(`${LYNC_EDGE_DNS_TYPE}$`) || types.endsWith(`$${LYNC_EDGE_DNS_TYPE}`) || types.includes(`$${LYNC_EDGE_DNS_TYPE}$`);
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
    const resources = given.map(withPlainProps);
    const extra = normalizeSettings(settings).settings;
    const readerOf = new Map<string, StackRecordReader>();
    for (const reader of readers) for (const type of reader.resourceTypes) readerOf.set(type, reader);

    // First every zone and domain the stack tells of: a record's name may be
    // read against any of them.
    const zoneNamesById = new Map<string, string>();
    const managedZones = new Set(extra.managedZones ?? []);
    const mobilityDomains = new Set(extra.mobilityDomains ?? []);
    const domainHosting: Record<string, string> = {};
    const accessEdgeClientPorts = new Set<number>();
    for (const r of resources) {
        const reader = readerOf.get(r.type);
        if (reader) {
            for (const zone of reader.zones(r, READ)) {
                managedZones.add(zone.name);
                if (zone.id !== undefined) zoneNamesById.set(zone.id, zone.name);
            }
        } else if (r.type === LYNC_EDGE_DNS_TYPE) {
            const domains = items<string>(READ, () => r.props.mobilityDomains, () => undefined);
            if (domains !== UNKNOWN) for (const d of domains ?? []) mobilityDomains.add(normalizeFoundName(d));
            const zones = items<string>(READ, () => r.props.records, (z) => str(z.zone));
            if (zones !== UNKNOWN) for (const z of zones ?? []) managedZones.add(normalizeFoundName(z));
            // The Access Edge client port the component's _sip._tls records use (443 unless a
            // single-IP Edge set edge.accessEdgeClientPort): the ports rule accepts it, as the component did.
            const clientPorts = items<number[]>(READ, () => r.props.records, (z) => {
                const records = Array.isArray(z.records) ? z.records as { name?: unknown; type?: unknown; values?: unknown }[] : [];
                return records.filter((rec) => rec.type === "SRV" && typeof rec.name === "string" && rec.name.startsWith(`${SIP_EXTERNAL.service}.`))
                    .flatMap((rec) => (Array.isArray(rec.values) ? rec.values : []).map((v) => (typeof v === "string" ? parseSrv(v)?.port : undefined)).filter((p): p is number => p !== undefined));
            });
            if (clientPorts !== UNKNOWN) for (const port of (clientPorts ?? []).flat()) accessEdgeClientPorts.add(port);
            // Where each domain's users are, as the component declares it (plain data, known at preview).
            const hosting = known(() => r.props.domainHosting);
            if (hosting !== UNKNOWN && hosting !== null && typeof hosting === "object") {
                for (const [domain, where] of Object.entries(hosting as Record<string, unknown>)) {
                    const value = known(() => where);
                    if (typeof value === "string") domainHosting[normalizeFoundName(domain)] = value;
                }
            }
        }
    }

    const knownDomainOf = zoneFinder([...managedZones, ...mobilityDomains]);
    const context: RecordContext = { known, zoneNameById: (id) => zoneNamesById.get(id), knownDomainOf };
    const records: RecordSetFact[] = [];
    const unreadable: string[] = [];
    for (const r of resources) {
        const fact = readerOf.get(r.type)?.read(r, context);
        if (fact === undefined) continue;
        if (fact === UNKNOWN) { unreadable.push(r.urn); continue; }
        records.push({ ...fact, source: r.urn, edge: createdByComponent(r.urn) });
    }
    return {
        input: {
            records,
            mobilityDomains: [...mobilityDomains],
            managedZones: [...managedZones],
            allowPrivateAddresses: extra.allowPrivateAddresses ?? false,
            domainHosting,
            accessEdgeClientPorts: [...accessEdgeClientPorts],
            unreadableSources: unreadable,
        },
        unreadable,
    };
}
