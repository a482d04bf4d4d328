/**
 * lync-edge-dns: the external DNS records of a Lync Server 2013 / Skype for
 * Business Server Edge deployment, planned from a short description and
 * published to AWS Route 53 or Azure DNS by a Pulumi component.
 */
export { LyncEdgeDns } from "./component";
export { LYNC_EDGE_DNS_TYPE } from "./component-type";
export { DnsProvider, type DnsTarget, type LyncEdgeDnsArgs } from "./config/target";
export {
    ServerVersion,
    type EdgeDnsConfig, type EdgeDnsSettings, type SipDomain, type EdgeEndpoints, type EdgeRole,
    type ReverseProxy, type Hostnames, type SrvSettings,
} from "./config/types";
export { ConfigError, type ConfigIssue } from "./config/errors";
export { validateConfig, DEFAULTS } from "./config/validate";
export { configJsonSchema } from "./config/schema";
export { planRecords, planDeployment, SRV_PORTS, SRV_SERVICES, type PlanResult } from "./plan/planner";
export {
    RecordType, RecordRole,
    type EdgeDnsPlan, type PlannedZone, type PlannedRecordSet, type RecordOrigin,
} from "./plan/model";
export { formatSrv, parseSrv, type SrvValue } from "./plan/values";
export { diffPlans, type PlanDiff, type PlacedRecordSet, type RecordSetChange, type DiffOptions } from "./plan/changes";
