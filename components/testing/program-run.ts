/**
 * A Pulumi program's DNS records as data, from a run under the SDK's mock
 * engine: what `npm start` prints, for a user's own unit tests (mocha, jest)
 * of the stack in their infra repo. No Pulumi CLI, no cloud account.
 */
import { basename, resolve } from "node:path";
import { projectBeside, projectIn } from "../../cli/config-file";
import { ConfigError, type ConfigIssue } from "../core/config/errors";
import { LYNC_EDGE_DNS_TYPE } from "../core/component-type";
import type { PlannedZone } from "../core/plan/model";
import { describeRecordResource } from "./describe";
import { loadProgramFile, runUnderMocks, type MockRun, type MockRunOptions, type RegisteredResource } from "./engine";
import { readStackConfig } from "./stack-file";

/** One record set a `LyncEdgeDns` component would create, read back from the resource it registered. */
export interface PublishedRecordSet {
    /** The logical name of the `LyncEdgeDns` component that owns it. */
    component: string;
    /** The DNS zone (hosted zone or Azure DNS zone) that holds it. */
    zone: string;
    /** The owner name, without the trailing dot: `_sipfederationtls._tcp.contoso.com`. */
    name: string;
    /** `SRV`, `A`, `AAAA` or `CNAME`. */
    type: string;
    /** The TTL in seconds, as the DNS service gets it. */
    ttl: number;
    /** The values as the DNS service gets them (an SRV as `priority weight port target.`). */
    values: string[];
    /** The resource that holds it: its type, logical name and the inputs that place it (zone id, resource group). */
    resource: string;
    /** With `dns.adopt`: the import ID `pulumi up` hands to the provider; absent when the record set is created. */
    importId?: string;
}

/** How to run a program: its stack (a stack file, or config given here), project and stack names, and whether it is a preview. */
export interface ProgramRunOptions {
    /**
     * A stack file (`Pulumi.prod.yaml`) to run the program with: its
     * `config:` (under `config`'s own keys, which win), the stack name from
     * the file name, the project from the `Pulumi.yaml` beside it. Read as
     * `lync-edge-dns plan` reads it, but for secrets: the program may read
     * any key, so each `secure:` value (which only Pulumi's engine decrypts)
     * that `config` does not give is reported in `errors`, and so is a file
     * that cannot be read.
     * @default no stack file: only `config`
     */
    stackFile?: string;
    /**
     * Stack config, `project:key` to value (`"infra:domain": "contoso.com"`);
     * an object or list is passed as JSON text, as the Pulumi CLI stores it.
     * A key without its project is an error, as Pulumi refuses it.
     * @default no config
     */
    config?: Record<string, unknown>;
    /**
     * The project (`pulumi.getProject()`, the namespace `new pulumi.Config()` reads).
     * @default the name in the `Pulumi.yaml` beside `stackFile`, or in the working directory; else "lync-edge-dns"
     */
    project?: string;
    /** The stack (`pulumi.getStack()`). @default the stack file's, e.g. `prod` for `Pulumi.prod.yaml`; else "offline" */
    stack?: string;
    /** Run as `pulumi preview` runs a program (`pulumi.runtime.isDryRun()`) rather than as an update. @default false */
    preview?: boolean;
}

/** What to do about a stack file's secret in a test. */
const SECRET_ADVICE_IN_TESTS = "give runProgram its value in config, or keep it in plain config in a stack file of its own for the tests";

/** What one run of a program published, as data. */
export interface ProgramRun {
    /**
     * Every record set of every `LyncEdgeDns` component of the program, by
     * component, zone, name and type. Empty when `errors` is not.
     */
    recordSets: PublishedRecordSet[];
    /** The warnings logged with `pulumi.log.warn` (the planner's among them), in order. */
    warnings: string[];
    /**
     * The mistakes in the deployment for which the program was refused
     * (the component's `ConfigError`), each with its config path: nothing
     * is created then. Empty when the program ran. Any other error the
     * program throws is thrown, as `pulumi up` would fail on it.
     */
    errors: ConfigIssue[];
    /** The refusal itself, as `pulumi up` prints it (its message names the check: the deployment, a policy, a clash); absent when the program ran. */
    error?: ConfigError;
    /** The program's stack outputs (its exports). */
    stackOutputs: Record<string, unknown>;
    /** Every resource the program registered, in order, with its inputs, parent, provider and outputs. */
    resources: RegisteredResource[];
    /**
     * Ids the mock engine made up where only the cloud can give one (a
     * Route 53 hosted zone looked up by name): never to be taken for real ones.
     */
    placeholderIds: string[];
}

/** The stack file's name (`Pulumi.prod.yaml`): its stack, `prod`. */
const STACK_OF_FILE = /^Pulumi\.(.+)\.ya?ml$/i;

/** The options of the run itself: a stack file's config, stack and project under those given. */
function mockRunOptions(options: ProgramRunOptions): MockRunOptions {
    const { stackFile, ...given } = options;
    // Pulumi refuses a config key that is not <project>:<key> before any program runs.
    const bare = Object.keys(given.config ?? {}).filter((key) => !key.includes(":"));
    if (bare.length > 0) throw new ConfigError(bare.map((key) => ({ path: `config["${key}"]`, message: "has no project: a Pulumi config key is <project>:<key>" })), "Invalid runProgram config");
    if (stackFile === undefined) return { ...given, project: given.project ?? projectIn(process.cwd()) };
    const path = resolve(stackFile);
    return {
        ...given,
        // The program may read any key: a secret is an error unless config gives its value instead.
        config: { ...readStackConfig(path, (key) => !Object.hasOwn(given.config ?? {}, key), SECRET_ADVICE_IN_TESTS), ...given.config },
        stack: given.stack ?? STACK_OF_FILE.exec(basename(path))?.[1],
        project: given.project ?? projectBeside(path) ?? projectIn(process.cwd()),
    };
}

/** Orders record sets as `npm start` and `plan` list them: by zone, then name, then type. */
function byPlace(a: PublishedRecordSet, b: PublishedRecordSet): number {
    return a.component.localeCompare(b.component) || compare(a.zone, b.zone) || compare(a.name, b.name) || compare(a.type, b.type);
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The record sets of every `LyncEdgeDns` component in a run: each record
 * resource the component parents, with the zone its logical name
 * (`<component>/<zone>/...`) places it in.
 */
export function publishedRecordSets(run: Pick<MockRun, "resources">): PublishedRecordSet[] {
    const sets: PublishedRecordSet[] = [];
    for (const component of run.resources.filter((r) => r.type === LYNC_EDGE_DNS_TYPE)) {
        const zones = ((component.outputs.records ?? []) as PlannedZone[]).map((z) => z.zone);
        for (const resource of run.resources) {
            if (!resource.custom || resource.parent !== component.urn) continue;
            const zone = zones.find((z) => resource.name.startsWith(`${component.name}/${z}/`));
            if (zone === undefined) continue;
            const view = describeRecordResource(resource);
            sets.push({
                component: component.name, zone, name: view.name, type: view.type, ttl: view.ttl, values: view.values, resource: view.resource,
                ...(resource.importId === undefined ? {} : { importId: resource.importId }),
            });
        }
    }
    return sets.sort(byPlace);
}

/**
 * Runs a Pulumi program under the SDK's mock engine and returns what it
 * publishes: `program` is a function (the body of your stack) or the path of
 * a program file (your `index.js`, or `index.ts` where TypeScript files load,
 * as under ts-node or tsx; a relative path from the working directory),
 * loaded afresh each run, as `pulumi up` starts it. The stack is a stack
 * file (`stackFile`) or config given as `project:key` to value, set for
 * this run only.
 *
 *     const run = await runProgram(require.resolve("../index"), { stackFile: "Pulumi.prod.yaml" });
 *     assert.deepEqual(run.errors, []);
 *     assert.ok(run.recordSets.some((r) => r.name === "_sipfederationtls._tcp.contoso.com"));
 *
 * Runs one program at a time: the mock engine is the process's Pulumi
 * runtime, so a run started while another goes on waits for it.
 */
export function runProgram(program: (() => unknown) | string, options: ProgramRunOptions = {}): Promise<ProgramRun> {
    const run = queue.then(() => runAlone(program, options));
    queue = run.then(() => undefined, () => undefined);
    return run;
}

/** The end of the last run asked for: the next one starts after it. */
let queue: Promise<void> = Promise.resolve();

async function runAlone(program: (() => unknown) | string, options: ProgramRunOptions): Promise<ProgramRun> {
    // A path is the user's, relative to where they run their tests, not to this module.
    const body = typeof program === "string" ? () => loadProgramFile(resolve(program)) : program;
    let run: MockRun;
    try {
        run = await runUnderMocks(body, mockRunOptions(options));
    } catch (error) {
        if (!ConfigError.isInstance(error)) throw error;
        return { recordSets: [], warnings: [], errors: error.issues.map((i) => ({ ...i })), error, stackOutputs: {}, resources: [], placeholderIds: [] };
    }
    return { recordSets: publishedRecordSets(run), warnings: run.warnings, errors: [], stackOutputs: run.stackOutputs, resources: run.resources, placeholderIds: run.placeholderIds };
}
