/**
 * `lync-edge-dns diff` and `plan --format mermaid`, run as a user runs them:
 * the built CLI as a process. GIVEN the example stack and edited copies of
 * it, THEN diff prints the record sets added, removed and changed (a table
 * within 100 columns, the diffPlans JSON, a pull-request comment in
 * Markdown), warns when a mobility domain loses its federation SRV, and
 * exits 0 for no change, 3 for changes, 1 for an invalid file, 2 for wrong
 * usage; and the Mermaid flowchart of the example holds exactly the chains
 * of the README's table, in a form Mermaid reads.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffPlans } from "../../components/core/plan/changes";
import type { TracedRecordSet } from "../../components/core/plan/model";
import { loadChecked } from "../../cli/load";
import { mermaidLines } from "../../cli/mermaid";
import { builtCli } from "../helpers/build";
import { unwrapped } from "../helpers/cli-text";
import { checkFlowchart } from "../helpers/mermaid-check";

const ROOT = join(__dirname, "..", "..");
const EXAMPLE = join(ROOT, "Pulumi.example.yaml");
let CLI = "";

interface CliResult { status: number | null; stdout: string; stderr: string }

function cli(...args: string[]): CliResult {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The example stack with `edits` applied, each an exact text replacement that must apply. */
function edited(dir: string, name: string, edits: [string, string][]): string {
    let text = readFileSync(EXAMPLE, "utf8");
    for (const [from, to] of edits) {
        assert.ok(text.includes(from), `the example holds ${JSON.stringify(from)}`);
        text = text.replace(from, to);
    }
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
}

/** The chains of the README's table for the example stack, written out by hand. */
const EXAMPLE_CHAINS = {
    groups: ["contoso.com", "fabrikam.com", "Edge hosts (once per deployment)"],
    edges: [
        "_sip._tls.contoso.com -SRV 443-> sip.contoso.com",
        "sip.contoso.com -A-> 203.0.113.10",
        "sip.contoso.com -A-> 203.0.113.11",
        "_sipfederationtls._tcp.contoso.com -SRV 5061-> sip.contoso.com",
        "_xmpp-server._tcp.contoso.com -SRV 5269-> xmpp.contoso.com",
        "xmpp.contoso.com -A-> 203.0.113.10",
        "xmpp.contoso.com -A-> 203.0.113.11",
        "lyncdiscover.contoso.com -A-> 198.51.100.10",
        "_sipfederationtls._tcp.fabrikam.com -SRV 5061-> sip.fabrikam.com",
        "sip.fabrikam.com -A-> 203.0.113.10",
        "sip.fabrikam.com -A-> 203.0.113.11",
        "av.contoso.com -A-> 203.0.113.30",
        "av.contoso.com -A-> 203.0.113.31",
        "dialin.contoso.com -A-> 198.51.100.10",
        "meet.contoso.com -A-> 198.51.100.10",
        "webcon.contoso.com -A-> 203.0.113.20",
        "webcon.contoso.com -A-> 203.0.113.21",
        "webext.contoso.com -A-> 198.51.100.10",
    ],
};

describe("lync-edge-dns diff and plan --format mermaid", function () {
    this.timeout(120_000);
    let work: string;
    let moved: string;
    let quiet: string;

    before(() => {
        CLI = builtCli();
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-diff-"));
        // A pool member replaced, a simple URL renamed, mobility off (lyncdiscover
        // stays: contoso.com keeps external access, and every client uses it).
        moved = edited(work, "moved.yaml", [
            ["        - 203.0.113.11\n", "        - 203.0.113.12\n"],
            ["          - dialin.contoso.com\n", "          - lync.contoso.com\n"],
            ["        mobility: true\n", "        mobility: false\n"],
        ]);
        // contoso.com stops being discoverable and loses its mobility: the federation SRV goes.
        quiet = edited(work, "Pulumi.prod.yaml", [
            ["        mobility: true\n", "        mobility: false\n        federationDiscovery: false\n"],
            ["    ttl: 3600\n", "    ttl: 300\n"],
        ]);
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    describe("diff", () => {
        it("the same file twice: says so and exits 0", () => {
            assert.deepEqual(cli("diff", "Pulumi.example.yaml", EXAMPLE), {
                status: 0, stdout: "No changes: both files publish the same record sets.\n", stderr: "",
            });
        });

        it("prints what is added, removed and changed, by zone, and exits 3", () => {
            const { status, stdout, stderr } = cli("diff", EXAMPLE, moved);
            assert.equal(stderr, "");
            assert.equal(stdout, [
                "Zone contoso.com (4 changes)",
                "  CHANGE   TYPE  NAME                VALUES",
                "  removed  A     dialin.contoso.com  - 198.51.100.10",
                "  added    A     lync.contoso.com    + 198.51.100.10",
                "  changed  A     sip.contoso.com     - 203.0.113.11",
                "                                     + 203.0.113.12",
                "  changed  A     xmpp.contoso.com    - 203.0.113.11",
                "                                     + 203.0.113.12",
                "",
                "Zone fabrikam.com (1 change)",
                "  CHANGE   TYPE  NAME              VALUES",
                "  changed  A     sip.fabrikam.com  - 203.0.113.11",
                "                                   + 203.0.113.12",
                "",
                "5 record sets change: 1 added, 1 removed, 3 changed.",
                "",
            ].join("\n"));
            assert.equal(status, 3);
        });

        it("warns when a mobility domain loses its federation SRV, and shows TTL changes", () => {
            const { status, stdout } = cli("diff", EXAMPLE, quiet);
            assert.equal(status, 3);
            const lines = stdout.split("\n");
            assert.ok(lines.includes("  removed  SRV   _sipfederationtls._tcp.contoso.com  - 0 0 5061 sip.contoso.com."), stdout);
            assert.ok(lines.includes("  changed  A     sip.contoso.com                     TTL 3600 -> 300"), stdout);
            assert.deepEqual(lines.slice(-6), [
                "Warnings (1)",
                "  - _sipfederationtls._tcp.contoso.com is removed while contoso.com has Lync Mobile users: push",
                "    notifications to their mobile clients stop",
                "",
                "13 record sets change: 0 added, 1 removed, 12 changed; 1 warning.",
                "",
            ]);
        });

        it("keeps every table line within 100 columns, even for long values", () => {
            const many = Array.from({ length: 12 }, (_, i) => `        - 203.0.113.${40 + i}\n`).join("");
            const big = edited(work, "big.yaml", [["        - 203.0.113.11\n", many]]);
            const { status, stdout } = cli("diff", EXAMPLE, big);
            assert.equal(status, 3);
            const long = stdout.split("\n").filter((l) => l.length > 100);
            assert.deepEqual(long, []);
            assert.match(stdout, /^ {2}changed {2}A {5}sip\.contoso\.com +- 203\.0\.113\.11\n {20,}\+ 203\.0\.113\.40, 203\.0\.113\.41, /m);
        });

        it("--format json is exactly the diffPlans result of the two plans", () => {
            const { status, stdout } = cli("diff", EXAMPLE, quiet, "--format", "json");
            assert.equal(status, 3);
            const expected = diffPlans(loadChecked(EXAMPLE).planned, loadChecked(quiet).planned);
            assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(expected)));
            assert.equal(expected.warnings.length, 1);
        });

        it("--format markdown: a heading, the table of changes with before and after, the warnings, and the chains that change", () => {
            const { status, stdout, stderr } = cli("diff", EXAMPLE, moved, "--format", "markdown", "--title", "Pulumi.prod.yaml");
            assert.equal(stderr, "");
            assert.equal(status, 3);
            const [head, fence] = stdout.split("```mermaid\n");
            assert.equal(head, [
                "### Edge DNS changes: `Pulumi.prod.yaml`",
                "",
                "5 record sets change: 1 added, 1 removed, 3 changed.",
                "",
                "| change | zone | type | name | before | after |",
                "|---|---|---|---|---|---|",
                "| removed | contoso.com | A | `dialin.contoso.com` | `198.51.100.10` |  |",
                "| added | contoso.com | A | `lync.contoso.com` |  | `198.51.100.10` |",
                "| changed | contoso.com | A | `sip.contoso.com` | `203.0.113.10, 203.0.113.11` | `203.0.113.10, 203.0.113.12` |",
                "| changed | contoso.com | A | `xmpp.contoso.com` | `203.0.113.10, 203.0.113.11` | `203.0.113.10, 203.0.113.12` |",
                "| changed | fabrikam.com | A | `sip.fabrikam.com` | `203.0.113.10, 203.0.113.11` | `203.0.113.10, 203.0.113.12` |",
                "",
                "Discovery chains that change (green added, red removed, yellow changed):",
                "",
                "",
            ].join("\n"));
            assert.ok(fence.endsWith("\n```\n"), "the diagram's fence is closed");
            const chart = checkFlowchart(fence.slice(0, -"```\n".length));
            // Only the chains through a changed name: not webcon, av, meet or webext, whose records stay.
            assert.deepEqual(chart.edges, [
                "_sip._tls.contoso.com -SRV 443-> sip.contoso.com",
                "sip.contoso.com -A-> 203.0.113.10",
                "sip.contoso.com -A-> 203.0.113.12",
                "_sipfederationtls._tcp.contoso.com -SRV 5061-> sip.contoso.com",
                "_xmpp-server._tcp.contoso.com -SRV 5269-> xmpp.contoso.com",
                "xmpp.contoso.com -A-> 203.0.113.10",
                "xmpp.contoso.com -A-> 203.0.113.12",
                "_sipfederationtls._tcp.fabrikam.com -SRV 5061-> sip.fabrikam.com",
                "sip.fabrikam.com -A-> 203.0.113.10",
                "sip.fabrikam.com -A-> 203.0.113.12",
                "lync.contoso.com -A-> 198.51.100.10",
                "dialin.contoso.com -A-> 198.51.100.10",
            ]);
            assert.deepEqual(Object.fromEntries(chart.classes), {
                added: ["lync.contoso.com"],
                removed: ["dialin.contoso.com"],
                changed: ["sip.contoso.com", "xmpp.contoso.com", "sip.fabrikam.com"],
            });
        });

        it("--format markdown lists the warnings", () => {
            const { stdout } = cli("diff", EXAMPLE, quiet, "--format", "markdown");
            assert.match(stdout, /^### Edge DNS changes: `Pulumi\.prod\.yaml`$/m, "the heading names the after file by default");
            assert.match(stdout, /\n\*\*Warnings \(1\)\*\*\n\n- _sipfederationtls\._tcp\.contoso\.com is removed while contoso\.com has Lync Mobile users: push notifications to their mobile clients stop\n/);
        });

        it("an invalid file: one block naming the file and which side it is, exit 1", () => {
            const bad = join(work, "bad.yaml");
            writeFileSync(bad, "sipDomains: []\nedge:\n  accessEdgeIps: [203.0.113.10]\n");
            const invalid = cli("diff", EXAMPLE, bad);
            assert.deepEqual({ ...invalid, stderr: unwrapped(invalid.stderr) }, {
                status: 1,
                stdout: "",
                stderr: `Invalid lync-edge-dns configuration in ${bad} (the after file) (1 problem):\n  - sipDomains: must list at least one SIP domain\n`,
            });
            const missing = join(work, "missing.yaml");
            const result = cli("diff", missing, EXAMPLE);
            assert.equal(result.status, 1);
            assert.equal(unwrapped(result.stderr), `Cannot read ${missing} (the before file) (1 problem):\n  - missing.yaml: does not exist\n`);
        });

        it("wrong usage: exit 2 with the usage line", () => {
            const one = cli("diff", EXAMPLE);
            assert.equal(one.status, 2);
            assert.equal(one.stderr, [
                "error: missing required argument 'after'",
                "Usage: lync-edge-dns diff <before> <after> [--format table|json|markdown] [--title <text>] [--wide]",
                '(run "lync-edge-dns diff --help" for the options and examples)',
                "",
            ].join("\n"));
            assert.equal(cli("diff", EXAMPLE, EXAMPLE, "--format", "zone").status, 2);
        });

        it("--help documents the exit codes", () => {
            const { status, stdout } = cli("diff", "--help");
            assert.equal(status, 0);
            assert.match(stdout, /^Exit codes: 0 the files publish the same record sets; 3 they differ; 1 a file is invalid;\n2 wrong usage\.$/m);
        });
    });

    describe("plan --format mermaid", () => {
        it("draws exactly the example's chains: SRV to host to addresses, lyncdiscover and the deployment's hosts", () => {
            const { status, stdout, stderr } = cli("plan", "--config", "Pulumi.example.yaml", "--format", "mermaid");
            assert.equal(status, 0);
            assert.match(stderr, /^Warnings \(4\)$/m, "the warnings go to stderr, the diagram alone to stdout");
            const chart = checkFlowchart(stdout);
            assert.deepEqual(chart.groups, EXAMPLE_CHAINS.groups);
            assert.deepEqual(chart.edges, EXAMPLE_CHAINS.edges);
            assert.deepEqual(chart.classes.size, 0);
            const groupOf = (label: string) => [...chart.nodes.values()].filter((n) => n.label === label).map((n) => n.group);
            assert.deepEqual(groupOf("sip.fabrikam.com"), ["fabrikam.com"]);
            assert.deepEqual(groupOf("lyncdiscover.contoso.com"), ["contoso.com"]);
            assert.deepEqual(groupOf("meet.contoso.com"), ["Edge hosts (once per deployment)"]);
            // Addresses end their chains; each group draws its own, so the domains' chains stay apart.
            assert.deepEqual(groupOf("203.0.113.10"), ["contoso.com", "fabrikam.com"]);
            assert.ok([...chart.nodes.values()].every((n) => n.terminal === /^[\d.:]+$/.test(n.label)), "terminal nodes are exactly the addresses");
        });

        it("npm start writes the same flowchart beside the zone files", () => {
            const out = join(work, "start-out");
            const run = spawnSync("npm", ["start", "--silent", "--", "--out", out], { cwd: ROOT, encoding: "utf8" });
            assert.equal(run.status, 0, run.stderr);
            assert.match(run.stdout, new RegExp(`^Discovery chains \\(a Mermaid flowchart; GitHub renders it in a \`\`\`mermaid block\\):\\n {2}${out.replace(/[.]/g, "\\.")}/edge-dns\\.mmd$`, "m"));
            assert.equal(readFileSync(join(out, "edge-dns.mmd"), "utf8"), cli("plan", "--config", "Pulumi.example.yaml", "--format", "mermaid").stdout);
        });
    });

    describe("the chains follow the values, not the names", () => {
        const traced = (name: string, type: string, values: string[], kinds: string[] = ["sipFederation"]): TracedRecordSet => ({
            name, type, ttl: 3600, values, zone: "contoso.com",
            origin: { zone: "contoso.com", name, type, roles: [], sources: [], kinds },
        }) as unknown as TracedRecordSet;

        it("a CNAME to a planned record is an arrow to it; one to a name outside the plan ends the chain", () => {
            const lines = mermaidLines([
                traced("lyncdiscover.contoso.com", "CNAME", ["webdir.online.lync.com."], ["autodiscover"]),
                traced("sip.contoso.com", "CNAME", ["sipdir.online.lync.com."], ["accessEdgeHost"]),
                traced("_sip._tls.contoso.com", "SRV", ["100 1 443 sipdir.online.lync.com."], ["sipExternal"]),
                traced("meet.contoso.com", "CNAME", ["edge-web.contoso.com."], ["reverseProxyHost"]),
                traced("edge-web.contoso.com", "AAAA", ["2001:db8::40"], ["reverseProxyHost"]),
            ], ["contoso.com"]);
            const chart = checkFlowchart(lines.join("\n"));
            assert.deepEqual(chart.edges, [
                "lyncdiscover.contoso.com -CNAME-> webdir.online.lync.com",
                "sip.contoso.com -CNAME-> sipdir.online.lync.com",
                "_sip._tls.contoso.com -SRV 443-> sipdir.online.lync.com",
                "meet.contoso.com -CNAME-> edge-web.contoso.com",
                "edge-web.contoso.com -AAAA-> 2001:db8::40",
            ]);
            const node = (label: string) => [...chart.nodes.values()].find((n) => n.label === label);
            assert.equal(node("sipdir.online.lync.com")?.terminal, true, "an external target is a terminal node");
            assert.equal(node("edge-web.contoso.com")?.terminal, false);
            assert.equal([...chart.nodes.values()].filter((n) => n.label === "sipdir.online.lync.com").length, 1, "one node per external name");
        });

        it("labels never carry a raw quote", () => {
            const lines = mermaidLines([traced('odd"name.contoso.com', "A", ["203.0.113.1"])], ["contoso.com"]);
            assert.ok(lines.includes('        n1["odd#quot;name.contoso.com"]'), lines.join("\n"));
            checkFlowchart(lines.join("\n"));
        });
    });
});
