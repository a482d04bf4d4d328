/** Small valid configs that tests change one field at a time. */
import type { EdgeDnsConfig } from "../../components";

/** A valid two-domain deployment with every part present. */
export function validConfig(): EdgeDnsConfig {
    return {
        sipDomains: [
            { name: "contoso.com", mobility: true, xmpp: true },
            { name: "fabrikam.com", externalAccess: false },
        ],
        edge: {
            accessEdgeIps: ["131.107.155.10", "131.107.155.11"],
            webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.20"] },
            av: { fqdn: "av.contoso.com", ips: ["131.107.155.30"] },
            reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com"] },
        },
    };
}

/** A copy of `validConfig()` changed by `edit`. */
export function configWith(edit: (config: Record<string, any>) => void): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
    const config = structuredClone(validConfig()) as unknown as Record<string, unknown>;
    edit(config);
    return config;
}
