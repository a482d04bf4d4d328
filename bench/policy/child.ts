/**
 * The policy pack's stack validation over a synthetic stack, in a fresh
 * process (started by measure.ts):
 *
 *   node dist/bench/policy/child.js RECORDS [preview]
 *
 * With `preview`, every record's computed outputs (Route 53 fqdn and id;
 * Azure DNS fqdn, id, name, type) are unknown, as at the preview of the
 * update that creates them; what cannot be judged then is deferred.
 *
 * Calls every policy of edgeDnsPolicies() the way the policy server's
 * analyzeStack does: per policy, a fresh resources array whose props are
 * fresh copies (the server deserializes them per policy) wrapped in the
 * unknown-checking proxy from @pulumi/policy/proxy. Only the
 * validateStack calls are timed (building the stack and the server's own
 * per-policy wrapping are not our code). The policies share one read of the
 * stack: the first pays it, each later one compares its stack with the kept
 * read; both are reported apart from each rule's own time, from the pack's
 * own counters. Prints one JSON line.
 */
import { performance } from "node:perf_hooks";
import { UnknownValueError, type ReportViolation, type StackValidationArgs } from "@pulumi/policy";
import { edgeDnsPolicies } from "../../policy/policies";
import { sharedReadTimes } from "../../policy/shared-read";
import { syntheticStack } from "./stack";

// The policy SDK's own proxy, as its server uses it (not in its typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(value: T): T; unknownStringValue: string };

/** The outputs a provider computes during the update, per record type: unknown at its preview. */
const COMPUTED: Record<string, readonly string[]> = {
    "aws:route53/record:Record": ["fqdn", "id"],
    "azure-native:dns:RecordSet": ["fqdn", "id", "name", "type"],
};

function atPreview<T extends { type: string; props: Record<string, unknown> }>(resource: T): T {
    const computed = COMPUTED[resource.type];
    if (computed === undefined) return resource;
    const props = { ...resource.props };
    for (const key of computed) props[key] = unknownStringValue;
    return { ...resource, props };
}

/** What the child prints. */
export interface PolicyReport {
    resources: number;
    /** Sum over the policies of their validateStack calls. */
    validateMs: number;
    perPolicyMs: Record<string, number>;
    /** Of validateMs: reading the stack (once, in the first policy) and comparing each later policy's stack with that read. */
    sharedReadMs: number;
    compareMs: number;
    /** Each policy's validateStack less the read and the comparison in it: the rule's own time. */
    perRuleMs: Record<string, number>;
    /** The server's own work we mimic (fresh arrays, proxies), per policy, summed; not our code. */
    wrapMs: number;
    violations: number;
    deferred: number;
}

/**
 * A string as the server has it, decoded from its request: flat. The
 * synthetic stack's URNs are built in pieces, and the first string
 * operation on such a string copies it whole, a cost no server string has.
 */
function decoded(text: string): string {
    return Buffer.from(text, "utf8").toString("utf8");
}

function main(): void {
    const records = Number(process.argv[2]);
    if (!Number.isInteger(records) || records < 9) throw new Error("usage: child.js RECORDS (at least 9) [preview]");
    const preview = process.argv[3] === "preview";
    const built = preview ? syntheticStack(records).map(atPreview) : syntheticStack(records);
    // The server decodes the request once: every policy gets the same URN and name strings.
    const stack = built.map((r) => ({ ...r, urn: decoded(r.urn), name: decoded(r.name) }));
    const report: PolicyReport = { resources: stack.length, validateMs: 0, perPolicyMs: {}, sharedReadMs: 0, compareMs: 0, perRuleMs: {}, wrapMs: 0, violations: 0, deferred: 0 };
    for (const policy of edgeDnsPolicies()) {
        const wrapStarted = performance.now();
        // The server deserializes every resource's props afresh for each policy: fresh objects, as here.
        const resources = stack.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: unknownCheckingProxy(structuredClone(r.props)) }));
        report.wrapMs += performance.now() - wrapStarted;
        const args: StackValidationArgs = {
            resources: resources as unknown as StackValidationArgs["resources"],
            getConfig: <T extends object>() => ({}) as T,
            stackTags: new Map(),
            notApplicable: (reason?: string): never => { throw new Error(`not applicable: ${reason}`); },
        };
        const reportViolation: ReportViolation = () => { report.violations++; };
        const { readMs, compareMs } = sharedReadTimes;
        const started = performance.now();
        try {
            policy.validateStack(args, reportViolation);
        } catch (error) {
            if (!(error instanceof UnknownValueError)) throw error;
            report.deferred++;
        }
        const ms = performance.now() - started;
        const read = sharedReadTimes.readMs - readMs;
        const compared = sharedReadTimes.compareMs - compareMs;
        report.perPolicyMs[policy.name] = ms;
        report.perRuleMs[policy.name] = ms - read - compared;
        report.sharedReadMs += read;
        report.compareMs += compared;
        report.validateMs += ms;
    }
    process.stdout.write(`${JSON.stringify(report)}\n`);
}

main();
