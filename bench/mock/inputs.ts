/**
 * The two programs' inputs for one deployment: the component's args (the
 * deployment and a DNS target with every zone given, so that no zone is
 * looked up), and the baseline's precomputed record sets with the same
 * logical names and inputs the component's renderers give them.
 */
import { planRecords, parseSrv, type EdgeDnsConfig, type LyncEdgeDnsArgs, type PlannedRecordSet } from "../../components";
import { relativeName } from "../../components/core/dns/names";
import { recordLogicalName } from "../../components/providers/renderer";
import type { HandwrittenInput } from "./handwritten";

export type Provider = "route53" | "azure";

const RESOURCE_GROUP = "rg-edge-dns";

function zoneIds(zones: string[]): Record<string, string> {
    return Object.fromEntries(zones.map((zone, i) => [zone, `Z${String(i).padStart(12, "0")}`]));
}

function zonesOf(config: EdgeDnsConfig): string[] {
    return planRecords(config).zones.map((z) => z.zone);
}

/** The component's args. */
export function componentInput(config: EdgeDnsConfig, provider: Provider): LyncEdgeDnsArgs {
    const dns = provider === "route53"
        ? { provider, hostedZoneIds: zoneIds(zonesOf(config)) }
        : { provider, resourceGroupName: RESOURCE_GROUP };
    return { ...config, sipDomains: config.sipDomains.map((d) => (typeof d === "string" ? { name: d } : d)), dns };
}

function azureRecords(record: PlannedRecordSet): Record<string, unknown> {
    switch (record.type) {
        case "A": return { aRecords: record.values.map((ipv4Address) => ({ ipv4Address })) };
        case "AAAA": return { aaaaRecords: record.values.map((ipv6Address) => ({ ipv6Address })) };
        default: return { srvRecords: record.values.map((v) => parseSrv(v)) };
    }
}

/** The baseline's record sets: the component's names and inputs, computed here, not in the measured process. */
export function handwrittenInput(config: EdgeDnsConfig, provider: Provider): HandwrittenInput {
    const plan = planRecords(config);
    const ids = zoneIds(plan.zones.map((z) => z.zone));
    const records = plan.zones.flatMap(({ zone, records: sets }) => sets.map((record) => ({
        name: recordLogicalName("edge", zone, record),
        args: provider === "route53"
            ? { zoneId: ids[zone], name: record.name, type: record.type, ttl: record.ttl, records: record.values, allowOverwrite: false }
            : { resourceGroupName: RESOURCE_GROUP, zoneName: zone, relativeRecordSetName: relativeName(record.name, zone), recordType: record.type, ttl: record.ttl, ...azureRecords(record) },
    })));
    return { provider, records };
}
