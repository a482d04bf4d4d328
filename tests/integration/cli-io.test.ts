/**
 * The CLI's input and output under stress, run as a user runs it (the built
 * CLI as a process): config paths that are not regular files, oversized and
 * malformed files, a plan of 130,000 record sets, a reader that stops early,
 * and option values out of range.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as YAML from "yaml";
import { tableLines } from "../../cli/text-layout";
import { builtCli } from "../helpers/build";
import { longLines, unwrapped } from "../helpers/cli-text";

const ROOT = join(__dirname, "..", "..");
let CLI = "";

interface CliResult { status: number | null; stdout: string; stderr: string }

/** The CLI with a deadline, so that a hang fails the test instead of stalling it. */
function cli(args: string[], cwd = ROOT): CliResult {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const exampleDeployment = () => YAML.parse(readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8")).config["lync-edge-dns:deployment"];

describe("lync-edge-dns input and output", function () {
    this.timeout(180_000);
    let work: string;
    before(() => {
        CLI = builtCli();
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-io-"));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    describe("config files", () => {
        it("a named pipe is refused at once, not waited on (exit 1)", () => {
            const fifo = join(work, "edge.yaml");
            execFileSync("mkfifo", [fifo]);
            const { status, stdout, stderr } = cli(["plan", "--config", fifo]);
            assert.equal(status, 1, "returned on its own");
            assert.equal(stdout, "");
            assert.equal(stderr, `Cannot read ${fifo} (1 problem):\n  - edge.yaml: is a named pipe (FIFO), not a regular file: give the path of a YAML or JSON file\n`);
        });

        it("/dev/zero is refused as a device (exit 1)", () => {
            const { status, stderr } = cli(["plan", "--config", "/dev/zero"]);
            assert.equal(status, 1);
            assert.equal(stderr, "Cannot read /dev/zero (1 problem):\n  - zero: is a device, not a regular file: give the path of a YAML or JSON file\n");
        });

        it("a folder, a missing file and a file over 8 MiB are each one clear block (exit 1)", () => {
            const big = join(work, "big.yaml");
            writeFileSync(big, "");
            truncateSync(big, 8 * 1024 * 1024 + 1);
            for (const [file, reason] of [
                [work, "is a folder, not a regular file: give the path of a YAML or JSON file"],
                [join(work, "missing.yaml"), "does not exist"],
                [big, "is larger than 8 MiB: not a deployment config"],
            ]) {
                const { status, stderr } = cli(["plan", "--config", file]);
                assert.equal(status, 1, file);
                assert.equal(stderr, `Cannot read ${file} (1 problem):\n  - ${file.split("/").pop()}: ${reason}\n`);
            }
        });

        it("a .json file with a syntax error names its line and column", () => {
            const file = join(work, "broken.json");
            writeFileSync(file, '{\n  "sipDomains": ["contoso.com"],\n}\n');
            const { status, stderr } = cli(["plan", "--config", file]);
            assert.equal(status, 1);
            assert.equal(stderr, `Cannot read ${file} (1 problem):\n  - broken.json: is not valid JSON at line 3, column 1: Expected double-quoted property name\n`);
        });

        it("a .json config is read without loading the YAML parser; a .yaml one loads it", () => {
            const file = join(work, "edge.json");
            writeFileSync(file, JSON.stringify(exampleDeployment()));
            const probe = (config: string) => JSON.parse(execFileSync(process.execPath, ["-e", `require(${JSON.stringify(CLI)}).run(["plan", "--config", ${JSON.stringify(config)}], () => {}).then((code) => {
                console.log(JSON.stringify({ code, yaml: Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(f)).length > 0 }));
            });`], { cwd: ROOT, encoding: "utf8" }));
            assert.deepEqual(probe(file), { code: 0, yaml: false });
            assert.deepEqual(probe("Pulumi.example.yaml"), { code: 0, yaml: true });
        });
    });

    describe("big plans", () => {
        it("lays out a table of 130,000 rows", () => {
            const rows = Array.from({ length: 130_000 }, (_, i) => ["A", `h${i}.contoso.com`, "131.107.155.40"]);
            const lines = tableLines([{ header: "TYPE" }, { header: "NAME" }, { header: "VALUES" }], rows, { width: 100 });
            assert.equal(lines.length, 130_001);
            assert.equal(lines[130_000], "  A     h129999.contoso.com  131.107.155.40");
        });

        it("plan prints 130,004 record sets of one zone, every line within 100 columns (exit 0)", () => {
            const hosts = Array.from({ length: 130_000 }, (_, i) => `h${i}.contoso.com`);
            const file = join(work, "many-hosts.json");
            writeFileSync(file, JSON.stringify({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"], hosts } } }));
            const { status, stdout, stderr } = cli(["plan", "--config", file]);
            assert.equal(stderr, "");
            assert.equal(status, 0);
            const lines = stdout.split("\n");
            assert.equal(lines[0], "Zone contoso.com (130004 record sets, TTL 3600)");
            assert.equal(lines.at(-2), "130004 record sets in 1 zone; 3 warnings; 0 mandatory violations.");
            assert.deepEqual(lines.filter((l) => l.length > 100), []);
            assert.equal(lines.filter((l) => /^ {2}A {5}h\d+\.contoso\.com /.test(l)).length, 130_000);
        });

        it("plan | head -1: the first line, nothing on stderr, exit 0 from the CLI", () => {
            const hosts = Array.from({ length: 50_000 }, (_, i) => `h${i}.contoso.com`);
            const file = join(work, "for-head.json");
            writeFileSync(file, JSON.stringify({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"], hosts } } }));
            // pipefail: the pipeline's status is the CLI's, not head's.
            const result = spawnSync("bash", ["-c", 'set -o pipefail; "$0" "$1" plan --config "$2" | head -1', process.execPath, CLI, file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
            assert.equal(result.stdout, "Zone contoso.com (50004 record sets, TTL 3600)\n");
            assert.equal(result.stderr, "");
            assert.equal(result.status, 0);
        });
    });

    describe("options", () => {
        it("--version and -V print the package's version", () => {
            const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
            for (const flag of ["--version", "-V"]) assert.deepEqual(cli([flag]), { status: 0, stdout: `${version}\n`, stderr: "" });
        });

        const verifyUsage = "Usage: lync-edge-dns verify --config <file> [--server <host[:port]>] [--json] [--timeout <ms>]\n";
        for (const timeout of ["60001", "99999999999999999999", "1e9"]) {
            it(`verify --timeout ${timeout} is a usage error with the usage line (exit 2)`, () => {
                const { status, stdout, stderr } = cli(["verify", "--config", "Pulumi.example.yaml", "--timeout", timeout]);
                assert.equal(status, 2);
                assert.equal(stdout, "");
                // One sentence: what was given and what is allowed, not commander's "argument ... is invalid." first.
                assert.ok(stderr.startsWith(`error: --timeout "${timeout}": give a whole number of milliseconds from 1 to 60000\n`), stderr);
                assert.ok(stderr.includes(verifyUsage), stderr);
            });
        }

        it("--out without --format zone is a usage error: nothing is written (exit 2)", () => {
            const out = join(work, "not-written");
            const { status, stdout, stderr } = cli(["plan", "--config", "Pulumi.example.yaml", "--out", out]);
            assert.equal(status, 2);
            assert.equal(stdout, "");
            assert.equal(stderr, [
                "error: --out writes zone files: give it with --format zone",
                "Usage: lync-edge-dns plan --config <file> [--format table|json|zone|mermaid] [--out <dir>] [--wide]",
                "(run \"lync-edge-dns plan --help\" for the options and examples)",
                "",
            ].join("\n"));
            assert.throws(() => readFileSync(join(out, "contoso.com.zone")), /ENOENT/);
        });

        it("an unknown option shows the command's usage line (exit 2)", () => {
            const { status, stderr } = cli(["plan", "--config", "Pulumi.example.yaml", "--stak", "x"]);
            assert.equal(status, 2);
            assert.match(stderr, /^error: unknown option '--stak'\nUsage: lync-edge-dns plan --config <file> /);
        });

        it("--out into a place that cannot be a folder is one clear block (exit 1)", () => {
            const file = join(work, "a-file");
            writeFileSync(file, "");
            const { status, stderr } = cli(["plan", "--config", "Pulumi.example.yaml", "--format", "zone", "--out", join(file, "zones")]);
            assert.equal(status, 1);
            assert.equal(unwrapped(stderr), `lync-edge-dns: cannot write ${join(file, "zones")}: a file is in the way of the folder\n`);
            assert.deepEqual(longLines(stderr), []);
        });
    });
});
