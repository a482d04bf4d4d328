/**
 * The CrossGuard policies: one stack validation policy per rule of the
 * shared rule engine. Tests import this module; only `index.ts` constructs
 * the PolicyPack (which starts a server).
 */
import { UnknownValueError, type ReportViolation, type StackValidationArgs, type StackValidationPolicy } from "@pulumi/policy";
import type { EnforcementLevel } from "../components/core/rules/model";
import { RULES } from "../components/core/rules/rules";
import { readStack, type StackResource, type StackSettings } from "./stack-records";

/** Per-policy config, as in a `--policy-pack-config` file. */
export interface PolicyConfig {
    /** lync-mobility-federation-srv: SIP domains with mobility, beside those the LyncEdgeDns components declare. */
    mobilityDomains?: string[];
    /** lync-srv-target-address(-external): zones this stack manages, beside those it creates records in. */
    managedZones?: string[];
    /** lync-public-addresses: allow non-public addresses. */
    allowPrivateAddresses?: boolean;
}

const CONFIG_SCHEMA = {
    "lync-mobility-federation-srv": {
        properties: { mobilityDomains: { type: "array", items: { type: "string" }, default: [], description: "SIP domains with Lync Mobile users, beside those the LyncEdgeDns components declare." } },
    },
    "lync-srv-target-address": {
        properties: { managedZones: { type: "array", items: { type: "string" }, default: [], description: "Zones this stack manages, beside those it creates records in." } },
    },
    "lync-srv-target-address-external": {
        properties: { managedZones: { type: "array", items: { type: "string" }, default: [], description: "Zones this stack manages, beside those it creates records in." } },
    },
    "lync-public-addresses": {
        properties: { allowPrivateAddresses: { type: "boolean", default: false, description: "Allow private, loopback, link-local, CGNAT, multicast, unspecified and unique-local addresses." } },
    },
} as const;

/**
 * "Judged at update": the policy server turns an UnknownValueError into its
 * advisory note "can't run policy ... during preview: <message>". Its
 * constructor wants one of the SDK's unknown sentinels.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownStringValue } = require("@pulumi/policy/proxy") as { unknownStringValue: unknown };

function judgedAtUpdate(sources: string[]): Error {
    const error = new UnknownValueError(unknownStringValue, []) as Error;
    error.message = `values of ${sources.join(", ")} are not known until the update; this check runs on them at pulumi up`;
    return error;
}

function settingsFrom(config: PolicyConfig): StackSettings {
    return { mobilityDomains: config.mobilityDomains, managedZones: config.managedZones, allowPrivateAddresses: config.allowPrivateAddresses };
}

/**
 * Runs one rule over a stack and reports its violations; what could not be
 * judged during a preview is said once, as CrossGuard's "can't run during
 * preview" note, and judged at update.
 */
export function validateStackWithRule(ruleName: string, resources: readonly StackResource[], config: PolicyConfig, report: ReportViolation): void {
    const rule = RULES.find((r) => r.name === ruleName);
    if (!rule) throw new Error(`internal: no rule ${ruleName}`);
    // The policy server hands each policy its own resources array, so each
    // policy reads the stack itself (linear; measured in docs/performance.md).
    const base = readStack(resources);
    const extra = settingsFrom(config);
    const input = {
        ...base.input,
        mobilityDomains: [...base.input.mobilityDomains, ...(extra.mobilityDomains ?? [])],
        managedZones: [...base.input.managedZones, ...(extra.managedZones ?? [])],
        allowPrivateAddresses: extra.allowPrivateAddresses ?? base.input.allowPrivateAddresses,
    };
    const { findings, undecided } = rule.check(input);
    for (const finding of findings) report(finding.message, finding.sources.length === 1 ? finding.sources[0] : undefined);
    if (undecided.length > 0) throw judgedAtUpdate([...new Set(undecided)]);
}

/** The policies, with default levels; `levels` overrides them (the pack config can too). */
export function edgeDnsPolicies(levels: Record<string, EnforcementLevel> = {}): StackValidationPolicy[] {
    return RULES.map((rule) => ({
        name: rule.name,
        description: rule.description,
        enforcementLevel: levels[rule.name] ?? rule.defaultLevel,
        configSchema: (CONFIG_SCHEMA as Record<string, StackValidationPolicy["configSchema"]>)[rule.name],
        validateStack: (args: StackValidationArgs, report: ReportViolation) =>
            validateStackWithRule(rule.name, args.resources as unknown as StackResource[], args.getConfig<PolicyConfig>(), report),
    }));
}
