/**
 * The DNS providers, by `dns.provider` value. A new provider is a folder
 * beside these (its module and renderer) and one line here, plus its value
 * in the `DnsProvider` enum (which the compiler then insists on here).
 */
import type { DnsProvider } from "../core/config/target";
import type { DnsProviderModule } from "./model";
import { azure } from "./azure";
import { route53 } from "./route53";

/** Every provider module, keyed by its `dns.provider` value. */
export const PROVIDERS: Readonly<Record<DnsProvider, DnsProviderModule>> = {
    route53,
    azure,
};

/** The module of a provider value, or undefined for an unknown one. */
export function providerModule(id: unknown): DnsProviderModule | undefined {
    return typeof id === "string" && Object.prototype.hasOwnProperty.call(PROVIDERS, id) ? PROVIDERS[id as DnsProvider] : undefined;
}
