/**
 * Reads a registered record resource back into name, type, TTL and values,
 * from the inputs the provider resource actually received (not from the
 * plan), so that what is printed is what `pulumi up` would send. Each
 * provider module knows how its resources read.
 */
import { PROVIDERS } from "../providers/registry";
import type { RecordResourceView } from "../providers/model";
import type { RegisteredResource } from "./engine";

export type { RecordResourceView };

export function describeRecordResource(r: RegisteredResource): RecordResourceView {
    const provider = Object.values(PROVIDERS).find((p) => p.recordType === r.type);
    return provider ? provider.describe(r.name, r.inputs) : { name: r.name, type: r.type, ttl: 0, values: [], resource: r.type };
}
