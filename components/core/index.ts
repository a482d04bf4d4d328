/**
 * lync-edge-dns/core: planning, diffs, the check pipeline and the policy
 * rules, with no Pulumi module loaded — for tools, CI checks and tests that
 * need the records as data. The package's main entry re-exports all of this
 * beside the `LyncEdgeDns` component.
 */
export { LYNC_EDGE_DNS_TYPE } from "./component-type";
export { DnsProvider, type DnsTarget, type LyncEdgeDnsArgs } from "./config/target";
export {
    ServerVersion,
    type EdgeDnsConfig, type EdgeDnsSettings, type SipDomain, type EdgeEndpoints, type EdgeRole,
    type ReverseProxy, type Hostnames, type SrvSettings,
} from "./config/types";
export { ConfigError, type ConfigIssue } from "./config/errors";
export { validateConfig, DEFAULTS } from "./config/validate";
export { configJsonSchema } from "./config/json-schema";
export { argsFromStackConfig, toComponentArgs } from "./config/from-file";
export { planRecords, planDeployment, SRV_PORTS, SRV_SERVICES, type PlanResult } from "./plan/planner";
export {
    RecordType, RecordRole,
    type EdgeDnsPlan, type PlannedZone, type PlannedRecordSet, type RecordOrigin, type TracedRecordSet,
} from "./plan/model";
export { formatSrv, parseSrv, type SrvValue } from "./plan/values";
export { diffPlans, type PlanDiff, type PlacedRecordSet, type RecordSetChange, type DiffOptions } from "./plan/changes";
export { certificateSubjectNames } from "./plan/certificate";
export { DOMAIN_KINDS, DEPLOYMENT_HOST_KINDS, FEDERATION_SRV, type DomainKind, type SrvKind, type HostKind, type KindId } from "./plan/catalogue";
export { checkDeployment, checkOrThrow, type CheckInput, type CheckResult } from "./check";
export { evaluateRules, isMandatory, type RuleReport } from "./rules/evaluate";
export { RULES } from "./rules/rules";
export type { Violation, EnforcementLevel, RecordSetFact, RuleInput, Rule } from "./rules/model";
export { renderZoneFile, type ZoneFileOptions } from "./zonefile";
