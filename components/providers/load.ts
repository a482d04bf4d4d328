/**
 * Loads the renderer of the chosen provider, and with it that provider's
 * package only: a Route 53 deployment never loads `@pulumi/azure-native`
 * (136 MB) and an Azure one never loads `@pulumi/aws`.
 */
import { ConfigError } from "../core/config/errors";
import { DnsProvider } from "../core/config/target";
import type { Renderer } from "./renderer";

const PACKAGES: Record<DnsProvider, { module: string; pkg: string; range: string }> = {
    route53: { module: "./route53/render", pkg: "@pulumi/aws", range: "^7" },
    azure: { module: "./azure/render", pkg: "@pulumi/azure-native", range: "^3" },
};

/** The renderer for `provider`; a clear error naming the install when its package is missing. */
export function loadRenderer(provider: DnsProvider): Renderer {
    const { module, pkg, range } = PACKAGES[provider];
    try {
        // A require at the point of use, not an import at the top: it is what
        // keeps the other provider's package unloaded (and optional).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const loaded = require(module) as Record<string, Renderer>;
        return provider === DnsProvider.Route53 ? loaded.renderRoute53 : loaded.renderAzure;
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "MODULE_NOT_FOUND" && String((error as Error).message).includes(pkg)) {
            throw new ConfigError([{
                path: "dns.provider",
                message: `${quote(provider)} needs the ${pkg} package, which is not installed: run npm install ${pkg}@${range}`,
            }]);
        }
        throw error;
    }
}

function quote(text: string): string {
    return JSON.stringify(text);
}
