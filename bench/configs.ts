/**
 * Synthetic deployments of any size: SIP domains behind one Edge pool, each
 * its own zone, each with mobility and XMPP, so each publishes the planner's
 * full six record sets (_sipfederationtls._tcp, _sip._tls, sip A,
 * _xmpp-server._tcp, xmpp A, lyncdiscover A).
 */
import type { EdgeDnsConfig } from "../components";

/** The i-th domain; domain 0 is contoso.com, the zone of the Edge's own hosts. */
export function domainName(i: number): string {
    return i === 0 ? "contoso.com" : `sip${i}.bench-${i % 7}.com`;
}

/** Shape of a synthetic deployment. */
export interface SyntheticOptions {
    /** Index of the first domain (a second deployment continues where the first stops). @default 0 */
    firstDomain?: number;
    /** Web Conferencing and A/V Edge hosts in contoso.com (needs domain 0). @default true */
    edgeHosts?: boolean;
    /** Reverse proxy hosts in contoso.com (needs domain 0). @default 1 */
    reverseProxyHosts?: number;
}

/** Public addresses (Microsoft's own examples): no documentation-range warnings. */
export function syntheticDeployment(domains: number, options: SyntheticOptions = {}): EdgeDnsConfig {
    const first = options.firstDomain ?? 0;
    const edgeHosts = options.edgeHosts ?? true;
    const hosts = Array.from({ length: options.reverseProxyHosts ?? 1 }, (_, i) => (i === 0 ? "meet.contoso.com" : `meet${i}.contoso.com`));
    return {
        sipDomains: Array.from({ length: domains }, (_, i) => ({ name: domainName(first + i), mobility: true, xmpp: true })),
        edge: {
            accessEdgeIps: ["131.107.155.10", "131.107.155.11"],
            ...(edgeHosts ? {
                webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.20"] },
                av: { fqdn: "av.contoso.com", ips: ["131.107.155.30"] },
            } : {}),
            reverseProxy: { ips: ["131.107.155.40"], hosts },
        },
    };
}

/** The record sets `syntheticDeployment(domains, options)` publishes. */
export function recordSetCount(domains: number, options: SyntheticOptions = {}): number {
    return 6 * domains + ((options.edgeHosts ?? true) ? 2 : 0) + (options.reverseProxyHosts ?? 1);
}
