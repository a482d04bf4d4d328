/**
 * `plan`'s output for people and for machines: width, wrapping, rule
 * verdicts, certificate names, warnings beside JSON and zone files, colour.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certificateSubjectNames } from "../../components/core/plan/certificate";
import { paletteFor } from "../../cli/color";
import { describeFailure, EXIT, UsageError } from "../../cli/errors";
import { ruleLines } from "../../cli/plan-output";
import { hangingWrap, usageLines, wrapBlock, wrapText } from "../../cli/text-layout";
import { ConfigError } from "../../components/core/config/errors";
import { planDeployment } from "../../components/core/plan/planner";
import { runProgramFile } from "../../components/testing/engine";
import { readStackConfig } from "../../components/testing/stack-file";
import { builtCli } from "../helpers/build";
import { MICROSOFT_TABLES } from "../helpers/microsoft-365-tables";
import { requireTool } from "../helpers/tools";

const ROOT = join(__dirname, "..", "..");

function plan(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [builtCli(), "plan", "--config", "Pulumi.example.yaml", ...args], { cwd: ROOT, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const WARNINGS_HEADING = "Warnings (4)\n  - edge.accessEdgeIps: 203.0.113.10, 203.0.113.11 are in the documentation range 203.0.113.0/24:\n";

describe("plan output", function () {
    this.timeout(120_000);
    let work: string;
    before(() => { work = mkdtempSync(join(tmpdir(), "lync-edge-dns-output-")); });
    after(() => rmSync(work, { recursive: true, force: true }));

    it("the table fits 100 columns; --wide keeps every row on one line", () => {
        const narrow = plan().stdout.split("\n");
        assert.deepEqual(narrow.filter((l) => l.length > 100), []);
        const wide = plan("--wide").stdout.split("\n");
        assert.ok(wide.some((l) => l.length > 100));
        assert.ok(wide.includes("  SRV   _sipfederationtls._tcp.contoso.com  0 0 5061 sip.contoso.com.   SIP federation discovery and public IM connectivity; mobility push notifications"));
    });

    for (const table of MICROSOFT_TABLES.filter((t) => /gccHigh|dod/.test(t.what))) {
        it(`${table.what}: no host name is split across lines, and every line fits 100 columns`, () => {
            const file = join(work, `${table.what.replace(/\W+/g, "-")}.json`);
            writeFileSync(file, JSON.stringify(table.config));
            const result = spawnSync(process.execPath, [builtCli(), "plan", "--config", file], { cwd: ROOT, encoding: "utf8" });
            assert.equal(result.status, 0, result.stderr);
            const lines = result.stdout.split("\n");
            assert.deepEqual(lines.filter((l) => l.length > 100), []);
            // Each row is `zone TYPE name values`: every name and every word of the values stands whole on one line.
            const words = new Set(table.rows.flatMap((row) => row.split(" ").slice(2)).filter((w) => w.includes(".")));
            assert.ok([...words].some((w) => w.includes("skypeforbusiness.us.")));
            for (const word of words) assert.ok(lines.some((l) => l.split(/\s+/).includes(word)), `${word} is cut:\n${result.stdout}`);
        });
    }

    it("--format json: stdout is the JSON alone, the warnings go to stderr", () => {
        const { status, stdout, stderr } = plan("--format", "json");
        assert.equal(status, 0);
        assert.equal(JSON.parse(stdout).warnings.length, 4);
        assert.ok(stderr.startsWith(WARNINGS_HEADING), stderr);
    });

    it("--format zone: stdout is the zone files alone, the warnings go to stderr", () => {
        const { status, stdout, stderr } = plan("--format", "zone");
        assert.equal(status, 0);
        assert.ok(stdout.startsWith("; contoso.com: the Edge DNS records planned by lync-edge-dns\n$ORIGIN contoso.com.\n$TTL 3600\n; Placeholder SOA and NS"), stdout);
        assert.doesNotMatch(stdout, /Warnings/);
        assert.ok(stderr.startsWith(WARNINGS_HEADING), stderr);
    });

    it("the certificate names are the component's certificateSubjectNames", async () => {
        const config = readStackConfig(join(ROOT, "Pulumi.example.yaml"));
        const run = await runProgramFile(join(ROOT, "index.ts"), { config, stack: "example" });
        const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
        const expected = component?.outputs.certificateSubjectNames as string[];
        assert.deepEqual(certificateSubjectNames(planDeployment(config["lync-edge-dns:deployment"]).records), expected);
        assert.ok(plan().stdout.includes(`Certificate subject names (${expected.length})\n${expected.map((n) => `  ${n}\n`).join("")}`));
    });

    it("a rule that finds something shows its description and findings, wrapped; a passing rule one line", () => {
        const lines = ruleLines([
            { rule: "lync-public-addresses", level: "mandatory", message: "sip.contoso.com holds 10.0.0.1, a private address: partners on the Internet cannot reach it", sources: [] },
            { rule: "lync-srv-same-domain", level: "advisory", message: "_sip._tls.fabrikam.com points to sip.contoso.com", sources: [] },
        ], { width: 60 });
        assert.deepEqual(lines.filter((l) => l.length > 60), []);
        assert.equal(lines[0], "Policy rules");
        assert.equal(lines[1], "  pass  lync-mobility-federation-srv      mandatory");
        assert.ok(lines.includes("  warn  lync-srv-same-domain              advisory"));
        assert.ok(lines.includes("        - _sip._tls.fabrikam.com points to sip.contoso.com"));
        const fail = lines.indexOf("  FAIL  lync-public-addresses             mandatory");
        assert.ok(fail > 0);
        assert.match(lines[fail + 1], /^ {8}The Edge's A\/AAAA records hold public addresses:/);
        assert.ok(lines.slice(fail).join("\n").includes("        - sip.contoso.com holds 10.0.0.1, a private address:\n          partners on the Internet cannot reach it"));
    });

    it("colour only on a terminal and never with NO_COLOR", () => {
        assert.equal(paletteFor({ isTTY: true }, {}).red("FAIL"), "\u001b[31mFAIL\u001b[39m");
        assert.equal(paletteFor({ isTTY: true }, { NO_COLOR: "1" }).red("FAIL"), "FAIL");
        assert.equal(paletteFor({ isTTY: false }, {}).yellow("warn"), "warn");
        assert.doesNotMatch(plan().stdout, /\u001b/);
    });

    it("wrapping breaks at spaces, outside parentheses when it can, and never loses a character", () => {
        assert.deepEqual(wrapText("Access Edge host (SRV target)", 28), ["Access Edge host", "(SRV target)"]);
        assert.deepEqual(wrapText("x".repeat(25), 10), ["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
        assert.deepEqual(hangingWrap("one two three", 9, "- "), ["- one two", "  three"]);
        // The first line has the whole width when its prefix is shorter than the indent.
        assert.deepEqual(hangingWrap("one two three four", 13, "", "    "), ["one two three", "    four"]);
    });

    it("blocks wrap under their own text, usage lines between options, never inside one", () => {
        assert.deepEqual(wrapBlock("Head line (2 problems):\n  - a: one two three\n\tb four five", 16), [
            "Head line", "  (2 problems):", "  - a: one two", "    three", "  b four five",
        ]);
        assert.deepEqual(usageLines("Usage: x run --config <file> [--timeout <ms>] [--deadline <seconds>]", 50), [
            "Usage: x run --config <file> [--timeout <ms>]",
            "             [--deadline <seconds>]",
        ]);
        // Brackets inside brackets give way before a word is cut.
        assert.deepEqual(usageLines("Usage: npm start [-- [--stack NAME] [--out DIR]]", 40), ["Usage: npm start [-- [--stack NAME]", "                 [--out DIR]]"]);
    });

    it("failures: usage with the usage line (2), config (1), unexpected with a trace only when debugging", () => {
        assert.deepEqual(describeFailure(new UsageError("bad"), "p", "Usage: p x"), { text: "p: bad\nUsage: p x\n", code: EXIT.usage });
        assert.deepEqual(describeFailure(new ConfigError([{ path: "ttl", message: "wrong" }]), "p", "", false).code, EXIT.problem);
        const quiet = describeFailure(new RangeError("boom"), "p", "", false);
        assert.equal(quiet.text, "p: unexpected error: RangeError: boom\n(set LYNC_EDGE_DNS_DEBUG=1 to see where it happened)\n");
        assert.match(describeFailure(new RangeError("boom"), "p", "", true).text, /^p: unexpected error: RangeError: boom\nRangeError: boom\n\s+at /);
    });
});

describe("colour on a terminal only", function () {
    this.timeout(60_000);

    /** `plan` on a pseudo-terminal (script(1)), as in a user's shell; `env` beside the test's own. */
    function onTerminal(env: Record<string, string> = {}): string {
        const script = requireTool("script");
        const command = [process.execPath, builtCli(), "plan", "--config", "Pulumi.example.yaml"].map((a) => `'${a}'`).join(" ");
        const result = spawnSync(script, ["-q", "-e", "-c", command, "/dev/null"], { cwd: ROOT, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "", ...env } });
        assert.equal(result.status, 0, result.stdout);
        return result.stdout;
    }

    it("the warnings heading is yellow on a terminal, plain with NO_COLOR and when piped", () => {
        assert.ok(onTerminal().includes("\u001b[33mWarnings (4)\u001b[39m"), "yellow on a terminal");
        assert.ok(!onTerminal({ NO_COLOR: "1" }).includes("\u001b["), "NO_COLOR: no escape codes");
        assert.ok(!plan().stdout.includes("\u001b["), "piped: no escape codes");
    });
});
