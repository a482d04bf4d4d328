/**
 * The names the Edge's external certificate must carry, from a plan: the
 * same rule as the component's `certificateSubjectNames` output, for the
 * CLI, which loads no Pulumi module.
 */
import { RecordRole, type RecordOrigin } from "../components/core/plan/model";

/** The roles whose host names clients and partners reach over TLS at the Edge's external interface. */
const CERTIFICATE_ROLES: ReadonlySet<RecordRole> = new Set([RecordRole.AccessEdgeHost, RecordRole.XmppHost, RecordRole.WebConferencing]);

/** The certificate subject names of a plan's record sets, sorted, each once. */
export function certificateSubjectNames(origins: readonly RecordOrigin[]): string[] {
    const names = new Set<string>();
    for (const origin of origins) {
        if (origin.roles.some((role) => CERTIFICATE_ROLES.has(role))) names.add(origin.name);
    }
    return [...names].sort();
}
