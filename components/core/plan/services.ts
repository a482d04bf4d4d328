/**
 * The Edge's SRV services by name: owner-name prefixes (`_Service._Proto`,
 * RFC 2782) and ports, as the public API has always named them. Derived
 * from the record catalogue, which is where they are defined.
 */
import { SRV_KINDS, type SrvKind } from "./catalogue";

type SrvKindId = "sipFederation" | "sipExternal" | "xmppServer";
const SERVICE_IDS: readonly SrvKindId[] = ["sipFederation", "sipExternal", "xmppServer"];

/** The Edge's own services, as the public constants have always named them (the online kinds share their services). */
function byId<T>(pick: (kind: SrvKind) => T): Record<SrvKindId, T> {
    return Object.fromEntries(SRV_KINDS.filter((k) => (SERVICE_IDS as readonly string[]).includes(k.id)).map((k) => [k.id, pick(k)])) as Record<SrvKindId, T>;
}

/** The ports of the SRV records (RFC 5922 sips 5061, RFC 6120 xmpp-server 5269; 443 for Lync external access). */
export const SRV_PORTS: Readonly<Record<SrvKindId, number>> = byId((k) => k.port);

/** The SRV owner-name prefixes: `_Service._Proto` (RFC 2782). */
export const SRV_SERVICES: Readonly<Record<SrvKindId, string>> = byId((k) => k.service);
