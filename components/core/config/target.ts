/**
 * Where the records go: the DNS service and its zones, as the component's
 * `dns` argument and a stack file's `lync-edge-dns:dns` give them. One check
 * serves both, so `lync-edge-dns plan` refuses exactly what `pulumi up`
 * would. Zone handles may be Outputs of other resources (a zone created
 * beside the component): they are accepted as they are and never guessed at.
 */
import type * as pulumi from "@pulumi/pulumi";
import { canonicalHostName, quote } from "../dns/names";
import type { IssueCollector } from "./errors";
import { nearestName, unknownKeyMessageFor } from "./schema";
import type { EdgeDnsSettings, SipDomain } from "./types";
import type { TracedRecordSet } from "../plan/model";

/** The DNS service that publishes the records. */
export const DnsProvider = {
    /** AWS Route 53 (`@pulumi/aws`). */
    Route53: "route53",
    /** Azure DNS (`@pulumi/azure-native`). */
    Azure: "azure",
} as const;
/** The DNS service that publishes the records. */
export type DnsProvider = (typeof DnsProvider)[keyof typeof DnsProvider];

/** The DNS service and its zones. */
export interface DnsTarget {
    /** "route53" or "azure". Only that provider's package is loaded. */
    provider: DnsProvider;
    /**
     * Route 53: hosted zone id per zone name, e.g. `{ "contoso.com": zone.zoneId }`.
     * A zone left out is looked up by name among the public hosted zones.
     * @default every zone looked up by name
     */
    hostedZoneIds?: { [zone: string]: pulumi.Input<string> };
    /**
     * Azure: the resource group of the DNS zones. Required for azure unless
     * every zone is in `zoneResourceGroups`.
     */
    resourceGroupName?: pulumi.Input<string>;
    /**
     * Azure: the resource group per zone, where it differs from `resourceGroupName`.
     * @default resourceGroupName for every zone
     */
    zoneResourceGroups?: { [zone: string]: pulumi.Input<string> };
    /**
     * Azure: the subscription that holds the DNS zones. Needed by `adopt`,
     * whose import IDs name it.
     */
    subscriptionId?: string;
    /**
     * Take over record sets that already exist (made by hand) instead of
     * failing on them: `true` registers every record set with Pulumi's
     * `import` option and the provider's import ID; a list of record sets,
     * each `"<name> <type>"` as the plan writes it (`"_sip._tls.contoso.com
     * SRV"`), imports only those and creates the rest. `lync-edge-dns verify
     * --adopt` prints the list of the record sets that exist. Needs plain
     * zone ids (Route 53) or `subscriptionId` and plain resource groups
     * (Azure). Remove it once the records are adopted. (Typed `any` because
     * Pulumi's schema for other languages has no union of a boolean and a
     * list; the value is checked when the component is constructed.)
     * @default false: every record set is created, and an existing one is an error
     */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    adopt?: any;
}

/** The arguments of the `LyncEdgeDns` component: the deployment and the DNS target. */
export interface LyncEdgeDnsArgs extends EdgeDnsSettings {
    /** The SIP domains, at least one. */
    sipDomains: SipDomain[];
    /** Where to publish: Route 53 or Azure DNS, and the zones. */
    dns: DnsTarget;
}

/** A zone id or resource group: a non-empty string, or an Output/Promise of one from another resource. */
export type ZoneHandle = pulumi.Input<string>;

/** The keys a `dns` block may hold: every provider's, so one stack file switches provider with one key. */
export const DNS_TARGET_KEYS = ["provider", "hostedZoneIds", "resourceGroupName", "zoneResourceGroups", "subscriptionId", "adopt"] as const;

/**
 * A value that will become a string later (an Output, a Promise): an object
 * that is not plain data. The core cannot look inside, and does not try.
 */
function isHandle(value: unknown): boolean {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
}

function handle(value: unknown, path: string, out: IssueCollector): ZoneHandle | undefined {
    if (typeof value === "string" && value.trim() !== "") return value;
    if (isHandle(value)) return value as ZoneHandle;
    out.error(path, typeof value === "string" ? "is empty" : `must be a string (or an Output of one), got ${quote(value)}`);
    return undefined;
}

/**
 * A zone map with its keys made canonical (case, trailing dot, IDN), each a
 * zone of this deployment (when the zones are known), each once.
 */
function zoneMap(given: unknown, path: string, zones: readonly string[] | undefined, out: IssueCollector): Map<string, ZoneHandle> {
    const map = new Map<string, ZoneHandle>();
    if (given === undefined) return map;
    if (typeof given !== "object" || given === null || Array.isArray(given) || isHandle(given)) {
        out.error(path, `must be a map from zone name to value, got ${quote(given)}`);
        return map;
    }
    const firstKey = new Map<string, string>();
    // A set: a map of thousands of zones is checked key by key against thousands of zones.
    const known = zones === undefined ? undefined : new Set(zones);
    for (const [key, value] of Object.entries(given)) {
        const at = `${path}[${quote(key)}]`;
        const name = canonicalHostName(key);
        if (!name.ok || (known !== undefined && !known.has(name.value))) {
            out.error(at, zones === undefined ? `${quote(key)} is not a zone name` : `${quote(key)} is not a zone of this deployment (${zones.join(", ")})`);
            continue;
        }
        const earlier = firstKey.get(name.value);
        if (earlier !== undefined) {
            out.error(at, `names the zone ${name.value} again (also ${quote(earlier)}); give each zone once`);
            continue;
        }
        firstKey.set(name.value, key);
        const checked = handle(value, at, out);
        if (checked !== undefined) map.set(name.value, checked);
    }
    return map;
}

/**
 * The generic part of the `dns` check: a known provider, no unknown keys,
 * zone maps keyed by canonical zones. `zones` undefined: the deployment is
 * itself in error, so zone keys are checked as names only.
 */
export function checkTargetFields(target: unknown, zones: readonly string[] | undefined, providers: readonly string[], out: IssueCollector) {
    if (target === undefined || target === null || typeof target !== "object" || Array.isArray(target) || isHandle(target)) {
        const shape = `{ provider: ${providers.map((p) => quote(p)).join(" | ")}, ... }`;
        out.error("dns", target === undefined ? `is required: ${shape}` : `must be an object ${shape}, got ${quote(target)}`);
        return undefined;
    }
    const given = target as Record<string, unknown>;
    for (const key of Object.keys(given)) {
        if (!(DNS_TARGET_KEYS as readonly string[]).includes(key)) out.error(`dns.${key}`, unknownKeyMessageFor(key, DNS_TARGET_KEYS));
    }
    if (!providers.includes(given.provider as string)) {
        out.error("dns.provider", given.provider === undefined
            ? `is required: one of ${providers.map((p) => quote(p)).join(", ")}`
            : `must be one of ${providers.map((p) => quote(p)).join(", ")}, got ${quote(given.provider)}${nearProvider(given.provider, providers)}`);
    }
    const fields = {
        provider: given.provider as string,
        hostedZoneIds: zoneMap(given.hostedZoneIds, "dns.hostedZoneIds", zones, out),
        zoneResourceGroups: zoneMap(given.zoneResourceGroups, "dns.zoneResourceGroups", zones, out),
        resourceGroupName: given.resourceGroupName === undefined ? undefined : handle(given.resourceGroupName, "dns.resourceGroupName", out),
        subscriptionId: given.subscriptionId === undefined ? undefined : subscriptionId(given.subscriptionId, given.provider === "azure", out),
        adopt: adoptOption(given.adopt, out),
    };
    return fields;
}

function plainString(value: unknown, path: string, out: IssueCollector): string | undefined {
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    out.error(path, `must be a non-empty string, got ${quote(value)}`);
    return undefined;
}

/** An Azure subscription id: a GUID (8-4-4-4-12 hexadecimal digits), as the portal and `az account show` give it. */
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `dns.subscriptionId`, which goes into every adopted record set's import id: a wrong one would fail each import. */
function subscriptionId(value: unknown, azure: boolean, out: IssueCollector): string | undefined {
    const given = plainString(value, "dns.subscriptionId", out);
    // Route 53 reads no subscription: what is given there was never checked, and is not now.
    if (given === undefined || !azure || SUBSCRIPTION_ID.test(given)) return given;
    out.error("dns.subscriptionId", `${quote(given)} is not an Azure subscription id: one is a GUID, e.g. 00000000-0000-0000-0000-000000000000 (az account show --query id)`);
    // Given, though wrong: said once, not again as missing where adopt needs it.
    return given;
}

/** What `dns.adopt` asks for: nothing, everything, or the record sets listed (`"<name> <TYPE>"`, canonical). */
export type AdoptRequest = { all: boolean; listed: Map<string, string> };

/** Reads `dns.adopt`: `true`/`false`, or a list of `"<name> <type>"` (name as the plan writes it, any case, IDN allowed). */
function adoptOption(value: unknown, out: IssueCollector): AdoptRequest {
    const request: AdoptRequest = { all: false, listed: new Map() };
    if (value === undefined || value === false) return request;
    if (value === true) return { ...request, all: true };
    if (!Array.isArray(value)) {
        out.error("dns.adopt", `must be true, false or a list of record sets ("<name> <type>", e.g. "_sip._tls.contoso.com SRV"), got ${quote(value)}`);
        return request;
    }
    value.forEach((entry, i) => {
        const path = `dns.adopt[${i}]`;
        const parts = typeof entry === "string" ? entry.trim().split(/\s+/) : [];
        const [name, type] = parts;
        const canonical = name === undefined ? undefined : canonicalRecordName(name);
        if (parts.length !== 2 || canonical === undefined || type === undefined || !/^[A-Za-z]+$/.test(type)) {
            out.error(path, `must be a record set as "<name> <type>" (e.g. "_sip._tls.contoso.com SRV"), got ${quote(entry)}`);
            return;
        }
        const key = `${canonical} ${type.toUpperCase()}`;
        if (request.listed.has(key)) out.error(path, `lists ${key} again (also at ${request.listed.get(key)})`);
        else request.listed.set(key, path);
    });
    return request;
}

/** A record set's owner name as the plan writes it: SRV names keep their `_service._proto` labels. */
function canonicalRecordName(name: string): string | undefined {
    const labels = name.toLowerCase().replace(/\.$/, "").split(".");
    const service = labels.filter((l) => l.startsWith("_"));
    const host = canonicalHostName(labels.slice(service.length).join("."));
    if (!host.ok || labels.slice(0, service.length).some((l) => !/^_[a-z0-9-]+$/.test(l))) return undefined;
    return [...labels.slice(0, service.length), host.value].join(".");
}

/** A DNS target after every check: the provider and each zone's handles. */
export interface ResolvedTarget {
    provider: DnsProvider;
    /** Route 53: hosted zone id per zone, where given. */
    hostedZoneIds: Map<string, ZoneHandle>;
    /** Azure: resource group per zone, for every zone. */
    resourceGroups: Map<string, ZoneHandle>;
    /** The provider's import ID of each record set `dns.adopt` takes over. */
    importIds: Map<TracedRecordSet, string>;
}

/** `; did you mean "route53"?` for a near miss of a provider's name (`route-53`), else nothing. */
function nearProvider(given: unknown, providers: readonly string[]): string {
    const near = typeof given === "string" ? nearestName(given, providers, 1) : undefined;
    return near ? `; did you mean ${quote(near)}?` : "";
}
