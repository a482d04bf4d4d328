/**
 * The CrossGuard policies: one stack validation policy per rule of the
 * shared rule engine. Tests import this module; only `index.ts` constructs
 * the PolicyPack (which starts a server).
 */
import { UnknownValueError } from "@pulumi/policy";
// The types from the module that declares them: @pulumi/policy's index.d.ts re-exports
// names its own proxy.d.ts does not declare, which a consumer's compiler reports
// unless it skips library checks, and this module's declarations are what consumers compile.
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy/policy";
import type { EnforcementLevel } from "../components/core/rules/model";
import { RULES } from "../components/core/rules/rules";
import { readStackShared } from "./shared-read";
import { normalizeSettings, type StackResource } from "./stack-records";

/**
 * CrossGuard's `PolicyPack`, as `@pulumi/policy` declares it, for your own pack:
 * `new PolicyPack("edge-dns", { policies: edgeDnsPolicies() })`. Taken from here, a pack
 * compiles without `skipLibCheck`; `@pulumi/policy`'s own index.d.ts does not (see above).
 */
export { PolicyPack } from "@pulumi/policy/policy";
export { normalizeSettings, readStack, type NormalizedSettings, type StackInput, type StackResource, type StackSettings } from "./stack-records";

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

/** At most this many URNs are named in the note; a big stack's note stays a line, not a megabyte. */
export const NOTE_MAX_SOURCES = 10;

function judgedAtUpdate(sources: string[]): Error {
    const error = new UnknownValueError(unknownStringValue, []) as Error;
    const named = sources.slice(0, NOTE_MAX_SOURCES).join(", ");
    const more = sources.length > NOTE_MAX_SOURCES ? ` and ${sources.length - NOTE_MAX_SOURCES} more` : "";
    error.message = `values of ${named}${more} are not known until the update; this check runs on them at pulumi up`;
    return error;
}

/**
 * Runs one rule over a stack and reports its violations; what could not be
 * judged during a preview is said once, as CrossGuard's "can't run during
 * preview" note, and judged at update.
 *
 * The policy's config is normalized first (lower case, no trailing dot, IDN
 * in punycode). An entry that is not a DNS name is reported as a violation
 * of this policy naming the key and the value, and left out: a typo in the
 * pack config must neither crash the pack nor pass silently.
 */
export function validateStackWithRule(ruleName: string, resources: readonly StackResource[], config: PolicyConfig, report: ReportViolation): void {
    const rule = RULES.find((r) => r.name === ruleName);
    if (!rule) throw new Error(`internal: no rule ${ruleName}`);
    const { settings, problems } = normalizeSettings(config ?? {}, `the policy config ${ruleName}.`);
    for (const problem of problems) report(`${problem[0].toUpperCase()}${problem.slice(1)}`);
    // The policy server hands each policy its own resources array; a stack
    // with the same content as the previous policy's is read once (shared-read.ts).
    const { input } = readStackShared(resources, settings);
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
