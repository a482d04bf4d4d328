/**
 * lync-edge-dns: the external DNS records of a Lync Server 2013 / Skype for
 * Business Server Edge deployment, planned from a short description and
 * published to AWS Route 53 or Azure DNS by a Pulumi component.
 */
export { LyncEdgeDns } from "./component/component";
export { LYNC_EDGE_DNS_TYPE } from "./core/component-type";
export { DnsProvider, type DnsTarget, type LyncEdgeDnsArgs } from "./core/config/target";
export {
    ServerVersion,
    type EdgeDnsConfig, type EdgeDnsSettings, type SipDomain, type EdgeEndpoints, type EdgeRole,
    type ReverseProxy, type Hostnames, type SrvSettings,
} from "./core/config/types";
export { ConfigError, type ConfigIssue } from "./core/config/errors";
export { validateConfig, DEFAULTS } from "./core/config/validate";
export { configJsonSchema } from "./core/config/schema";
export { planRecords, planDeployment, SRV_PORTS, SRV_SERVICES, type PlanResult } from "./core/plan/planner";
export {
    RecordType, RecordRole,
    type EdgeDnsPlan, type PlannedZone, type PlannedRecordSet, type RecordOrigin,
} from "./core/plan/model";
export { formatSrv, parseSrv, type SrvValue } from "./core/plan/values";
export { diffPlans, type PlanDiff, type PlacedRecordSet, type RecordSetChange, type DiffOptions } from "./core/plan/changes";
