/**
 * From a mock-engine run to what CrossGuard's stack validation receives, and
 * a small runner that calls the real policy objects the way the policy
 * server does (props wrapped in its unknown-checking proxy).
 */
import { UnknownValueError, type ReportViolation } from "@pulumi/policy";
import { edgeDnsPolicies, type PolicyConfig } from "../../policy/policies";
import type { StackResource } from "../../policy/stack-records";
import type { MockRun } from "../../offline/engine";

/**
 * The policy SDK's own internals, as its server uses them: the proxy that
 * throws UnknownValueError on an unknown value, and the unknown sentinels.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const policyProxy = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T>(value: T): T;
    unknownStringValue: string;
    unknownArrayValue: string;
};
const { unknownCheckingProxy } = policyProxy;

/** A stack resource as the pack sees it, with its parent's URN. */
export type PackResource = StackResource & { parent?: string };

/** Every registered resource in the form the pack receives: type, name, URN, props (outputs), parent. */
export function packResources(run: MockRun): PackResource[] {
    return run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: { ...r.outputs }, parent: r.parent }));
}

/**
 * What a provider computes when it creates a resource, by type: all of it
 * is unknown during the preview of the update that creates the resource.
 */
const COMPUTED: Record<string, readonly string[]> = {
    "aws:route53/record:Record": ["fqdn", "id"],
    "aws:route53/zone:Zone": ["zoneId", "id", "arn", "nameServers", "primaryNameServer"],
    "azure-native:dns:RecordSet": ["fqdn", "id", "name", "type", "etag", "provisioningState"],
};

/**
 * The same resources as a preview of the update that creates them hands
 * them over: each created resource's computed outputs are unknown, and so
 * is every prop that takes one of them (a record's `zoneId` from a zone
 * created alongside). `created` picks the resources being created (all by
 * default).
 */
export function atPreview(resources: readonly PackResource[], created: (r: PackResource) => boolean = () => true): PackResource[] {
    const computedValues = new Set<unknown>();
    for (const r of resources) {
        if (!created(r)) continue;
        // Ids are what other resources take from a created one (a record's zoneId).
        for (const key of ["zoneId", "id"]) if (COMPUTED[r.type]?.includes(key) && typeof r.props[key] === "string") computedValues.add(r.props[key]);
    }
    return resources.map((r) => {
        const props: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(r.props)) {
            props[key] = computedValues.has(value) ? policyProxy.unknownStringValue : value;
        }
        if (created(r)) for (const key of COMPUTED[r.type] ?? []) props[key] = policyProxy.unknownStringValue;
        return { ...r, props };
    });
}

/**
 * The `fqdn` the AWS provider computes for a Route 53 record (the Terraform
 * provider's expandRecordName): lower case, one trailing dot dropped, the
 * zone appended unless the name already ends with it, no trailing dot.
 */
export function route53Fqdn(name: string, zone: string): string {
    const n = name.toLowerCase().replace(/\.$/, "");
    return n.endsWith(zone) ? n : name === "" ? zone : `${n}.${zone}`;
}

/** One reported violation. */
export interface ReportedViolation {
    policy: string;
    level: string;
    message: string;
    urn?: string;
}

/** The result of running the pack: violations, and the policies that could not run during a preview. */
export interface PackResult {
    violations: ReportedViolation[];
    deferred: { policy: string; message: string }[];
}

/** Runs every policy of the pack over the resources, as `pulumi preview --policy-pack` would. */
export function runPack(resources: PackResource[], config: Record<string, PolicyConfig> = {}): PackResult {
    const result: PackResult = { violations: [], deferred: [] };
    for (const policy of edgeDnsPolicies()) {
        // As the policy server does: each policy gets its own array, with props deserialized afresh.
        const proxied = resources.map((r) => ({ ...r, props: unknownCheckingProxy(structuredClone(r.props)) as Record<string, unknown> }));
        const report: ReportViolation = (message, urn) => result.violations.push({ policy: policy.name, level: String(policy.enforcementLevel), message, urn });
        try {
            policy.validateStack({
                resources: proxied as never,
                getConfig: <T extends object>() => (config[policy.name] ?? {}) as T,
                stackTags: new Map(),
                notApplicable: (reason?: string): never => { throw new Error(`not applicable: ${reason}`); },
            }, report);
        } catch (error) {
            if (!(error instanceof UnknownValueError)) throw error;
            result.deferred.push({ policy: policy.name, message: (error as Error).message });
        }
    }
    return result;
}

/** The violations as `policy: message` lines, for assertion messages. */
export function describe(result: PackResult): string {
    return result.violations.map((v) => `${v.policy}: ${v.message}`).join("\n") || "(no violations)";
}
