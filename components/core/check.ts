/**
 * The check pipeline, the one every entry point runs — the component, the
 * CLI's `plan` and `verify`, the offline run (through the component): the
 * deployment is validated and planned, the DNS target (when given) checked
 * against the plan and its provider's limits, and the rules run over the
 * plan. Pure: no Pulumi, no I/O; a missing provider package is found only
 * when the component loads its renderer.
 */
import { ConfigError, IssueCollector, type ConfigIssue } from "./config/errors";
import { checkTargetFields, type AdoptRequest, type DnsProvider, type ResolvedTarget } from "./config/target";
import type { TracedRecordSet } from "./plan/model";
import { planDeployment, type PlanResult } from "./plan/planner";
import { evaluateRules, isMandatory } from "./rules/evaluate";
import { ruleInputFromPlan } from "./rules/from-plan";
import type { Violation } from "./rules/model";
import { PROVIDERS, providerModule } from "../providers/registry";

/** What the pipeline is given. */
export interface CheckInput {
    /** The deployment (`EdgeDnsConfig`, or the component's args without `dns`). */
    config: unknown;
    /**
     * The DNS target (`DnsTarget`); leave it out to check the deployment
     * alone (a config file without `lync-edge-dns:dns`).
     */
    dns?: unknown;
    /** Whether `dns` was given at all (a stack file may lack the key; the component never does). */
    requireDns?: boolean;
}

/** What the pipeline found. `planned` is there when the deployment itself is valid. */
export interface CheckResult {
    planned?: PlanResult;
    /** The DNS target, when one was given and is valid. */
    target?: ResolvedTarget;
    /** Problems with the input: nothing may be created while there are any. */
    issues: ConfigIssue[];
    /** What the rules found, at their levels. */
    violations: Violation[];
    /** The planner's warnings, then `targetWarnings`, then the advisory rule findings, as `[rule] message`. */
    warnings: string[];
    /** The DNS target's warnings (taking record sets over with `dns.adopt`): none without a target. */
    targetWarnings: string[];
}

/**
 * Runs the whole pipeline. Never throws for a user's mistake: every
 * problem is in `issues` (or a mandatory `violations` entry).
 */
export function checkDeployment(input: CheckInput): CheckResult {
    let planned: PlanResult;
    try {
        planned = planDeployment(input.config);
    } catch (error) {
        if (!ConfigError.isInstance(error)) throw error;
        // Every mistake at once: the DNS target's own (a misspelt provider, an
        // unknown key) beside the deployment's, though its zones are not known.
        const out = new IssueCollector();
        if (input.dns !== undefined) checkTargetFields(input.dns, undefined, Object.keys(PROVIDERS), out);
        return { issues: [...error.issues, ...out.issues], violations: [], warnings: [], targetWarnings: [] };
    }
    const out = new IssueCollector();
    const target = input.dns !== undefined || input.requireDns ? checkTarget(input.dns, planned, out) : undefined;
    const { violations } = evaluateRules(ruleInputFromPlan(planned));
    const advisories = violations.filter((v) => !isMandatory(v)).map((v) => `[${v.rule}] ${v.message}`);
    const adoption = target && target.importIds.size > 0 ? [adoptWarning(target.importIds.size)] : [];
    return { planned, target, issues: out.issues, violations, warnings: [...planned.plan.warnings, ...adoption, ...advisories], targetWarnings: adoption };
}

/** The DNS target against the plan: its fields, its provider's own checks, and the provider's limits. */
function checkTarget(dns: unknown, planned: PlanResult, out: IssueCollector): ResolvedTarget | undefined {
    const zones = planned.deployment.zones;
    const fields = checkTargetFields(dns, zones, Object.keys(PROVIDERS), out);
    const provider = providerModule(fields?.provider);
    if (!fields || !provider) return undefined;
    const resolved = provider.resolveTarget(fields, zones, out);
    for (const record of planned.records) {
        if (record.values.length > provider.maxValuesPerRecordSet) {
            out.error(record.origin.sources.join(", "), `${record.name} ${record.type} would hold ${record.values.length} values; ${provider.title} allows at most ${provider.maxValuesPerRecordSet} in one record set`);
        }
    }
    const importIds = new Map<TracedRecordSet, string>();
    const reasons = new Set<string>();
    for (const record of adoptedRecords(fields.adopt, planned, out)) {
        const made = provider.importId(record, resolved, fields);
        if ("id" in made) importIds.set(record, made.id);
        else if (!reasons.has(`${made.path}\0${made.message}`)) {
            reasons.add(`${made.path}\0${made.message}`);
            out.error(made.path, made.message);
        }
    }
    return { provider: provider.id as DnsProvider, ...resolved, importIds };
}

/**
 * What the engine does with an `import` left in place (pulumi/pulumi,
 * pkg/resource/deploy/step_generator.go): a resource already in the state
 * under the same ID is not imported again, so adopted records are safe; but
 * a record set the plan gains later would be imported too, and an import of
 * a record that does not exist fails; and an imported resource that needs a
 * replacement is refused while its import ID stays.
 */
function adoptWarning(count: number): string {
    return `dns.adopt: ${count} record ${count === 1 ? "set is" : "sets are"} taken over with Pulumi's import option instead of created. Remove dns.adopt after the pulumi up that adopts them: while it is on, a record set the plan gains later is imported rather than created (and fails, as it does not exist yet), and an adopted one that must be replaced cannot be`;
}

/** The record sets `dns.adopt` names: all of them, or those listed, each of which must be in the plan. */
function adoptedRecords(adopt: AdoptRequest, planned: PlanResult, out: IssueCollector): TracedRecordSet[] {
    if (adopt.all) return planned.records;
    if (adopt.listed.size === 0) return [];
    const byKey = new Map(planned.records.map((r) => [`${r.name} ${r.type}`, r]));
    const adopted: TracedRecordSet[] = [];
    for (const [key, path] of adopt.listed) {
        const record = byKey.get(key);
        if (record) adopted.push(record);
        else out.error(path, `${key} is not a record set of this deployment's plan; list only record sets the plan holds (lync-edge-dns plan shows them; lync-edge-dns verify --adopt lists those that exist)`);
    }
    return adopted;
}

/**
 * The pipeline for a caller that must stop on any problem (the component):
 * throws one `ConfigError` with every issue, or with every mandatory
 * violation, before anything is created.
 */
export function checkOrThrow(input: CheckInput): CheckResult & { planned: PlanResult } {
    const result = checkDeployment(input);
    if (result.issues.length > 0 || !result.planned) throw new ConfigError(result.issues);
    const mandatory = result.violations.filter(isMandatory);
    if (mandatory.length > 0) {
        throw new ConfigError(mandatory.map((v) => ({ path: v.sources.join(", ") || "(plan)", message: `[${v.rule}] ${v.message}` })), "lync-edge-dns policy violation");
    }
    return { ...result, planned: result.planned };
}
