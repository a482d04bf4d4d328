/**
 * Following an SRV record to where clients go: each target must lie in the
 * SRV's own SIP domain (Microsoft: an SRV in contoso.com points to a host in
 * contoso.com), must not be an alias (RFC 2782) and must have A or AAAA
 * records (RFC 2782; a client finds nothing to connect to otherwise).
 */
import { isWithin } from "../../components/core/dns/names";
import { MICROSOFT_365_HOSTS } from "../../components/core/plan/catalogue";
import { parseSrv } from "../../components/core/plan/values";
import { describeError, type Lookup, type LookupResult } from "./lookup";
import type { SrvTargetCheck, SrvTargetStatus } from "./types";

/**
 * The SIP domain an SRV record belongs to: its name without the leading
 * `_Service._Proto` labels (`_sip._tls.eu.contoso.com` → `eu.contoso.com`).
 */
export function srvDomain(srvName: string): string {
    const labels = srvName.split(".");
    let first = 0;
    while (first < labels.length - 1 && labels[first].startsWith("_")) first++;
    return labels.slice(first).join(".");
}

/** The distinct targets of SRV values in zone-file form, lower case, without trailing dot. */
export function srvTargets(values: readonly string[]): string[] {
    return [...new Set(values.map((v) => parseSrv(v)?.target).filter((t): t is string => t !== undefined))].sort();
}

interface Finding {
    status: Exclude<SrvTargetStatus, "ok">;
    detail: string;
}

/** Most serious first: the order a target's status is chosen in; a resolver error last, as it proves nothing wrong. */
const TARGET_SEVERITY: readonly Finding["status"][] = ["srv-target-cname", "srv-target-outside-domain", "srv-target-no-address", "resolver-error", "unchecked"];

/** The lookups of one target by type. */
interface TargetLookups {
    CNAME: LookupResult;
    A: LookupResult;
    AAAA: LookupResult;
}

/**
 * The lookups that failed and leave the target's check incomplete, grouped
 * by error: the CNAME lookup always, A and AAAA only while no address was
 * found. E.g. `sip.fabrikam.com. CNAME/A/AAAA queries: timeout after 2 tries`.
 */
function errorFinding(target: string, lookups: TargetLookups, hasAddress: boolean): Finding | undefined {
    const types: (keyof TargetLookups)[] = hasAddress ? ["CNAME"] : ["CNAME", "A", "AAAA"];
    const byError = new Map<string, string[]>();
    for (const type of types) {
        const result = lookups[type];
        if (result.outcome !== "error") continue;
        const error = describeError(result);
        byError.set(error, [...(byError.get(error) ?? []), type]);
    }
    if (byError.size === 0) return undefined;
    const detail = [...byError].map(([error, failed]) => `${target}. ${failed.join("/")} ${failed.length === 1 ? "query" : "queries"}: ${error}`).join("; ");
    return { status: "resolver-error", detail };
}

/** The lookups the deadline cut off, e.g. `sip.fabrikam.com. A/AAAA queries: not made before the deadline`. */
function uncheckedFinding(target: string, lookups: TargetLookups, hasAddress: boolean): Finding | undefined {
    const types: (keyof TargetLookups)[] = hasAddress ? ["CNAME"] : ["CNAME", "A", "AAAA"];
    const cut = types.filter((type) => lookups[type].outcome === "unchecked");
    if (cut.length === 0) return undefined;
    return { status: "unchecked", detail: `${target}. ${cut.join("/")} ${cut.length === 1 ? "query" : "queries"}: not made before the deadline` };
}

/** The problems of one target, most serious first. */
function findings(target: string, domain: string, lookups: TargetLookups, addresses: readonly string[]): Finding[] {
    const found: Finding[] = [];
    const { CNAME: cname, A: a, AAAA: aaaa } = lookups;
    if (cname.outcome === "found") {
        found.push({ status: "srv-target-cname", detail: `${target}. is a CNAME to ${cname.values.join(", ")}. (RFC 2782: an SRV target must not be an alias)` });
    }
    if (!isWithin(target, domain)) {
        found.push({ status: "srv-target-outside-domain", detail: `${target}. is outside ${domain} (Microsoft: an SRV record points to a host in its own SIP domain)` });
    }
    if (addresses.length === 0 && a.outcome === "missing" && aaaa.outcome === "missing") {
        found.push({ status: "srv-target-no-address", detail: `${target}. has no A or AAAA record` });
    }
    const error = errorFinding(target, lookups, addresses.length > 0);
    if (error) found.push(error);
    const unchecked = uncheckedFinding(target, lookups, addresses.length > 0);
    if (unchecked) found.push(unchecked);
    return found.sort((x, y) => TARGET_SEVERITY.indexOf(x.status) - TARGET_SEVERITY.indexOf(y.status));
}

/** Follows one SRV target found at `srvName`. */
export async function followSrvTarget(lookup: Lookup, srvName: string, target: string): Promise<SrvTargetCheck> {
    if (target === "") {
        // RFC 2782: a target of "." says the service is decidedly not available here.
        return { target, status: "srv-target-no-address", addresses: [], detail: `the target is "." (RFC 2782: service not available at this domain)` };
    }
    if (MICROSOFT_365_HOSTS.has(target)) {
        // An online (Teams Only) domain's SRV points to Microsoft 365, whose
        // hosts are Microsoft's to keep and lie outside the domain by design.
        return { target, status: "ok", addresses: [] };
    }
    const [cname, a, aaaa] = await Promise.all([lookup.query(target, "CNAME"), lookup.query(target, "A"), lookup.query(target, "AAAA")]);
    const addresses = [a, aaaa].flatMap((r) => (r.outcome === "found" ? r.values : []));
    const problems = findings(target, srvDomain(srvName), { CNAME: cname, A: a, AAAA: aaaa }, addresses);
    return {
        target,
        status: problems[0]?.status ?? "ok",
        addresses,
        ...(cname.outcome === "found" ? { cname: cname.values[0] } : {}),
        ...(problems.length > 0 ? { detail: problems.map((f) => f.detail).join("; ") } : {}),
    };
}
