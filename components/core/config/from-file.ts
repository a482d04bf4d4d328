/**
 * From a config or stack file to the component's arguments. Files may name a
 * SIP domain by a bare string. The component's declared type takes
 * `SipDomain` objects only (its args must have a schema every Pulumi
 * language can use), but its check is the one every entry point shares and
 * takes a bare string as files do: so the deployment goes to it as written,
 * and a mistake is reported at the same path (`sipDomains[0]`) as by the CLI
 * and the policy pack.
 */
import type { DnsTarget, LyncEdgeDnsArgs } from "./target";
import type { EdgeDnsConfig } from "./types";

/** The stack config keys the root program reads. */
export const STACK_CONFIG_KEYS = {
    /** The deployment, an `EdgeDnsConfig`. */
    deployment: "deployment",
    /** The DNS target, a `DnsTarget`. */
    dns: "dns",
} as const;

/** The component's args from a file's deployment and DNS target. */
export function toComponentArgs(config: EdgeDnsConfig, dns: DnsTarget): LyncEdgeDnsArgs {
    if (config === null || typeof config !== "object") return { dns, ...(config as object) } as LyncEdgeDnsArgs;
    return { ...config, dns } as LyncEdgeDnsArgs;
}
