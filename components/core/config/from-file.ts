/**
 * From a config or stack file to the component's arguments. Files may name a
 * SIP domain by a bare string; the component takes `SipDomain` objects only
 * (its args must have a schema every Pulumi language can use).
 */
import type { DnsTarget, LyncEdgeDnsArgs } from "./target";
import type { EdgeDnsConfig, SipDomain } from "./types";

/** The stack config keys the root program reads. */
export const STACK_CONFIG_KEYS = {
    /** The deployment, an `EdgeDnsConfig`. */
    deployment: "deployment",
    /** The DNS target, a `DnsTarget`. */
    dns: "dns",
} as const;

/** Turns `"contoso.com"` into `{ name: "contoso.com" }`; leaves everything else to validation. */
export function expandSipDomains(domains: EdgeDnsConfig["sipDomains"]): SipDomain[] {
    return Array.isArray(domains)
        ? domains.map((d) => (typeof d === "string" ? { name: d } : d))
        : domains;
}

/** The component's args from a file's deployment and DNS target. */
export function toComponentArgs(config: EdgeDnsConfig, dns: DnsTarget): LyncEdgeDnsArgs {
    if (config === null || typeof config !== "object") return { dns, ...(config as object) } as LyncEdgeDnsArgs;
    return { ...config, sipDomains: expandSipDomains(config.sipDomains), dns };
}
