/**
 * Loads the renderer of the chosen provider, and with it that provider's
 * package only: a Route 53 deployment never loads `@pulumi/azure-native`
 * (136 MB) and an Azure one never loads `@pulumi/aws`.
 */
import { ConfigError } from "../core/config/errors";
import { quote } from "../core/dns/names";
import { PROVIDERS } from "./registry";
import type { DnsProvider } from "../core/config/target";
import type { Renderer } from "./renderer";

/** The renderer for `provider`; a clear error naming the install when its package is missing. */
export function loadRenderer(provider: DnsProvider): Renderer {
    const module = PROVIDERS[provider];
    try {
        return module.loadRenderer();
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "MODULE_NOT_FOUND" && String((error as Error).message).includes(module.package.name)) {
            throw new ConfigError([{
                path: "dns.provider",
                message: `${quote(provider)} needs the ${module.package.name} package, which is not installed: run npm install ${module.package.name}@${module.package.range}`,
            }]);
        }
        throw error;
    }
}
