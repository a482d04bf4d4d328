/** Runs the rules with their levels. */
import type { EnforcementLevel, RuleInput, Violation } from "./model";
import { RULES } from "./rules";

/** The outcome of a rule run. */
export interface RuleReport {
    violations: Violation[];
    /** Sources whose values were unknown: judged at update, not now. */
    undecided: { rule: string; sources: string[] }[];
}

/**
 * Runs every rule over `input`. `levels` overrides a rule's default level by
 * name (`disabled` skips it).
 */
export function evaluateRules(input: RuleInput, levels: Record<string, EnforcementLevel> = {}): RuleReport {
    const report: RuleReport = { violations: [], undecided: [] };
    for (const rule of RULES) {
        const level = levels[rule.name] ?? rule.defaultLevel;
        if (level === "disabled") continue;
        const { findings, undecided } = rule.check(input);
        for (const finding of findings) {
            report.violations.push({ rule: rule.name, level: finding.level ?? level, message: finding.message, sources: finding.sources });
        }
        if (undecided.length > 0) report.undecided.push({ rule: rule.name, sources: [...new Set(undecided)] });
    }
    return report;
}

/** True when a violation stops the deployment. */
export function isMandatory(v: Violation): boolean {
    return v.level === "mandatory";
}
