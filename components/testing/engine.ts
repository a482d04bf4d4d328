/**
 * Runs a Pulumi program under the SDK's mock engine (`pulumi.runtime.setMocks`)
 * and returns what it registered. No Pulumi CLI, no cloud: this is how the
 * offline `npm start` and the tests run the program. Resources are "created"
 * by echoing their inputs, plus the outputs a real provider would compute
 * that the program reads (`fqdn`, hosted zone ids).
 */
import type { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { sep } from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** A resource as the mock engine saw it register. */
export interface RegisteredResource {
    /** Its URN, as the engine names it (`urn:pulumi:<stack>::<project>::<parent types$type>::<name>`). */
    urn: string;
    /** Its type token, e.g. `aws:route53/record:Record`. */
    type: string;
    /** Its logical name. */
    name: string;
    /** Custom resources are real cloud resources; component resources are not. */
    custom: boolean;
    /** The inputs the program gave it, resolved. */
    inputs: Record<string, unknown>;
    /** The provider reference (`urn::id`) when one was set explicitly or inherited. */
    provider?: string;
    /** The `import` option's ID, when the resource is to be imported rather than created. */
    importId?: string;
    /** The resource options that shape how the engine changes it: aliases (by name) and deleteBeforeReplace. */
    options?: { aliases?: string[]; deleteBeforeReplace?: boolean };
    /** The parent's URN (the stack for top-level resources). */
    parent?: string;
    /** A component's registered outputs; a custom resource's state. */
    outputs: Record<string, unknown>;
}

/** What the SDK's mock monitor holds of the resources registered (not in its public types). */
interface MockMonitorView {
    getRegisteredResources?(): Map<string, { urn: string; state: unknown }>;
    resources: Map<string, { urn: string; state: unknown }>;
}

/** A data-source call the program made (`getZone`...). */
export interface RecordedInvoke {
    token: string;
    inputs: Record<string, unknown>;
}

/** Everything one run of a program registered. */
export interface MockRun {
    resources: RegisteredResource[];
    invokes: RecordedInvoke[];
    /** The program's stack outputs. */
    stackOutputs: Record<string, unknown>;
    /** What the program logged with `pulumi.log.warn`. */
    warnings: string[];
    /**
     * The ids this engine made up where only the cloud can give one (a
     * hosted zone looked up by name, or created in the run): placeholders,
     * never to be taken for real ones.
     */
    placeholderIds: string[];
}

/** Options of one run. */
export interface MockRunOptions {
    /**
     * Stack config, `project:key` to value (`"infra:domain": "contoso.com"`);
     * an object or list is passed as JSON text, as the Pulumi CLI stores it.
     * @default no config
     */
    config?: Record<string, unknown>;
    /** The project name (`pulumi.getProject()`, the config keys' prefix). @default "lync-edge-dns" */
    project?: string;
    /** The stack name (`pulumi.getStack()`). @default "offline" */
    stack?: string;
    /** Run as a preview (`pulumi preview`: outputs of resources not yet created are unknown) rather than an update. @default false */
    preview?: boolean;
}

/** A stable fake id: the same input always gives the same id. */
function fakeId(prefix: string, ...parts: string[]): string {
    return prefix + createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 14).toUpperCase();
}

/**
 * A Route 53 record's `fqdn` as the provider gives it: the name within its
 * zone (Route 53 takes `sip` in contoso.com as `sip.contoso.com`), without
 * the trailing dot. `zoneNames` holds the zones whose ids the run made up.
 */
function route53Fqdn(inputs: Record<string, unknown>, zones: MockZones): string {
    // Lower case, and the zone itself for an empty name, as the provider's ExpandRecordName gives it.
    const name = String(inputs.name).replace(/\.$/, "").toLowerCase();
    const zone = zones.nameOf(String(inputs.zoneId))?.replace(/\.$/, "").toLowerCase();
    if (zone === undefined) return name;
    if (name === "") return zone;
    return name === zone || name.endsWith(`.${zone}`) ? name : `${name}.${zone}`;
}

/** The hosted zones of a run: ids made up for zone names, and back. */
interface MockZones {
    idOf(name: string): string;
    nameOf(id: string): string | undefined;
}

/** The outputs a real provider would add to a resource's inputs; a hosted zone's id is made up by `zones`. */
function computedState(type: string, inputs: Record<string, unknown>, zones: MockZones): Record<string, unknown> {
    switch (type) {
        case "aws:route53/record:Record":
            return { fqdn: route53Fqdn(inputs, zones) };
        case "azure-native:dns:RecordSet": {
            const rel = String(inputs.relativeRecordSetName);
            return { fqdn: `${rel === "@" ? "" : `${rel}.`}${String(inputs.zoneName)}.`, name: rel, type: `Microsoft.Network/dnszones/${String(inputs.recordType)}` };
        }
        case "azure-native:resources:ResourceGroup":
            return { name: inputs.resourceGroupName };
        case "aws:route53/zone:Zone":
            return { zoneId: zones.idOf(String(inputs.name)) };
        default:
            return {};
    }
}

function invokeResult(token: string, inputs: Record<string, unknown>, zones: MockZones): Record<string, unknown> {
    if (token === "aws:route53/getZone:getZone") {
        const id = zones.idOf(String(inputs.name));
        return { ...inputs, id, zoneId: id, name: inputs.name };
    }
    return inputs;
}

/**
 * Runs `program` as the body of a stack under the mock engine and returns the
 * registered resources in registration order. Config is set for this run only.
 * Throws what the program throws. (`runProgram` in `program-run.ts` is the
 * public face of this, as `lync-edge-dns/testing`.)
 */
export async function runUnderMocks(program: () => unknown, options: MockRunOptions = {}): Promise<MockRun> {
    const project = options.project ?? "lync-edge-dns";
    const stack = options.stack ?? "offline";
    const registered: Omit<RegisteredResource, "urn" | "parent" | "outputs">[] = [];
    const invokes: RecordedInvoke[] = [];
    const warnings: string[] = [];
    const parents = new Map<pulumi.Resource, pulumi.Resource | undefined>();
    const optionsByName = new Map<string, NonNullable<RegisteredResource["options"]>>();
    const placeholders = new Set<string>();
    const zoneNames = new Map<string, string>();
    const zones: MockZones = {
        idOf(name) {
            const id = fakeId("Z", name);
            placeholders.add(id);
            zoneNames.set(id, name);
            return id;
        },
        nameOf: (id) => zoneNames.get(id),
    };

    // What pulumi up fails on besides the program's own throw: a rejection nobody handles (an
    // Output that fails, a resource whose input does), which its runner takes from the process.
    // The SDK rejects such a failure again on promises of its own for some turns: all of them are
    // this run's, taken here rather than left to the process (a test runner fails on them).
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => { rejections.push(reason); };
    process.on("unhandledRejection", onRejection);
    try {
        // The run's mocks, config and stack live in a Pulumi runtime state of its own: what the
        // process had before (a test file's own setMocks, its config) is there again after it.
        return await isolated(async () => {
            pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(options.config ?? {})
                .map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)])));
            await pulumi.runtime.setMocks({
                newResource(args) {
                    // The SDK hands the `import` option's ID to the mock as `id` ("" when there is none).
                    const importId = args.id || undefined;
                    registered.push({ type: args.type, name: args.name, custom: args.custom ?? true, inputs: args.inputs, provider: args.provider || undefined, importId });
                    return { id: args.custom === false ? undefined : importId ?? fakeId("id-", args.type, args.name), state: { ...args.inputs, ...computedState(args.type, args.inputs, zones) } };
                },
                call(args) {
                    invokes.push({ token: args.token, inputs: args.inputs });
                    return invokeResult(args.token, args.inputs, zones);
                },
            }, project, stack, options.preview ?? false);

            // The SDK's log writes to the console under mocks: its warnings and errors are the run's, anything else passes.
            const originalWarn = console.warn;
            const originalError = console.error;
            const logged = (kind: "warning" | "error", into: string[], original: (...parts: unknown[]) => void) => (...parts: unknown[]) => {
                const text = parts.map(String).join(" ");
                if (text.startsWith(`${kind}: `)) into.push(text.slice(kind.length + 2).replace(/^\[runtime\] /, ""));
                else original(...parts);
            };
            const errors: string[] = [];
            console.warn = logged("warning", warnings, originalWarn);
            console.error = logged("error", errors, originalError);
            let stackOutputs: Record<string, unknown> | undefined;
            // The program's error is kept out of the SDK's stack resource: the SDK
            // would reject the stack's outputs a second time on a promise nobody
            // awaits, an unhandled rejection that ends a test runner's process.
            let failure: { error: unknown } | undefined;
            try {
                stackOutputs = await pulumi.runtime.runInPulumiStack(async () => {
                    // An SDK-side transformation sees every resource with its options:
                    // the only place the parent is visible under mocks.
                    pulumi.runtime.registerStackTransformation((args) => {
                        parents.set(args.resource, args.opts.parent);
                        const custom = args.opts as pulumi.CustomResourceOptions;
                        const aliases = (args.opts.aliases ?? []).flatMap((a) => (typeof a === "object" && a !== null && "name" in a && typeof a.name === "string" ? [a.name] : []));
                        if (aliases.length > 0 || custom.deleteBeforeReplace) optionsByName.set(args.name, { ...(aliases.length > 0 ? { aliases } : {}), ...(custom.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}) });
                        return undefined;
                    });
                    try {
                        return await program();
                    } catch (error) {
                        failure = { error };
                        return undefined;
                    }
                });
                await waitForRegistrations();
            } finally {
                console.warn = originalWarn;
                console.error = originalError;
            }
            if (failure) throw failure.error;
            // pulumi up fails a program that logged an error, whatever else it did.
            if (pulumi.log.hasErrors()) throw new Error(`the program logged ${errors.length === 1 ? "an error" : `${errors.length} errors`} (pulumi.log.error), which fails pulumi up: ${errors.join("; ")}`);
            // A failure the SDK rejects unhandled surfaces after the registrations' own turn.
            await turns(2);
            if (rejections.length > 0) throw rejections[0];

            // The mock monitor's own record of what was registered: `getRegisteredResources()` in SDKs
            // from 3.2xx on, the `resources` map it copies in every SDK the peer range allows.
            const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorView;
            const byUrn = monitor.getRegisteredResources?.() ?? monitor.resources;
            const urnOf = async (resource: pulumi.Resource | undefined) => (resource ? await promiseOf(resource.urn) : undefined);
            const parentByKey = new Map<string, string | undefined>();
            for (const [resource, parent] of parents) {
                const urn = await urnOf(resource);
                if (urn) parentByKey.set(urn, await urnOf(parent));
            }
            const stackUrn = [...byUrn.keys()].find((urn) => urn.includes("::pulumi:pulumi:Stack::"));
            const resources = registered.map((r) => {
                const urn = [...byUrn.keys()].find((u) => u.endsWith(`::${r.name}`) && u.split("::")[2].split("$").pop() === r.type) as string;
                const state = byUrn.get(urn)?.state;
                return {
                    ...r,
                    urn,
                    parent: parentByKey.get(urn) ?? (r.type === "pulumi:pulumi:Stack" ? undefined : stackUrn),
                    ...(optionsByName.has(r.name) ? { options: optionsByName.get(r.name) } : {}),
                    outputs: (r.custom ? state : decodeStruct(state)) as Record<string, unknown> ?? {},
                };
            });
            return { resources: resources.filter((r) => r.type !== "pulumi:pulumi:Stack"), invokes, stackOutputs: stackOutputs ?? {}, warnings, placeholderIds: [...placeholders] };
        });
    } finally {
        await turns(REJECTION_TURNS);
        process.off("unhandledRejection", onRejection);
    }
}

/**
 * Runs a program file (such as the root `index.ts`) under the mock engine.
 * The file is loaded afresh each time, as `pulumi up` would start it.
 */
export function runProgramFile(file: string, options: MockRunOptions = {}): Promise<MockRun> {
    return runUnderMocks(() => loadProgramFile(file), options);
}

/** The modules a program file's load brought in (outside node_modules): loaded afresh with it. */
const programModules = new Map<string, string[]>();

/**
 * Runs a program file as `pulumi up` does, inside a mock run: loaded afresh
 * (with the files of the program it loaded the last time), and when it
 * exports a function (`export = async () => { ... }`), that function
 * called, its result the stack's outputs.
 */
export function loadProgramFile(file: string): unknown {
    const path = require.resolve(file);
    const loadedBefore = require.cache[path] !== undefined;
    for (const module of programModules.get(path) ?? [path]) delete require.cache[module];
    // Node's require.cache lets a module go; a test runner's own registry may not (Jest's takes the
    // delete and keeps the module), and requiring it again would then not run the program at all.
    if (loadedBefore && require.cache[path] !== undefined) {
        const kept = require.cache[path]?.exports as unknown;
        if (typeof kept === "function") return kept();
        throw new Error(`${path} was loaded before, and this test runner keeps loaded modules (Jest does): it would not run again. Export the program as a function (export = async () => { ... }), which pulumi up runs too, or give runProgram a function`);
    }
    const before = new Set(Object.keys(require.cache));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path) as unknown;
    programModules.set(path, Object.keys(require.cache).filter((m) => !before.has(m) && !m.includes(`${sep}node_modules${sep}`)));
    return typeof exported === "function" ? exported() : exported;
}

/** The plain value of an Output, once known; rejected when it fails (an apply would then never run, and wait for ever). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    // The Output's own promise: in every SDK, though not in its public types.
    return (output as unknown as { promise(): Promise<T> }).promise();
}

/** The SDK's runtime state module (not in its public types): one state per run. */
interface SdkState {
    withLocalStorage?<T>(body: () => T): T;
    asyncLocalStorage?: AsyncLocalStorage<unknown>;
    LocalStore: new () => unknown;
}

/**
 * Runs `body` with a Pulumi runtime state of its own, as the SDK's automation
 * API runs an inline program: `withLocalStorage` in newer SDKs, its store
 * and AsyncLocalStorage in older ones.
 */
function isolated<T>(body: () => Promise<T>): Promise<T> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const state = require("@pulumi/pulumi/runtime/state") as SdkState;
    if (state.withLocalStorage) return state.withLocalStorage(body);
    const storage = state.asyncLocalStorage ?? (globalThis as { asyncLocalStorage?: AsyncLocalStorage<unknown> }).asyncLocalStorage;
    return storage ? storage.run(new state.LocalStore(), body) : body();
}

/** How many turns of the event loop the SDK's repeated rejections of one failure take to arrive, with room. */
const REJECTION_TURNS = 5;

/** Waits `count` turns of the event loop (each after the microtasks and I/O of the one before). */
async function turns(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Waits until the SDK has sent every registration to the (mock) engine. */
async function waitForRegistrations(): Promise<void> {
    // The SDK's own drain of its RPC queue, as `pulumi up` does before exit.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    await settings.waitForRPCs();
}

/** Component outputs arrive as a protobuf Struct; turn them into plain values. */
function decodeStruct(state: unknown): Record<string, unknown> | undefined {
    const struct = state as { toJavaScript?: () => Record<string, unknown> } | undefined;
    return struct?.toJavaScript ? struct.toJavaScript() : (state as Record<string, unknown> | undefined);
}
