/**
 * What a config change does to the published records, before Pulumi does it:
 * record sets added, removed and changed in place, and the removals that
 * break something users notice. Pure: no Pulumi, no I/O.
 *
 * A record set is identified by its zone, name and type: exactly what its
 * resource's logical name (`<component>/<zone>/<relative name>/<type>`) is
 * made of, so `added` and `removed` are the resources Pulumi creates and
 * deletes, and `changed` the ones it updates in place (TTL or values).
 */
import { canonicalHostName, normalizeFoundName } from "../dns/names";
import { FEDERATION_SRV, MICROSOFT_365_HOSTS } from "./catalogue";
import { parseSrv } from "./values";
import type { EdgeDnsPlan, PlannedRecordSet, RecordType } from "./model";
import type { PlanResult } from "./planner";

/** A record set with the zone that holds it. */
export interface PlacedRecordSet extends PlannedRecordSet {
    /** The zone holding it, e.g. `contoso.com`. */
    zone: string;
}

/** A record set in both plans whose TTL or values differ: its resource is updated in place. */
export interface RecordSetChange {
    zone: string;
    name: string;
    type: RecordType;
    before: PlannedRecordSet;
    after: PlannedRecordSet;
}

/** What `diffPlans` returns; every list sorted by zone, name, type. */
export interface PlanDiff {
    /** In `after` only: created. */
    added: PlacedRecordSet[];
    /** In `before` only: deleted. */
    removed: PlacedRecordSet[];
    /** In both, with another TTL or other values: updated in place. */
    changed: RecordSetChange[];
    /** Consequences worth a second look, in words (e.g. push notifications that stop). */
    warnings: string[];
}

/** Options of `diffPlans`. */
export interface DiffOptions {
    /**
     * SIP domains with Lync Mobile users, beside those the `before` plan's
     * deployment names (a bare `EdgeDnsPlan` does not say which domains have
     * mobility). Case and a trailing dot are ignored.
     * @default none
     */
    mobilityDomains?: readonly string[];
}

/** A domain as a caller wrote it, in the plan's form: IDN to punycode, case and a trailing dot ignored. */
function canonicalName(name: string): string {
    const checked = canonicalHostName(name);
    return checked.ok ? checked.value : normalizeFoundName(name);
}

function placed(plan: EdgeDnsPlan): Map<string, PlacedRecordSet> {
    const sets = new Map<string, PlacedRecordSet>();
    for (const { zone, records } of plan.zones) {
        for (const record of records) sets.set(`${zone} ${record.name} ${record.type}`, { ...record, zone });
    }
    return sets;
}

function sameSet(a: PlannedRecordSet, b: PlannedRecordSet): boolean {
    const values = (r: PlannedRecordSet): string => [...r.values].sort().join("\n");
    return a.ttl === b.ttl && values(a) === values(b);
}

function byPlace(a: { zone: string; name: string; type: string }, b: { zone: string; name: string; type: string }): number {
    const key = (r: typeof a): string => `${r.zone}\u0000${r.name}\u0000${r.type}`;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function planOf(input: EdgeDnsPlan | PlanResult): EdgeDnsPlan {
    return "plan" in input ? input.plan : input;
}

/**
 * Compares two plans of a deployment (`planRecords` results, or
 * `planDeployment` results, which also say which domains have mobility) and
 * says what a change from `before` to `after` adds, removes and changes.
 *
 * Warns when a mobility domain's `_sipfederationtls._tcp.<domain>` SRV
 * record set is in `before` and in no zone of `after`: the push notification
 * clearing house reaches the domain only through it, so push notifications
 * to its Lync Mobile clients stop. (A federation SRV that moves to another
 * zone is removed there and added here, and still published: no warning.)
 *
 * @example
 * const diff = diffPlans(planDeployment(current), planDeployment(proposed));
 * // diff.removed: [{ zone: "contoso.com", name: "_sipfederationtls._tcp.contoso.com", type: "SRV", ... }]
 * // diff.warnings: ["_sipfederationtls._tcp.contoso.com is removed while contoso.com has Lync Mobile users: push notifications to their mobile clients stop"]
 */
export function diffPlans(before: EdgeDnsPlan | PlanResult, after: EdgeDnsPlan | PlanResult, options: DiffOptions = {}): PlanDiff {
    const old = placed(planOf(before));
    const next = placed(planOf(after));
    const added = [...next].filter(([key]) => !old.has(key)).map(([, set]) => set).sort(byPlace);
    const removed = [...old].filter(([key]) => !next.has(key)).map(([, set]) => set).sort(byPlace);
    const changed: RecordSetChange[] = [];
    for (const [key, was] of old) {
        const now = next.get(key);
        if (now && !sameSet(was, now)) {
            const { zone: _zone, ...wasSet } = was;
            const { zone, ...nowSet } = now;
            changed.push({ zone, name: now.name, type: now.type, before: wasSet, after: nowSet });
        }
    }
    changed.sort(byPlace);

    const mobility = new Set([
        ...("plan" in before ? before.deployment.domains.filter((d) => d.mobility).map((d) => d.name) : []),
        ...(options.mobilityDomains ?? []).map(canonicalName),
    ]);
    const srvNames = (sets: Map<string, PlacedRecordSet>): Set<string> => new Set([...sets.values()].filter((s) => s.type === "SRV").map((s) => s.name));
    const hadSrv = srvNames(old);
    const hasSrv = srvNames(next);
    const warnings = [...mobility].sort().flatMap((domain) => {
        const name = `${FEDERATION_SRV.service}.${domain}`;
        return hadSrv.has(name) && !hasSrv.has(name)
            ? [`${name} is removed while ${domain} has Lync Mobile users: push notifications to their mobile clients stop`]
            : [];
    });
    warnings.push(...cutoverWarnings(old, next));
    return { added, removed, changed, warnings };
}

/** The types each name holds. */
function typesByName(sets: Map<string, PlacedRecordSet>): Map<string, Map<string, PlacedRecordSet>> {
    const byName = new Map<string, Map<string, PlacedRecordSet>>();
    for (const set of sets.values()) {
        let types = byName.get(set.name);
        if (!types) byName.set(set.name, types = new Map());
        types.set(set.type, set);
    }
    return byName;
}

/** The federation SRV's target, or undefined. */
function federationTarget(types: Map<string, PlacedRecordSet> | undefined): string | undefined {
    const value = types?.get("SRV")?.values[0];
    return value === undefined ? undefined : parseSrv(value)?.target;
}

/**
 * What moving a domain between on premises and Microsoft 365 changes, and
 * what stops working meanwhile (Microsoft, "Disable hybrid to complete
 * migration to the cloud": update DNS, set the tenant to Teams Only, disable
 * the shared SIP address space, remove the hosting provider).
 */
function cutoverWarnings(old: Map<string, PlacedRecordSet>, next: Map<string, PlacedRecordSet>): string[] {
    const warnings: string[] = [];
    const before = typesByName(old);
    const after = typesByName(next);
    for (const [name, types] of after) {
        const was = before.get(name);
        const alias = types.get("CNAME");
        if (alias && was && (was.has("A") || was.has("AAAA"))) {
            const held = ["A", "AAAA"].filter((t) => was.has(t)).join(" and ");
            warnings.push(was.has("AAAA")
                ? `${name} changes from ${held} to a CNAME to ${alias.values.join(", ")}: it also holds AAAA, which Pulumi deletes only after creating the CNAME, and DNS refuses a CNAME beside other data, so this change fails half-way. Apply it in two steps: first with microsoft365.legacyClientRecords false (the address records go), then true (the CNAMEs come); that setting is the deployment's, so between the two steps the legacy records of every other online domain are gone too`
                : `${name} changes from A to a CNAME to ${alias.values.join(", ")}: the component replaces the A record set, deleting it before it creates the CNAME (DNS refuses a CNAME beside other data)`);
        } else if (!alias && was?.has("CNAME") && (types.has("A") || types.has("AAAA"))) {
            warnings.push(`${name} changes from a CNAME back to ${[...types.keys()].join(" and ")}: the component deletes the CNAME before it creates the A record set${types.has("AAAA") ? "; the AAAA record set is created first and DNS refuses it beside the CNAME, so apply it in two steps (first without the legacy client records)" : ""}`);
        }
        if (!name.startsWith(`${FEDERATION_SRV.service}.`)) continue;
        const domain = name.slice(FEDERATION_SRV.service.length + 1);
        const from = federationTarget(was);
        const to = federationTarget(types);
        if (from === undefined || to === undefined) continue;
        if (!MICROSOFT_365_HOSTS.has(from) && MICROSOFT_365_HOSTS.has(to)) {
            warnings.push(`${domain} moves to Microsoft 365 (Teams Only): ${name} now points to ${to}. Microsoft's order: update DNS (this change), then set the tenant's coexistence mode to Teams Only, disable the shared SIP address space, and remove the hosting provider. Until the tenant is Teams Only, users still on premises lose federation and push notifications, and partners who route to your Edge directly stop federating until they change it`);
        } else if (MICROSOFT_365_HOSTS.has(from) && !MICROSOFT_365_HOSTS.has(to)) {
            warnings.push(`${domain} moves from Microsoft 365 back to the Edge: ${name} now points to ${to}; federation and push notifications for Teams Only users of ${domain} stop`);
        }
    }
    return warnings;
}
