/**
 * The CLI as a user runs it: the built `lync-edge-dns` (dist/cli/main.js)
 * spawned with node, asserting on stdout, stderr and the exit code. The
 * live-DNS part serves `plan --format zone` output from a real named on
 * loopback and runs `verify` against it.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as YAML from "yaml";
import { planRecords } from "../../components";
import { BindServer, type ZoneText } from "../helpers/bind";
import { goldenCases, GOLDEN_DIR } from "../helpers/golden";
import { builtCli } from "../helpers/build";
import { checkZone } from "../helpers/tools";

const ROOT = join(__dirname, "..", "..");
let CLI = "";

interface CliResult { status: number | null; stdout: string; stderr: string }

function cli(...args: string[]): CliResult {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Splits `plan --format zone` output into its sections, one per zone: a blank line ends each. */
function zoneSections(output: string): ZoneText[] {
    return output.split(/\n\n/).map((text) => ({ zone: /^\$ORIGIN (\S+)\.$/m.exec(text)?.[1] ?? "?", text: text.endsWith("\n") ? text : `${text}\n` }));
}

describe("lync-edge-dns CLI", function () {
    this.timeout(120_000);
    let work: string;

    before(() => {
        CLI = builtCli();
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-cli-"));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    describe("plan", () => {
        it("prints the example's records by zone with warnings and rule verdicts, and exits 0", () => {
            const { status, stdout, stderr } = cli("plan", "--config", "Pulumi.example.yaml");
            assert.equal(status, 0, stderr);
            assert.match(stdout, /^Zone contoso\.com \(11 record sets, TTL 3600\)$/m);
            assert.match(stdout, /^ {2}SRV +_sipfederationtls\._tcp\.contoso\.com +0 0 5061 sip\.contoso\.com\. +SIP federation discovery and\n {72}public IM connectivity;\n {72}mobility push notifications$/m);
            assert.match(stdout, /^Zone fabrikam\.com \(2 record sets, TTL 3600\)$/m);
            assert.match(stdout, /^Warnings \(4\)$/m);
            assert.match(stdout, /^ {2}pass +lync-mobility-federation-srv +mandatory$/m);
            assert.match(stdout, /^13 record sets in 2 zones; 4 warnings; 0 mandatory violations\.$/m);
            assert.equal(stderr, "");
        });

        it("--format json is exactly planRecords plus violations", () => {
            const { status, stdout } = cli("plan", "--config", join(GOLDEN_DIR, "example.yaml"), "--format", "json");
            assert.equal(status, 0);
            const example = goldenCases().find((c) => c.name === "example");
            assert.deepEqual(JSON.parse(stdout), { ...planRecords(example?.config as never), violations: [] });
        });

        it("reads the deployment out of a Pulumi stack file", () => {
            const stack = YAML.parse(readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8"));
            const { stdout } = cli("plan", "--config", "Pulumi.example.yaml", "--format", "json");
            assert.deepEqual(JSON.parse(stdout).zones, planRecords(stack.config["lync-edge-dns:deployment"]).zones);
        });

        for (const c of goldenCases()) {
            it(`--format zone for ${c.name}: every section loads in named-checkzone as it is`, () => {
                const { status, stdout } = cli("plan", "--config", join(GOLDEN_DIR, `${c.name}.yaml`), "--format", "zone");
                assert.equal(status, 0);
                const sections = zoneSections(stdout);
                assert.deepEqual(sections.map((s) => s.zone), planRecords(c.config as never).zones.map((z) => z.zone));
                for (const { zone, text } of sections) {
                    assert.match(text, new RegExp(`^; .*\\n\\$ORIGIN ${zone.replace(/\./g, "\\.")}\\.\\n\\$TTL \\d+\\n`));
                    const file = join(work, `${c.name}-${zone}.zone`);
                    writeFileSync(file, text);
                    assert.match(checkZone(zone, file), /OK/);
                }
            });
        }

        it("--format zone --out writes one file per zone", () => {
            const dir = join(work, "zones");
            const { status, stdout } = cli("plan", "--config", "Pulumi.example.yaml", "--format", "zone", "--out", dir);
            assert.equal(status, 0);
            assert.deepEqual(readdirSync(dir).sort(), ["contoso.com.zone", "fabrikam.com.zone"]);
            assert.equal(stdout.trim().split("\n").length, 2);
        });

        it("lists every config problem with its path on stderr, without a stack trace, and exits 1", () => {
            const file = join(work, "bad.yaml");
            writeFileSync(file, "sipDomains:\n  - name: fabrikam..com\n    mobilty: true\nedge:\n  accessEdgeIps: [10.0.0.1]\nttl: 0\n");
            const { status, stdout, stderr } = cli("plan", "--config", file);
            assert.equal(status, 1);
            assert.equal(stdout, "");
            assert.equal(stderr, [
                "Invalid lync-edge-dns configuration (4 problems):",
                "  - sipDomains[0].mobilty: unknown key; did you mean \"mobility\"?",
                // Each problem wrapped within 100 columns, under its own text.
                "  - ttl: must be a whole number from 1 to 2147483647 (seconds; RFC 2181, and Azure DNS refuses 0),",
                "    got 0",
                "  - sipDomains[0].name: \"fabrikam..com\" is not a valid DNS name: it has an empty label",
                "    (two dots in a row, or a leading dot)",
                "  - edge.accessEdgeIps[0]: \"10.0.0.1\" is a private address, not a public one; Edge records are",
                "    published in public DNS (set allowPrivateAddresses: true for a lab or internal zone)",
                "",
            ].join("\n"));
        });

        it("reports a YAML syntax error with its line, and exits 1", () => {
            const file = join(work, "broken.yaml");
            writeFileSync(file, "sipDomains: [contoso.com\nedge: {}\n");
            const { status, stderr } = cli("plan", "--config", file);
            assert.equal(status, 1);
            assert.match(stderr, /^Cannot read .*broken\.yaml \(1 problem\):\n {2}- broken\.yaml: is not valid YAML or JSON at line \d+, column \d+/);
            // The parser's message carries the position too: said once.
            assert.equal(stderr.match(/line \d+, column \d+/g)?.length, 1, stderr);
            assert.doesNotMatch(stderr, /\n\s+at /);
        });

        it("loads no Pulumi module", () => {
            const script = `require(${JSON.stringify(CLI)}).run(["plan", "--config", "Pulumi.example.yaml"], () => {}).then((code) => {
                console.log(JSON.stringify({ code, pulumi: Object.keys(require.cache).filter((f) => f.includes("/@pulumi/")).length }));
            });`;
            const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }));
            assert.deepEqual(out, { code: 0, pulumi: 0 });
        });
    });

    describe("usage", () => {
        const usage: [string, string[], number, RegExp][] = [
            ["no command", [], 2, /Usage: lync-edge-dns/],
            ["an unknown command", ["deploy"], 2, /unknown command 'deploy'/],
            ["plan without --config", ["plan"], 2, /required option '--config <file>' not specified/],
            // The CLI's own sentence, as for every other wrong option value: what was given and what is allowed.
            ["an unknown format", ["plan", "--config", "x.yaml", "--format", "csv"], 2, /^error: --format "csv": give table, json, zone or mermaid\nUsage: lync-edge-dns plan /],
            ["an unknown diff format", ["diff", "a.yaml", "b.yaml", "--format", "md"], 2, /^error: --format "md": give table, json or markdown\nUsage: lync-edge-dns diff /],
            ["a timeout that is not a number", ["verify", "--config", "x.yaml", "--timeout", "soon"], 2, /give a whole number of milliseconds/],
            ["a server name that does not resolve", ["verify", "--config", "x.yaml", "--server", "dns.invalid"], 2, /--server/],
        ];
        for (const [name, args, code, message] of usage) {
            it(`${name} exits ${code}`, () => {
                const { status, stdout, stderr } = cli(...args);
                assert.equal(status, code);
                assert.match(stderr + stdout, message);
            });
        }
        for (const command of ["plan", "verify", "schema"]) {
            it(`${command} --help shows an example and exits 0`, () => {
                const { status, stdout } = cli(command, "--help");
                assert.equal(status, 0);
                assert.match(stdout, new RegExp(`Examples?:\\n {2}lync-edge-dns ${command}`));
            });
        }
    });

    it("schema prints the JSON Schema of the config", () => {
        const { status, stdout } = cli("schema");
        assert.equal(status, 0);
        const schema = JSON.parse(stdout);
        assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
        // edge is optional: a deployment of Teams Only domains has none.
        assert.deepEqual(schema.required, ["sipDomains"]);
        assert.equal(schema.additionalProperties, false);
    });

    describe("verify against named serving what plan wrote", () => {
        let bind: BindServer | undefined;
        let zones: ZoneText[];
        const config = join(ROOT, "Pulumi.example.yaml");
        before(async () => {
            const dir = join(work, "served");
            cli("plan", "--config", config, "--format", "zone", "--out", dir);
            zones = readdirSync(dir).map((f) => {
                const zone = f.replace(/\.zone$/, "");
                return { zone, text: readFileSync(join(dir, f), "utf8") };
            });
            bind = await BindServer.start(zones);
        });
        after(async () => { await bind?.stop(); });

        it("reports every record ok and exits 0", () => {
            const { status, stdout, stderr } = cli("verify", "--config", config, "--server", bind?.address ?? "");
            assert.equal(status, 0, stdout + stderr);
            assert.match(stdout, /^13 record sets: 13 ok$/m);
        });

        it("after a record is removed and another changed, reports exactly those and exits 1", async () => {
            await bind?.serve(zones.map((z) => ({
                zone: z.zone,
                text: z.text
                    .replace(/^webcon\.contoso\.com\.\s.*203\.0\.113\.21\n/m, "webcon.contoso.com. 3600 IN A 203.0.113.99\n")
                    .replace(/^dialin\.contoso\.com\..*\n/m, ""),
            })));
            const { status, stdout } = cli("verify", "--config", config, "--server", bind?.address ?? "", "--json");
            assert.equal(status, 1);
            const report = JSON.parse(stdout);
            const problems = report.checks.filter((c: { status: string }) => c.status !== "ok")
                .map((c: { name: string; type: string; status: string; expected: string[]; found: string[] }) => [c.type, c.name, c.status, c.expected, c.found]);
            assert.deepEqual(problems, [
                ["A", "dialin.contoso.com", "missing", ["198.51.100.10"], []],
                ["A", "webcon.contoso.com", "different", ["203.0.113.20", "203.0.113.21"], ["203.0.113.20", "203.0.113.99"]],
            ]);
            const table = cli("verify", "--config", config, "--server", bind?.address ?? "");
            assert.match(table.stdout, /^13 record sets: 11 ok, 1 missing, 1 different$/m);
        });
    });
});
