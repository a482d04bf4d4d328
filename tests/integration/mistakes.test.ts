/**
 * Every entry point's mistakes as a DNS admin meets them, the real CLI and
 * `npm start` run as processes. GIVEN bad input (an address that is not
 * one, a mistyped key, a YAML syntax error, a stack that does not exist)
 * THEN one block on stderr, exit 1; GIVEN bad usage of any command (a
 * mistyped option, a value out of range) THEN the nearest option where
 * there is one, the usage line, exit 2. Every line of it within 100
 * columns, nothing on stdout, never a stack trace.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtCli } from "../helpers/build";
import { longLines, unwrapped } from "../helpers/cli-text";

const ROOT = join(__dirname, "..", "..");

interface Run { status: number | null; stdout: string; stderr: string }

function cli(...args: string[]): Run {
    const { status, stdout, stderr } = spawnSync(process.execPath, [builtCli(), ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    return { status, stdout, stderr };
}

function npmStart(...args: string[]): Run {
    const { status, stdout, stderr } = spawnSync("npm", ["start", "--silent", "--", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    return { status, stdout, stderr };
}

/** One block on stderr within 100 columns, nothing on stdout, no stack trace, and the exit code. */
function assertBlock(run: Run, code: number): void {
    assert.equal(run.status, code, run.stderr);
    assert.equal(run.stdout, "");
    assert.deepEqual(longLines(run.stderr), [], run.stderr);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
}

const DEPLOYMENT = [
    "sipDomains: [{ name: contoso.com, mobilty: true }]",
    "edge: { accessEdgeIps: [131.107.300.1] }",
];

const BAD_INPUT_BLOCK = [
    "Invalid lync-edge-dns configuration (2 problems):",
    "  - sipDomains[0].mobilty: unknown key; did you mean \"mobility\"?",
    "  - edge.accessEdgeIps[0]: \"131.107.300.1\" is not a valid IP address: it is not an IPv4 address",
    "    (four decimal numbers 0-255) or an IPv6 address",
    "",
].join("\n");

const PLAN_USAGE = "Usage: lync-edge-dns plan --config <file> [--format table|json|zone|mermaid] [--out <dir>] [--wide]";
const VERIFY_USAGE = [
    "Usage: lync-edge-dns verify --config <file> [--server <host[:port]>] [--json] [--timeout <ms>]",
    "                            [--deadline <seconds>] [--adopt]",
].join("\n");

describe("mistakes, at every entry point, within 100 columns", function () {
    this.timeout(240_000);
    let work: string;
    let deployment: string;
    let stack: string;
    before(() => {
        builtCli();
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-mistakes-"));
        deployment = join(work, "edge.yaml");
        writeFileSync(deployment, `${DEPLOYMENT.join("\n")}\n`);
        stack = join(work, "Pulumi.bad.yaml");
        writeFileSync(stack, `config:\n  lync-edge-dns:deployment:\n${DEPLOYMENT.map((l) => `    ${l}`).join("\n")}\n  lync-edge-dns:dns: { provider: route53 }\n`);
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    describe("lync-edge-dns", () => {
        it("a bad IP address and a mistyped key: the block, each problem wrapped under its text (exit 1)", () => {
            const run = cli("plan", "--config", deployment);
            assertBlock(run, 1);
            assert.equal(run.stderr, BAD_INPUT_BLOCK);
            // The same block from verify and diff, which read the file the same way.
            assert.equal(cli("verify", "--config", deployment).stderr, BAD_INPUT_BLOCK);
            assertBlock(cli("diff", "Pulumi.example.yaml", deployment), 1);
        });

        it("a YAML syntax error says its line and column once (exit 1)", () => {
            const broken = join(work, "broken.yaml");
            writeFileSync(broken, "sipDomains: [contoso.com\nedge: {}\n");
            const run = cli("plan", "--config", broken);
            assertBlock(run, 1);
            assert.equal(unwrapped(run.stderr), `Cannot read ${broken} (1 problem):\n  - broken.yaml: is not valid YAML or JSON at line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]\n`);
        });

        const mistyped: [string, string[], string][] = [
            ["plan", ["plan", "--confg", "x.yaml"], "--config"],
            ["diff", ["diff", "a.yaml", "b.yaml", "--formt", "json"], "--format"],
            ["verify", ["verify", "--config", "x.yaml", "--servr", "127.0.0.1"], "--server"],
            ["schema", ["schema", "--stack-fil"], "--stack-file"],
        ];
        for (const [command, args, meant] of mistyped) {
            it(`${command}: a mistyped option names the one meant, with the usage line (exit 2)`, () => {
                const run = cli(...args);
                assertBlock(run, 2);
                assert.ok(run.stderr.startsWith(`error: unknown option '${args.find((a) => a.startsWith("--") && a !== "--config")}'\n(Did you mean ${meant}?)\nUsage: lync-edge-dns ${command} `), run.stderr);
                assert.ok(run.stderr.endsWith(`(run "lync-edge-dns ${command} --help" for the options and examples)\n`), run.stderr);
            });
        }

        it("plan --confg: the option meant, not \"--config not specified\"; the exact block (exit 2)", () => {
            assert.deepEqual(cli("plan", "--confg", "x.yaml"), {
                status: 2,
                stdout: "",
                stderr: `error: unknown option '--confg'\n(Did you mean --config?)\n${PLAN_USAGE}\n(run "lync-edge-dns plan --help" for the options and examples)\n`,
            });
            // Without any --config at all, commander's own words.
            assert.ok(cli("plan").stderr.startsWith(`error: required option '--config <file>' not specified\n${PLAN_USAGE}\n`));
        });

        it("verify --server with a port out of range: one sentence, what was given and what is allowed (exit 2)", () => {
            assert.deepEqual(cli("verify", "--config", "Pulumi.example.yaml", "--server", "127.0.0.1:99999"), {
                status: 2,
                stdout: "",
                stderr: [
                    "error: --server \"127.0.0.1:99999\": the port must be a number from 1 to 65535, got 99999",
                    VERIFY_USAGE,
                    "(run \"lync-edge-dns verify --help\" for the options and examples)",
                    "",
                ].join("\n"),
            });
        });

        const badUsage: [string, string[]][] = [
            ["no command", []],
            ["an unknown command", ["deploy"]],
            ["plan with a format it does not have", ["plan", "--config", "x.yaml", "--format", "csv"]],
            ["diff without its files", ["diff"]],
            ["verify with a timeout that is not a number", ["verify", "--config", "x.yaml", "--timeout", "soon"]],
            ["verify with a server that is not one", ["verify", "--config", "x.yaml", "--server", "ns_1.example.net"]],
        ];
        for (const [what, args] of badUsage) {
            it(`${what}: usage error within 100 columns (exit 2)`, () => {
                const run = cli(...args);
                assert.equal(run.status, 2, run.stderr);
                assert.match(run.stderr, /^Usage: lync-edge-dns /m);
                assert.deepEqual(longLines(run.stderr), [], run.stderr);
            });
        }

        for (const command of ["plan", "diff", "verify", "schema"]) {
            it(`${command} --help: its usage line and examples fit 100 columns`, () => {
                const run = cli(command, "--help");
                assert.equal(run.status, 0);
                assert.match(run.stdout, new RegExp(`^Usage: lync-edge-dns ${command} `));
                assert.deepEqual(longLines(run.stdout), []);
            });
        }
    });

    describe("npm start", () => {
        it("a bad IP address and a mistyped key in the stack: the same block as the CLI's (exit 1)", () => {
            const run = npmStart("--config-file", stack, "--out", join(work, "out"));
            assertBlock(run, 1);
            assert.equal(run.stderr, BAD_INPUT_BLOCK);
        });

        it("a stack that does not exist: one block, wrapped (exit 1)", () => {
            const run = npmStart("--stack", "nope");
            assertBlock(run, 1);
            assert.equal(run.stderr, [
                "npm start: no stack file Pulumi.nope.yaml in the project: --stack NAME reads Pulumi.NAME.yaml",
                "  (or give --config-file FILE)",
                "",
            ].join("\n"));
        });

        it("a stack name that cannot be one, and a mistyped option: the usage line (exit 2)", () => {
            const usage = "Usage: npm start [-- [--stack NAME | --config-file FILE] [--provider route53|azure] [--out DIR]]\n";
            const name = npmStart("--stack", "a/b");
            assertBlock(name, 2);
            assert.ok(name.stderr.endsWith(usage), name.stderr);
            const typo = npmStart("--prvider", "azure");
            assertBlock(typo, 2);
            assert.equal(typo.stderr, `npm start: unknown option '--prvider' (did you mean --provider?)\n${usage}`);
        });
    });
});
