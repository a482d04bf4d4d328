/**
 * A stack file, judged by `lync-edge-dns plan` and by the root program as
 * `pulumi up` runs it (here under the mock engine, with the stack file read
 * as `npm start` reads it): GIVEN the same stack file, THEN both accept it or
 * both refuse it with the same problems, at the same paths, in the same
 * words; and what `plan` warns about is what the component logs.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../components";
import { runProgramFile } from "../../components/testing/engine";
import { readStackConfig } from "../../components/testing/stack-file";
import { builtCli } from "../helpers/build";
import { unwrapped } from "../helpers/cli-text";

const ROOT = join(__dirname, "..", "..");
const DEPLOYMENT = "  lync-edge-dns:deployment:\n    sipDomains: [contoso.com]\n    edge: { accessEdgeIps: [131.107.155.10] }\n";
const DNS = "  lync-edge-dns:dns: { provider: route53 }\n";

interface Verdict {
    ok: boolean;
    /** `path: message`, one line each. */
    issues: string[];
    warnings: string[];
}

/** `plan --format json` on the file: its verdict, problems unwrapped, warnings from stderr. */
function cliVerdict(file: string): Verdict {
    const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file, "--format", "json"], { cwd: ROOT, encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    const text = unwrapped(run.stderr);
    if (run.status === 0) return { ok: true, issues: [], warnings: [...text.matchAll(/^ {2}- (.*)$/gm)].map((m) => m[1] as string) };
    assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
    return { ok: false, issues: [...text.matchAll(/^ {2}- (.*)$/gm)].map((m) => m[1] as string), warnings: [] };
}

/** The root program on the file's config, as npm start runs it: its verdict, and the warnings the component logged. */
async function programVerdict(file: string): Promise<Verdict> {
    try {
        const run = await runProgramFile(join(ROOT, "index.ts"), { config: readStackConfig(file), stack: "prod" });
        const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
        return { ok: true, issues: [], warnings: (component?.outputs.warnings ?? []) as string[] };
    } catch (error) {
        assert.ok(ConfigError.isInstance(error), `a ConfigError, got ${String(error)}`);
        return { ok: false, issues: error.issues.map((i) => `${i.path}: ${i.message}`), warnings: [] };
    }
}

const cases: [name: string, stack: string][] = [
    ["a valid stack", `config:\n${DNS}${DEPLOYMENT}`],
    ["the deployment as JSON text, as `pulumi config set` stores it", `config:\n${DNS}  lync-edge-dns:deployment: '{"sipDomains":["contoso.com"],"edge":{"accessEdgeIps":["131.107.155.10"]}}'\n`],
    ["the DNS target as JSON text", `config:\n  lync-edge-dns:dns: '{"provider":"route53"}'\n${DEPLOYMENT}`],
    ["a key of the project the program does not read", `config:\n${DNS}  lync-edge-dns:adopt: [sip.contoso.com A]\n${DEPLOYMENT}`],
    ["a deployment field as a key of its own, and a key that is nothing", `config:\n${DNS}${DEPLOYMENT}  lync-edge-dns:ttl: 300\n  lync-edge-dns:colour: blue\n`],
    ["no DNS target", `config:\n${DEPLOYMENT}`],
    ["a DNS target that is a bare provider name", `config:\n  lync-edge-dns:dns: route53\n${DEPLOYMENT}`],
    ["a deployment that is a list", `config:\n${DNS}  lync-edge-dns:deployment: [{ sipDomains: [contoso.com] }]\n`],
    ["a deployment that is null", `config:\n${DNS}  lync-edge-dns:deployment: null\n`],
    ["a deployment that is a number", `config:\n${DNS}  lync-edge-dns:deployment: 42\n`],
    ["a bare-string SIP domain that is not a name", `config:\n${DNS}  lync-edge-dns:deployment:\n    sipDomains: [contoso.com, fabrikam..com]\n    edge: { accessEdgeIps: [131.107.155.10] }\n`],
    ["a misspelt provider beside a deployment mistake", `config:\n  lync-edge-dns:dns: { provider: route54 }\n  lync-edge-dns:deployment:\n    sipDomains: [{ name: contoso.com, mobilty: true }]\n    edge: { accessEdgeIps: [131.107.155.10] }\n`],
    ["dns.adopt: the adoption warning", `config:\n  lync-edge-dns:dns: { provider: route53, hostedZoneIds: { contoso.com: Z0CONTOSO }, adopt: ["_sip._tls.contoso.com SRV"] }\n${DEPLOYMENT}`],
    ["a misspelt deployment key", `config:\n${DNS}  lync-edge-dns:deploymnt: {}\n`],
    ["no deployment", `config:\n${DNS}`],
    ["an empty config", "config: {}\n"],
    ["only another project's keys: a new stack after pulumi config set aws:region", "config:\n  aws:region: us-east-1\n"],
    ["another project's misspelt deployment key", "config:\n  myinfra:deploymnt: {}\n"],
    // Beside the program's Pulumi.yaml the file is the program's: another project's keys are not read.
    ["another project's deployment beside the program's", `config:\n${DNS}${DEPLOYMENT}  myinfra:deployment: { sipDomains: [fabrikam.com] }\n`],
    ["another project's deployment and a key of the program's, without the program's deployment", `config:\n  lync-edge-dns:ttl: 300\n  myinfra:deployment:\n    sipDomains: [contoso.com]\n    edge: { accessEdgeIps: [131.107.155.10] }\n`],
    // Pulumi refuses a key that is not <namespace>:<name> before the program runs; both say so.
    ["a key without its project beside a valid deployment", `config:\n${DNS}${DEPLOYMENT}  ttl: 300\n`],
    // What `pulumi stack init` leaves with the passphrase secrets provider, before any config is set.
    ["a new stack: its encryption salt and no config yet", "encryptionsalt: v1:2oLmNlx9sso=:v1:1/Rl6lwg2aZ0rZHh:Fh4kSw6ng2TZM3GqEmYwlfQVHnUMeQ==\n"],
];

describe("one stack file, two entry points: plan and the root program", function () {
    this.timeout(120_000);
    let dir: string;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-stacks-"));
        // As in a project: the stack files beside the program's Pulumi.yaml, which names whose they are.
        writeFileSync(join(dir, "Pulumi.yaml"), "name: lync-edge-dns\nruntime: nodejs\n");
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    cases.forEach(([name, stack], i) => {
        it(name, async () => {
            const file = join(dir, `Pulumi.case${i}.yaml`);
            writeFileSync(file, stack);
            const cli = cliVerdict(file);
            const program = await programVerdict(file);
            assert.deepEqual(cli, program);
        });
    });

    it("the cases are not all alike: some pass, some are refused, one warns of dns.adopt", async () => {
        // Without this, a CLI and a program that both refused everything would agree.
        const file = join(dir, "Pulumi.adopt.yaml");
        writeFileSync(file, (cases.find(([n]) => n.startsWith("dns.adopt")) as [string, string])[1]);
        const verdict = cliVerdict(file);
        assert.equal(verdict.ok, true);
        assert.ok(verdict.warnings.some((w) => w.startsWith("dns.adopt: 1 record set is taken over with Pulumi's import option")), verdict.warnings.join("\n"));
        writeFileSync(file, (cases.find(([n]) => n === "a key of the project the program does not read") as [string, string])[1]);
        assert.deepEqual(cliVerdict(file).issues, ['config["lync-edge-dns:adopt"]: unknown key; adopt is a field of lync-edge-dns:dns: give it inside that value (pulumi config set --path lync-edge-dns:dns.adopt <value>)']);
        writeFileSync(file, (cases.find(([n]) => n === "no DNS target") as [string, string])[1]);
        assert.deepEqual(cliVerdict(file).issues, ['dns: is required: { provider: "route53" | "azure", ... }']);
        writeFileSync(file, (cases.find(([n]) => n.startsWith("a deployment field as a key")) as [string, string])[1]);
        assert.deepEqual(cliVerdict(file).issues, [
            'config["lync-edge-dns:ttl"]: unknown key; ttl is a field of lync-edge-dns:deployment: give it inside that value (pulumi config set --path lync-edge-dns:deployment.ttl <value>)',
            'config["lync-edge-dns:colour"]: unknown key; the program reads lync-edge-dns:deployment and lync-edge-dns:dns',
        ]);
        writeFileSync(file, (cases.find(([n]) => n === "a misspelt deployment key") as [string, string])[1]);
        assert.deepEqual(cliVerdict(file).issues, [
            'config["lync-edge-dns:deploymnt"]: unknown key; did you mean "lync-edge-dns:deployment"?',
            'config["lync-edge-dns:deployment"]: is required: the Edge deployment (sipDomains, edge, ...); set it in the stack file, or with pulumi config set --path lync-edge-dns:deployment.<field> <value>',
        ]);
        // A stack file copied from a project of another name: its deployment is named as the other project's.
        writeFileSync(file, (cases.find(([n]) => n.startsWith("another project's deployment and a key")) as [string, string])[1]);
        assert.deepEqual(cliVerdict(file).issues.slice(-1), [
            'config["lync-edge-dns:deployment"]: is required: the Edge deployment (sipDomains, edge, ...); set it in the stack file, or with pulumi config set --path lync-edge-dns:deployment.<field> <value>; "myinfra:deployment" is project myinfra\'s, and this stack is project lync-edge-dns\'s: give the keys as lync-edge-dns:..., or name the project myinfra (in Pulumi.yaml)',
        ]);
    });
});

describe("plan on a file that is meant as a stack file but is not one", function () {
    this.timeout(60_000);
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-stacks-")); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const cases: [name: string, stack: string, problem: string][] = [
        ["config: as a list", "config:\n  - lync-edge-dns:deployment: {}\n", "is a Pulumi stack file whose config: is not a map of project:key to value, got a list"],
        ["two deployment keys", `config:\n${DNS}${DEPLOYMENT}  other:deployment: {}\n`, "is a Pulumi stack file with 2 deployment keys (lync-edge-dns:deployment, other:deployment); keep one (beside its project's Pulumi.yaml, a stack file is read as that project's)"],
    ];
    for (const [name, stack, problem] of cases) {
        it(`${name}: says so, exit 1`, () => {
            const file = join(dir, "Pulumi.prod.yaml");
            writeFileSync(file, stack);
            const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file], { cwd: ROOT, encoding: "utf8" });
            assert.equal(run.status, 1);
            assert.equal(unwrapped(run.stderr).replaceAll(file, "Pulumi.prod.yaml"), `Cannot read Pulumi.prod.yaml (1 problem):\n  - Pulumi.prod.yaml: ${problem}\n`);
        });
    }

    // Pulumi parses every stack file key as <namespace>:<name> (config.ParseKey)
    // and refuses the file otherwise, before any program runs.
    it("keys without their project: each said, with the key it should be, exit 1", () => {
        const file = join(dir, "Pulumi.prod.yaml");
        writeFileSync(file, "config:\n  dns: { provider: route53 }\n  deployment:\n    sipDomains: [contoso.com]\n");
        const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 1);
        assert.equal(unwrapped(run.stderr), [
            "Invalid lync-edge-dns configuration (2 problems):",
            '  - config["dns"]: has no project: Pulumi refuses a stack file key that is not <project>:<key>; write lync-edge-dns:dns',
            '  - config["deployment"]: has no project: Pulumi refuses a stack file key that is not <project>:<key>; write lync-edge-dns:deployment',
            "",
        ].join("\n"));
    });

    it("a key without its project beside a valid deployment is refused too, naming the deployment's project, exit 1", () => {
        const file = join(dir, "Pulumi.prod.yaml");
        writeFileSync(file, "config:\n  myinfra:deployment:\n    sipDomains: [contoso.com]\n    edge: { accessEdgeIps: [131.107.155.10] }\n  ttl: 300\n");
        const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 1);
        assert.equal(unwrapped(run.stderr), 'Invalid lync-edge-dns configuration (1 problem):\n  - config["ttl"]: has no project: Pulumi refuses a stack file key that is not <project>:<key>, and myinfra:ttl is not a key the program reads either: ttl is a field of myinfra:deployment: give it inside that value (pulumi config set --path myinfra:deployment.ttl <value>)\n');
    });

    it("beside another project's Pulumi.yaml, that project's deployment is planned, and this program's keys are another project's", () => {
        const project = mkdtempSync(join(tmpdir(), "lync-edge-dns-myinfra-"));
        try {
            writeFileSync(join(project, "Pulumi.yaml"), "name: myinfra\nruntime: nodejs\n");
            const file = join(project, "Pulumi.prod.yaml");
            writeFileSync(file, `config:\n${DNS}${DEPLOYMENT}  myinfra:deployment:\n    sipDomains: [fabrikam.com]\n    edge: { accessEdgeIps: [131.107.155.10] }\n`);
            const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file, "--format", "json"], { cwd: ROOT, encoding: "utf8" });
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual((JSON.parse(run.stdout) as { zones: { zone: string }[] }).zones.map((z) => z.zone), ["fabrikam.com"]);
        } finally {
            rmSync(project, { recursive: true, force: true });
        }
    });

    it("a stack whose config comes from Pulumi ESC (environment:) and has no deployment in the file: says that plan cannot read the environment, exit 1", () => {
        const file = join(dir, "Pulumi.prod.yaml");
        writeFileSync(file, "environment:\n  - edge-dns/prod\n");
        const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 1);
        assert.equal(unwrapped(run.stderr), 'Invalid lync-edge-dns configuration (1 problem):\n  - config["lync-edge-dns:deployment"]: is required: the Edge deployment (sipDomains, edge, ...); set it in the stack file, or with pulumi config set --path lync-edge-dns:deployment.<field> <value>; this stack imports Pulumi ESC environments (environment:), whose values only Pulumi reads: plan reads the file as it is, so give the deployment in it, or check with pulumi preview\n');
    });

    it("a value kept encrypted (pulumi config set --secret) is said to be one, where it is, by plan and npm start's reader alike", () => {
        const file = join(dir, "Pulumi.prod.yaml");
        writeFileSync(file, `config:\n  lync-edge-dns:dns:\n    provider: azure\n    resourceGroupName: rg-dns\n    subscriptionId:\n      secure: v1:oOZL7Qz+9r7DYl8h:1k4JQbJcE4Xf5mBw7cQd1Vb4aNw=\n${DEPLOYMENT}`);
        const problem = 'config["lync-edge-dns:dns"].subscriptionId: is a secret (secure:), which only Pulumi\'s engine decrypts, with the stack\'s secrets provider: this file is read as it is; keep the value in plain config to check it here, or check with pulumi preview';
        const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 1);
        assert.equal(unwrapped(run.stderr).replaceAll(file, "Pulumi.prod.yaml"), `Cannot read Pulumi.prod.yaml (1 problem):\n  - ${problem}\n`);
        assert.throws(() => readStackConfig(file), (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.deepEqual(error.issues.map((i) => `${i.path}: ${i.message}`), [problem]);
            return true;
        });
    });

    it("a secret in a key the program does not read (a provider's credentials) is none of plan's business", () => {
        const file = join(dir, "Pulumi.prod.yaml");
        writeFileSync(file, `config:\n  aws:secretKey:\n    secure: v1:oOZL7Qz+9r7DYl8h:1k4JQbJcE4Xf5mBw7cQd1Vb4aNw=\n${DNS}${DEPLOYMENT}`);
        const run = spawnSync(process.execPath, [builtCli(), "plan", "--config", file], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.doesNotThrow(() => readStackConfig(file));
    });

    it("config: as a list is refused in the same words by npm start's reader", () => {
        const file = join(dir, "Pulumi.prod.yaml");
        writeFileSync(file, cases[0]![1]);
        assert.throws(() => readStackConfig(file), (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.deepEqual(error.issues, [{ path: "Pulumi.prod.yaml", message: cases[0]![2] }]);
            return true;
        });
    });
});
