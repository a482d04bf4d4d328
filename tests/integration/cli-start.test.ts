/**
 * `npm start` as a user runs it, for its failures and its width: GIVEN a
 * stack file with mistakes or a mistyped option, THEN one block on stderr,
 * no stack trace, exit 1 (input) or 2 (usage, with the usage line); GIVEN
 * the example stack, THEN every line fits 100 columns.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unwrapped } from "../helpers/cli-text";
import { builtCli } from "../helpers/build";

const ROOT = join(__dirname, "..", "..");
const USAGE = "Usage: npm start [-- [--stack NAME | --config-file FILE] [--provider route53|azure] [--out DIR]]";

function npmStart(args: string[], silent = true): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync("npm", ["start", ...(silent ? ["--silent"] : []), "--", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CONFIG_ERROR = [
    "Invalid lync-edge-dns configuration (2 problems):",
    "  - sipDomains[0].mobilty: unknown key; did you mean \"mobility\"?",
    "  - edge.accessEdgeIps[0]: \"10.0.0.1\" is a private address, not a public one; Edge records are",
    "    published in public DNS (set allowPrivateAddresses: true for a lab or internal zone)",
    "",
].join("\n");

describe("npm start: failures and width", function () {
    this.timeout(240_000);
    let work: string;
    let stack: string;
    before(() => {
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-start-"));
        stack = join(work, "Pulumi.typo.yaml");
        writeFileSync(stack, [
            "config:",
            "  lync-edge-dns:deployment:",
            "    sipDomains: [{ name: contoso.com, mobilty: true }]",
            "    edge: { accessEdgeIps: [10.0.0.1] }",
            "  lync-edge-dns:dns: { provider: route53 }",
            "",
        ].join("\n"));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    it("a config mistake is one block on stderr, no stack trace, exit 1", () => {
        const { status, stdout, stderr } = npmStart(["--config-file", stack, "--out", join(work, "out")]);
        assert.equal(status, 1);
        assert.equal(stdout, "");
        assert.equal(stderr, CONFIG_ERROR);
    });

    it("the same without --silent: npm's own lines aside, the block once and no stack trace", () => {
        const { status, stderr } = npmStart(["--config-file", stack, "--out", join(work, "out")], false);
        assert.equal(status, 1);
        assert.equal(stderr.split(CONFIG_ERROR).length, 2, stderr);
        assert.doesNotMatch(stderr, /^\s+at /m);
    });

    it("a mistyped option is a usage error with the usage line, exit 2", () => {
        assert.deepEqual(npmStart(["--stak", "x"]), { status: 2, stdout: "", stderr: `npm start: unknown option '--stak' (did you mean --stack?)\n${USAGE}\n` });
    });

    it("a provider other than route53 or azure is a usage error, exit 2", () => {
        assert.deepEqual(npmStart(["--provider", "gcp"]), { status: 2, stdout: "", stderr: `npm start: --provider "gcp": give route53 or azure\n${USAGE}\n` });
    });

    it("a stack file without the deployment is one block, exit 1", () => {
        const empty = join(work, "Pulumi.empty.yaml");
        writeFileSync(empty, "config: {}\n");
        const { status, stderr } = npmStart(["--config-file", empty, "--out", join(work, "out")]);
        assert.equal(status, 1);
        // The program's own words, as plan says them of the same file (Pulumi's own were "Missing required configuration variable").
        assert.equal(unwrapped(stderr), 'Invalid lync-edge-dns configuration (1 problem):\n  - config["lync-edge-dns:deployment"]: is required: the Edge deployment (sipDomains, edge, ...); set it in the stack file, or with pulumi config set --path lync-edge-dns:deployment.<field> <value>\n');
        assert.doesNotMatch(stderr, /^\s+at /m);
    });

    it("a zone id made up offline is shown as a placeholder, one given in the stack as it is", () => {
        const example = readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8");
        const given = join(work, "Pulumi.zone-id.yaml");
        writeFileSync(given, example.replace("    # hostedZoneIds:\n", "    hostedZoneIds:\n      contoso.com: Z0123456789CONTOSO\n"));
        const { status, stdout: wrapped, stderr } = npmStart(["--config-file", given, "--out", join(work, "out")]);
        assert.equal(status, 0, stderr);
        const stdout = unwrapped(wrapped);
        assert.match(stdout, /^<offline-placeholder>: a hosted zone id made up offline; pulumi up looks the zone up by name/m);
        assert.match(stdout, /aws\.route53\.Record edge\/contoso\.com\/sip\/A \(zoneId Z0123456789CONTOSO, allowOverwrite false\)/);
        assert.match(stdout, /aws\.route53\.Record edge\/fabrikam\.com\/sip\/A \(zoneId <offline-placeholder>, allowOverwrite false\)/);
        // No made-up id passes for a real one.
        assert.deepEqual(stdout.match(/zoneId (?!Z0123456789CONTOSO|<offline-placeholder>)\S+/g), null);
    });

    it("takes the deployment and the DNS target as JSON text, as `pulumi config set` stores them, --provider included", () => {
        const json = join(work, "Pulumi.json-text.yaml");
        writeFileSync(json, [
            "config:",
            "  lync-edge-dns:dns: '{\"provider\":\"route53\",\"resourceGroupName\":\"rg-dns\"}'",
            "  lync-edge-dns:deployment: '{\"sipDomains\":[\"contoso.com\"],\"edge\":{\"accessEdgeIps\":[\"131.107.155.10\"]}}'",
            "",
        ].join("\n"));
        const { status, stdout, stderr } = npmStart(["--config-file", json, "--provider", "azure", "--out", join(work, "out-json")]);
        assert.equal(status, 0, stderr);
        assert.match(stdout, /stack json-text, provider azure/);
        assert.match(stdout, /azure-native\.dns\.RecordSet edge\/contoso\.com\/sip\/A \(resourceGroupName rg-dns/);
        assert.match(readFileSync(join(work, "out-json", "edge-dns.mmd"), "utf8"), /contoso\.com/);
    });

    it("a value Pulumi config cannot hold (a YAML alias inside its own anchor, .nan) is one block naming where, exit 1", () => {
        const odd = join(work, "Pulumi.odd.yaml");
        writeFileSync(odd, [
            "config:",
            "  lync-edge-dns:dns: { provider: route53 }",
            "  lync-edge-dns:deployment:",
            "    sipDomains: &loop [contoso.com, *loop]",
            "    edge: { accessEdgeIps: [131.107.155.10] }",
            "    ttl: .nan",
            "",
        ].join("\n"));
        const { status, stdout, stderr } = npmStart(["--config-file", odd, "--out", join(work, "out")]);
        assert.equal(status, 1);
        assert.equal(stdout, "");
        assert.equal(unwrapped(stderr).replaceAll(odd, "Pulumi.odd.yaml"), [
            "Cannot read Pulumi.odd.yaml (1 problem):",
            '  - config["lync-edge-dns:deployment"].sipDomains[1]: contains itself (a YAML alias inside its own anchor), which a Pulumi config value cannot: config is JSON',
            "",
        ].join("\n"));
    });

    it("the example on Azure (its longest resource lines) fits 100 columns, resources on lines of their own", () => {
        const { status, stdout, stderr } = npmStart(["--provider", "azure", "--out", join(work, "out")]);
        assert.equal(status, 0, stderr);
        assert.deepEqual(stdout.split("\n").filter((l) => l.length > 100), []);
        assert.match(stdout, /^ {2}SRV +_sip\._tls\.contoso\.com +3600 +0 0 443 sip\.contoso\.com\n {8}azure-native\.dns\.RecordSet edge\/contoso\.com\/_sip\._tls\/SRV \(resourceGroupName rg-edge-dns,\n {10}zoneName contoso\.com, relativeRecordSetName _sip\._tls\)$/m);
        assert.match(stdout, /^Certificate subject names \(4\)\n {2}sip\.contoso\.com\n {2}sip\.fabrikam\.com\n {2}webcon\.contoso\.com\n {2}xmpp\.contoso\.com\n/m);
        // The warnings block plan prints for the same stack, word for word.
        const plan = spawnSync(process.execPath, [builtCli(), "plan", "--config", join(ROOT, "Pulumi.example.yaml")], { cwd: ROOT, encoding: "utf8" });
        const block = /^Warnings \(\d+\)\n(?: {2}.*\n)+/m.exec(plan.stdout)?.[0];
        assert.ok(block, plan.stdout);
        assert.ok(stdout.includes(block), `npm start's warnings differ from plan's:\n${stdout}`);
    });
});
