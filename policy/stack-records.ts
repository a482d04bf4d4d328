/**
 * The rule engine's input from a Pulumi stack, as CrossGuard's stack
 * validation sees it: Route 53 records and Azure DNS record sets whoever
 * created them, and the LyncEdgeDns components (their mobility domains and
 * zones). Names are normalized here, once: Route 53 names may end with a dot
 * or be relative to the zone; Azure names are relative to `zoneName`, `@` at
 * the apex.
 *
 * During a preview some values are not known yet; reading one throws
 * CrossGuard's UnknownValueError. Each read is guarded, and what could not be
 * read is left undecided rather than guessed at.
 */
import { UnknownValueError } from "@pulumi/policy";
import { normalizeFoundName } from "../components/core/dns/names";
import { LYNC_EDGE_DNS_TYPE } from "../components/core/component-type";
import { formatSrv } from "../components/core/plan/values";
import type { RecordSetFact, RuleInput } from "../components/core/rules/model";

/** A resource as stack validation receives it (the parts read here). */
export interface StackResource {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

export const ROUTE53_RECORD = "aws:route53/record:Record";
export const ROUTE53_ZONE = "aws:route53/zone:Zone";
export const AZURE_RECORD_SET = "azure-native:dns:RecordSet";

const UNKNOWN = Symbol("unknown during preview");
type Known<T> = T | typeof UNKNOWN;

/** Reads a value that may be unknown during a preview. */
function known<T>(read: () => T): Known<T> {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) return UNKNOWN;
        throw error;
    }
}

function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** Plain copies of array items, the property and each item read guarded. */
function items<T>(read: () => unknown, map: (item: Record<string, unknown>) => T | undefined): Known<T[]> | undefined {
    const list = known(() => {
        const value = read();
        return Array.isArray(value) ? [...value] : undefined;
    });
    if (list === UNKNOWN) return UNKNOWN;
    if (list === undefined) return undefined;
    const out: T[] = [];
    for (const item of list) {
        const mapped = known(() => (item !== null && typeof item === "object" ? map(item as Record<string, unknown>) : str(item) as T | undefined));
        if (mapped === UNKNOWN) return UNKNOWN;
        if (mapped !== undefined) out.push(mapped);
    }
    return out;
}

/** True for a resource whose URN says it is a child of a LyncEdgeDns component. */
function createdByComponent(urn: string): boolean {
    return (urn.split("::")[2] ?? "").split("$").includes(LYNC_EDGE_DNS_TYPE);
}

interface Context {
    zoneNamesById: Map<string, string>;
}

function route53Fact(r: StackResource, context: Context): Known<RecordSetFact> {
    const p = r.props;
    const name = known(() => str(p.fqdn) ?? str(p.name));
    const type = known(() => str(p.type));
    const zoneId = known(() => str(p.zoneId));
    if (name === UNKNOWN || type === UNKNOWN || name === undefined || type === undefined) return UNKNOWN;
    const zone = zoneId === UNKNOWN || zoneId === undefined ? undefined : context.zoneNamesById.get(zoneId);
    const values = items<string>(() => p.records, () => undefined);
    return {
        name: normalizeFoundName(name, zone),
        type: type.toUpperCase(),
        values: values === UNKNOWN ? undefined : values ?? [],
        zone: zone ? normalizeFoundName(zone) : undefined,
        source: r.urn,
        edge: createdByComponent(r.urn),
    };
}

/** Azure's `id`: `/subscriptions/…/dnsZones/<zone>/<TYPE>/<relative name>`. */
function fromAzureId(id: string | undefined): { zone?: string; type?: string; relative?: string } {
    const match = id?.match(/\/dnszones\/([^/]+)\/([^/]+)\/([^/]+)$/i);
    return match ? { zone: match[1], type: match[2], relative: match[3] } : {};
}

function azureValues(p: Record<string, unknown>, type: string): Known<string[]> {
    switch (type) {
        case "SRV": {
            const v = items(() => p.srvRecords, (s) => formatSrv({
                priority: Number(s.priority ?? 0), weight: Number(s.weight ?? 0), port: Number(s.port ?? 0),
                target: normalizeFoundName(String(s.target ?? "")),
            }));
            return v ?? [];
        }
        case "A": return items(() => p.aRecords, (a) => str(a.ipv4Address)) ?? [];
        case "AAAA": return items(() => p.aaaaRecords, (a) => str(a.ipv6Address)) ?? [];
        case "CNAME": {
            const cname = known(() => str((p.cnameRecord as Record<string, unknown> | undefined)?.cname));
            return cname === UNKNOWN ? UNKNOWN : cname ? [`${normalizeFoundName(cname)}.`] : [];
        }
        default: return [];
    }
}

function azureFact(r: StackResource): Known<RecordSetFact> {
    const p = r.props;
    const fromId = known(() => fromAzureId(str(p.id)));
    const id = fromId === UNKNOWN ? {} : fromId;
    const relative = known(() => str(p.relativeRecordSetName) ?? id.relative ?? str(p.name));
    const zone = known(() => str(p.zoneName) ?? id.zone);
    const type = known(() => str(p.recordType) ?? id.type ?? str(p.type)?.split("/").pop());
    if ([relative, zone, type].includes(UNKNOWN) || !relative || !zone || !type) return UNKNOWN;
    const upper = (type as string).toUpperCase();
    const values = azureValues(p, upper);
    return {
        name: normalizeFoundName(relative as string, zone as string),
        type: upper,
        values: values === UNKNOWN ? undefined : values,
        zone: normalizeFoundName(zone as string),
        source: r.urn,
        edge: createdByComponent(r.urn),
    };
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

/** Reads a stack's DNS records, components and zones into the rules' input. */
export function readStack(resources: readonly StackResource[], settings: StackSettings = {}): StackInput {
    const zoneNamesById = new Map<string, string>();
    const managedZones = new Set((settings.managedZones ?? []).map((z) => normalizeFoundName(z)));
    const mobilityDomains = new Set((settings.mobilityDomains ?? []).map((d) => normalizeFoundName(d)));
    for (const r of resources) {
        if (r.type === ROUTE53_ZONE) {
            const name = known(() => str(r.props.name));
            const id = known(() => str(r.props.zoneId) ?? str(r.props.id));
            if (name !== UNKNOWN && name) {
                managedZones.add(normalizeFoundName(name));
                if (id !== UNKNOWN && id) zoneNamesById.set(id, name);
            }
        } else if (r.type === LYNC_EDGE_DNS_TYPE) {
            const domains = items<string>(() => r.props.mobilityDomains, () => undefined);
            if (domains !== UNKNOWN) for (const d of domains ?? []) mobilityDomains.add(normalizeFoundName(d));
            const zones = items<string>(() => r.props.records, (z) => str(z.zone));
            if (zones !== UNKNOWN) for (const z of zones ?? []) managedZones.add(normalizeFoundName(z));
        }
    }
    const records: RecordSetFact[] = [];
    const unreadable: string[] = [];
    for (const r of resources) {
        const fact = r.type === ROUTE53_RECORD ? route53Fact(r, { zoneNamesById })
            : r.type === AZURE_RECORD_SET ? azureFact(r) : undefined;
        if (fact === undefined) continue;
        if (fact === UNKNOWN) { unreadable.push(r.urn); continue; }
        records.push(fact);
        if (r.type === AZURE_RECORD_SET && fact.zone) managedZones.add(fact.zone);
    }
    return {
        input: {
            records,
            mobilityDomains: [...mobilityDomains],
            managedZones: [...managedZones],
            allowPrivateAddresses: settings.allowPrivateAddresses ?? false,
            unreadableSources: unreadable,
        },
        unreadable,
    };
}
