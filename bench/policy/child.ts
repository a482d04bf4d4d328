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
 * The stack goes through the policy server's own code: it is encoded as the
 * engine's AnalyzeStackRequest (protobuf, the props as google.protobuf
 * Structs, the preview's unknowns as the engine's sentinel strings), decoded
 * once as gRPC decodes a request, and handed to @pulumi/policy's own
 * analyzeStack handler with every policy of edgeDnsPolicies(). The handler
 * deserializes each resource's props afresh for each policy and wraps them
 * in its unknown-checking proxy, as in a real `pulumi preview
 * --policy-pack`; what the pack reads are the strings the decoded request
 * holds, the same ones for every policy.
 *
 * Only the validateStack calls are timed as ours; the handler's own work
 * (deserializing, proxies, reporting) is `serverMs`. The policies share one
 * read of the stack: the first pays it, each later one compares its stack
 * with the kept read; both are reported apart from each rule's own time,
 * from the pack's own counters. Prints one JSON line.
 */
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { edgeDnsPolicies } from "../../policy/policies";
import { sharedReadTimes } from "../../policy/shared-read";
import type { StackResource } from "../../policy/stack-records";
import { syntheticStack } from "./stack";

// The policy server's own modules, resolved from @pulumi/policy so that the
// protobuf classes are the very ones its handler expects (none is in its typings).
const serverRequire = createRequire(require.resolve("@pulumi/policy/server"));
/* eslint-disable @typescript-eslint/no-explicit-any */
const { makeAnalyzeStackRpcFun } = serverRequire("@pulumi/policy/server") as {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: StackValidationPolicy[]): (call: { request: unknown }, callback: (error: unknown, response?: any) => void) => Promise<void>;
};
const { unknownStringValue } = serverRequire("@pulumi/policy/proxy") as { unknownStringValue: string };
const analyzer = serverRequire("@pulumi/pulumi/proto/analyzer_pb") as any;
const { Struct } = serverRequire("google-protobuf/google/protobuf/struct_pb") as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The outputs a provider computes during the update, per record type: unknown at its preview. */
const COMPUTED: Record<string, readonly string[]> = {
    "aws:route53/record:Record": ["fqdn", "id"],
    "azure-native:dns:RecordSet": ["fqdn", "id", "name", "type"],
};

function atPreview(resource: StackResource): StackResource {
    const computed = COMPUTED[resource.type];
    if (computed === undefined) return resource;
    const props = { ...resource.props };
    for (const key of computed) props[key] = unknownStringValue;
    return { ...resource, props };
}

/** The stack as the handler receives it: encoded by the engine, decoded once by gRPC. */
function analyzeStackRequest(stack: readonly StackResource[]): unknown {
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(stack.map((r) => {
        const resource = new analyzer.AnalyzerResource();
        resource.setType(r.type);
        resource.setUrn(r.urn);
        resource.setName(r.name);
        resource.setProperties(Struct.fromJavaScript(r.props));
        resource.setOptions(new analyzer.AnalyzerResourceOptions());
        return resource;
    }));
    return analyzer.AnalyzeStackRequest.deserializeBinary(request.serializeBinary());
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
    /** The policy server's own work around the calls (deserializing, proxies, diagnostics); not our code. */
    serverMs: number;
    violations: number;
    deferred: number;
}

async function main(): Promise<void> {
    const records = Number(process.argv[2]);
    if (!Number.isInteger(records) || records < 9) throw new Error("usage: child.js RECORDS (at least 9) [preview]");
    const preview = process.argv[3] === "preview";
    const request = analyzeStackRequest(preview ? syntheticStack(records).map(atPreview) : syntheticStack(records));
    const report: PolicyReport = { resources: 0, validateMs: 0, perPolicyMs: {}, sharedReadMs: 0, compareMs: 0, perRuleMs: {}, serverMs: 0, violations: 0, deferred: 0 };
    // Each policy as the pack has it, its validateStack timed with the pack's own counters around it.
    const policies = edgeDnsPolicies().map((policy): StackValidationPolicy => ({
        ...policy,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            report.resources = args.resources.length;
            const { readMs, compareMs } = sharedReadTimes;
            const started = performance.now();
            try {
                return policy.validateStack(args, reportViolation);
            } finally {
                const ms = performance.now() - started;
                const read = sharedReadTimes.readMs - readMs;
                const compared = sharedReadTimes.compareMs - compareMs;
                report.perPolicyMs[policy.name] = ms;
                report.perRuleMs[policy.name] = ms - read - compared;
                report.sharedReadMs += read;
                report.compareMs += compared;
                report.validateMs += ms;
            }
        },
    }));
    const analyzeStack = makeAnalyzeStackRpcFun("lync-edge-dns", "0.0.0", "advisory", policies);
    const started = performance.now();
    const response = await new Promise<{ getDiagnosticsList(): { getMessage(): string }[] }>((resolve, reject) => {
        void analyzeStack({ request }, (error, result) => (error ? reject(error) : resolve(result)));
    });
    report.serverMs = performance.now() - started - report.validateMs;
    for (const diagnostic of response.getDiagnosticsList()) {
        // The server's note for a policy that threw UnknownValueError: judged at update.
        if (diagnostic.getMessage().startsWith("can't run policy")) report.deferred++;
        else report.violations++;
    }
    process.stdout.write(`${JSON.stringify(report)}\n`);
}

void main();
