/**
 * From a mock-engine run to what CrossGuard's stack validation receives, and
 * two runners of the real policy objects: `runPack`, which calls them the way
 * the policy server does (props wrapped in its unknown-checking proxy), and
 * `runPackThroughServer`, which hands the stack to the server's own handler.
 */
import { createRequire } from "node:module";
import { UnknownValueError, type ReportViolation, type StackValidationPolicy } from "@pulumi/policy";
import { edgeDnsPolicies, type PolicyConfig } from "../../policy/policies";
import { forgetSharedRead } from "../../policy/shared-read";
import type { StackResource } from "../../policy/stack-records";
import type { MockRun } from "../../components/testing/engine";

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

/**
 * A value as the Pulumi SDK serializes it for the engine (runtime/rpc.js):
 * an object's keys whose value is undefined are left out, an undefined
 * array item becomes null. A Struct cannot hold undefined at all
 * (Struct.fromJavaScript throws on it). With `sorted`, every object's keys
 * come in sorted order, as the policy server's deserializer gives them
 * back: a Struct's fields are a jspb Map, which sorts its keys both when it
 * is serialized and when it is walked (Struct.toJavaScript).
 */
function asSent(value: unknown, sorted = false): unknown {
    // Every index, holes too: the SDK walks an array by index, and `map` skips holes.
    if (Array.isArray(value)) return Array.from(value, (item: unknown) => (item === undefined ? null : asSent(item, sorted)));
    if (value === null || typeof value !== "object") return value;
    const keys = Object.keys(value);
    if (sorted) keys.sort();
    const out: Record<string, unknown> = {};
    for (const key of keys) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined) out[key] = asSent(item, sorted);
    }
    return out;
}

/**
 * Runs every policy of the pack over the resources, as `pulumi preview
 * --policy-pack` would. The props are given to the policies as the engine's
 * Struct carries them (asSent); what the server's deserializer does beyond
 * that is not done here: a secret's envelope, which it unwraps, would reach
 * the policies as an object (no stack in the tests holds one).
 */
export function runPack(resources: PackResource[], config: Record<string, PolicyConfig> = {}): PackResult {
    const result: PackResult = { violations: [], deferred: [] };
    // The props as they come out of the engine's Struct: no undefined, keys
    // sorted (a component's domainHosting is walked in that order).
    const received = resources.map((r) => asSent(r.props, true));
    for (const policy of edgeDnsPolicies()) {
        // As the policy server does: each policy gets its own array, with props deserialized afresh.
        const proxied = resources.map((r, i) => ({ ...r, props: unknownCheckingProxy(structuredClone(received[i])) as Record<string, unknown> }));
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

/** The policy server's handler and the protobuf classes it reads its request with (none is in its typings). */
/* eslint-disable @typescript-eslint/no-explicit-any */
interface PolicyServer {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: StackValidationPolicy[]): (call: { request: unknown }, callback: (error: unknown, response?: any) => void) => Promise<void>;
    analyzer: any;
    Struct: any;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let policyServer: PolicyServer | undefined;

/**
 * Loads the server's modules on first use (they bring gRPC; most tests never
 * need them), resolved from @pulumi/policy so that the protobuf classes are
 * the very ones its handler expects, as bench/policy/child.ts does.
 */
function loadPolicyServer(): PolicyServer {
    if (policyServer) return policyServer;
    const serverRequire = createRequire(require.resolve("@pulumi/policy/server"));
    policyServer = {
        makeAnalyzeStackRpcFun: (serverRequire("@pulumi/policy/server") as PolicyServer).makeAnalyzeStackRpcFun,
        analyzer: serverRequire("@pulumi/pulumi/proto/analyzer_pb"),
        Struct: (serverRequire("google-protobuf/google/protobuf/struct_pb") as { Struct: unknown }).Struct,
    };
    return policyServer;
}

/** The server's note for a policy that threw UnknownValueError; what follows it is the error's message. */
const CANT_RUN = /^can't run policy '[^']*' from policy pack '[^']*' during preview: /;

/**
 * Runs every policy of the pack over the resources through @pulumi/policy's
 * own analyzeStack handler, as `pulumi preview --policy-pack` does: the stack
 * is encoded as the engine's AnalyzeStackRequest (each resource's props a
 * google.protobuf.Struct, a preview's unknowns the SDK's sentinel strings,
 * as the engine sends them), serialized and decoded once as gRPC would, and
 * the handler deserializes the props afresh for each policy and wraps them
 * in its unknown-checking proxy. The result has runPack's shape: the
 * server's violation message is the policy's description, a newline and
 * the reported message, and its "can't run policy ... during preview: "
 * note a prefix to the error's message; both are taken off, and the
 * diagnostic's empty URN is read as none.
 *
 * There is no per-policy config: the server takes it from the engine's
 * `configure` RPC into a module-level variable that its exports do not
 * reach, so every policy gets `{}` from getConfig and runs at its default
 * level, as in runPack without config.
 *
 * The pack's kept stack read (shared-read.ts) is forgotten first, so that
 * what the server hands over is read afresh, not matched against a read
 * kept from runPack's copies.
 */
export async function runPackThroughServer(resources: PackResource[]): Promise<PackResult> {
    const { makeAnalyzeStackRpcFun, analyzer, Struct } = loadPolicyServer();
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(resources.map((r) => {
        const resource = new analyzer.AnalyzerResource();
        resource.setType(r.type);
        resource.setUrn(r.urn);
        resource.setName(r.name);
        resource.setProperties(Struct.fromJavaScript(asSent(r.props)));
        const options = new analyzer.AnalyzerResourceOptions();
        if (r.parent !== undefined) {
            resource.setParent(r.parent);
            options.setParent(r.parent);
        }
        resource.setOptions(options);
        return resource;
    }));
    // As gRPC hands it over: decoded from the bytes the engine sent.
    const decoded: unknown = analyzer.AnalyzeStackRequest.deserializeBinary(request.serializeBinary());
    forgetSharedRead();
    const analyzeStack = makeAnalyzeStackRpcFun("lync-edge-dns", "0.1.0", "advisory", edgeDnsPolicies());
    const response = await new Promise<{ getDiagnosticsList(): ServerDiagnostic[] }>((resolve, reject) => {
        void analyzeStack({ request: decoded }, (error, result) => (error ? reject(error) : resolve(result)));
    });
    // The protobuf enum's names (ADVISORY, MANDATORY, ...) by number, as the pack names levels.
    const levels = new Map(Object.entries(analyzer.EnforcementLevel as Record<string, number>).map(([name, n]) => [n, name.toLowerCase()]));
    const result: PackResult = { violations: [], deferred: [] };
    for (const d of response.getDiagnosticsList()) {
        const message = d.getMessage();
        const cantRun = CANT_RUN.exec(message);
        if (cantRun) {
            result.deferred.push({ policy: d.getPolicyname(), message: message.slice(cantRun[0].length) });
            continue;
        }
        const description = d.getDescription();
        const reported = message === description ? "" : message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
        result.violations.push({ policy: d.getPolicyname(), level: levels.get(d.getEnforcementlevel()) ?? String(d.getEnforcementlevel()), message: reported, urn: d.getUrn() || undefined });
    }
    return result;
}

/** The parts of the server's AnalyzeDiagnostic read here. */
interface ServerDiagnostic {
    getPolicyname(): string;
    getDescription(): string;
    getMessage(): string;
    getUrn(): string;
    getEnforcementlevel(): number;
}

/** The violations as `policy: message` lines, for assertion messages. */
export function describe(result: PackResult): string {
    return result.violations.map((v) => `${v.policy}: ${v.message}`).join("\n") || "(no violations)";
}
