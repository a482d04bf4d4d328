/**
 * `verify --adopt` against a real BIND. GIVEN a zone made by hand where some
 * record sets match the plan, some differ in value, some in TTL and some are
 * absent, WHEN the built CLI runs `verify --adopt` against it, THEN each
 * record set's line says what adopting it does, the dns.adopt list holds the
 * ones that exist, and the exit code is 1 (not every one matches); against
 * a zone that holds exactly the plan, it is 0.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BindServer } from "../helpers/bind";
import { builtCli } from "../helpers/build";

const CONFIG = [
    "sipDomains:",
    "  - { name: contoso.com, mobility: true }",
    "edge:",
    "  accessEdgeIps: [131.107.155.10, 131.107.155.11]",
    "  reverseProxy: { ips: [131.107.155.40], hosts: [meet.contoso.com, dialin.contoso.com] }",
    "",
].join("\n");

/** The estate as it was made by hand years ago (dialin.contoso.com never was). */
const HAND_MADE = `$ORIGIN contoso.com.
$TTL 3600
@                        3600 IN SOA  ns.contoso.com. hostmaster.contoso.com. 1 3600 600 1209600 300
@                        3600 IN NS   ns.contoso.com.
ns                       3600 IN A    131.107.155.53
_sip._tls                3600 IN SRV  0 0 443 sip.contoso.com.
_sipfederationtls._tcp    300 IN SRV  0 0 5061 sip.contoso.com.
lyncdiscover              600 IN A    131.107.155.99
meet                     3600 IN A    131.107.155.40
sip                      3600 IN A    131.107.155.10
`;

/** The same zone holding exactly the plan. */
const AS_PLANNED = `$ORIGIN contoso.com.
$TTL 3600
@                        3600 IN SOA  ns.contoso.com. hostmaster.contoso.com. 1 3600 600 1209600 300
@                        3600 IN NS   ns.contoso.com.
ns                       3600 IN A    131.107.155.53
_sip._tls                3600 IN SRV  0 0 443 sip.contoso.com.
_sipfederationtls._tcp   3600 IN SRV  0 0 5061 sip.contoso.com.
dialin                   3600 IN A    131.107.155.40
lyncdiscover             3600 IN A    131.107.155.40
meet                     3600 IN A    131.107.155.40
sip                      3600 IN A    131.107.155.10
sip                      3600 IN A    131.107.155.11
`;

describe("verify --adopt against BIND serving a hand-made estate", function () {
    this.timeout(120_000);
    let dir: string;
    let bind: BindServer;
    let cli: string;

    before(async () => {
        cli = builtCli();
        dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-adopt-"));
        writeFileSync(join(dir, "edge.yaml"), CONFIG);
        bind = await BindServer.start([{ zone: "contoso.com", text: HAND_MADE }]);
    });
    after(async () => {
        await bind?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    /** The output with each wrapped item back on one line. */
    function unwrapped(text: string): string {
        // (not the adopt list, whose lines are indented as in a stack file)
        return text.replace(/\n {4}(?=\S)(?!adopt:)/g, " ");
    }

    function adopt(): { status: number | null; stdout: string; stderr: string } {
        return spawnSync(process.execPath, [cli, "verify", "--config", join(dir, "edge.yaml"), "--server", bind.address, "--adopt"], { encoding: "utf8" });
    }

    it("says per record set what adopting it does, lists those that exist, exit 1", () => {
        const result = adopt();
        assert.equal(result.stderr, "");
        // Each item wraps within 100 columns, its continuation lines indented by four.
        assert.deepEqual(result.stdout.split("\n").filter((l) => l.length > 100), []);
        assert.equal(unwrapped(result.stdout), [
            "_sip._tls.contoso.com SRV: exists and matches: adopted as it is",
            "_sipfederationtls._tcp.contoso.com SRV: exists and differs (TTL): adopted, then changed to the plan's values; plan 0 0 5061 sip.contoso.com. (TTL 3600), live 0 0 5061 sip.contoso.com. (TTL 300)",
            "dialin.contoso.com A: absent: will be created (leave it out of dns.adopt)",
            "lyncdiscover.contoso.com A: exists and differs (values, TTL): adopted, then changed to the plan's values; plan 131.107.155.40 (TTL 3600), live 131.107.155.99 (TTL 600)",
            "meet.contoso.com A: exists and matches: adopted as it is",
            "sip.contoso.com A: exists and differs (values): adopted, then changed to the plan's values; plan 131.107.155.10, 131.107.155.11 (TTL 3600), live 131.107.155.10 (TTL 3600)",
            "",
            "6 record sets: 2 exist and match, 3 exist and differ, 1 absent, 0 unknown",
            "",
            "dns.adopt for the record sets that exist (under lync-edge-dns:dns: in a stack file):",
            "    adopt:",
            '      - "_sip._tls.contoso.com SRV"',
            '      - "_sipfederationtls._tcp.contoso.com SRV"',
            '      - "lyncdiscover.contoso.com A"',
            '      - "meet.contoso.com A"',
            '      - "sip.contoso.com A"',
            "",
        ].join("\n"));
        assert.equal(result.status, 1);
    });

    it("exits 0 when every record set exists and matches", async () => {
        await bind.serve([{ zone: "contoso.com", text: AS_PLANNED }]);
        const result = adopt();
        assert.equal(result.status, 0, result.stdout);
        assert.match(result.stdout, /^6 record sets: 6 exist and match, 0 exist and differ, 0 absent, 0 unknown$/m);
    });

    it("a name held by a CNAME where the plan has an A: said on its line, left out of the list, exit 1", async () => {
        // lyncdiscover pointed to Microsoft 365 by hand, as a hybrid estate that half moved would have it.
        await bind.serve([{ zone: "contoso.com", text: AS_PLANNED.replace("lyncdiscover             3600 IN A    131.107.155.40", "lyncdiscover             3600 IN CNAME webdir.online.lync.com.") }]);
        const result = adopt();
        assert.equal(result.status, 1, result.stdout);
        const lines = unwrapped(result.stdout).split("\n");
        assert.ok(lines.includes("lyncdiscover.contoso.com A: the name holds CNAME webdir.online.lync.com instead, which DNS refuses beside an A (RFC 1034 §3.6.2): neither adopted nor created; delete it first (left out of the list)"), result.stdout);
        assert.ok(lines.includes("6 record sets: 5 exist and match, 0 exist and differ, 0 absent, 0 unknown, 1 held by the other type"), result.stdout);
        assert.ok(!lines.includes('      - "lyncdiscover.contoso.com A"'));
    });

    it("a name below a delegation the deployment does not know of: a referral, said as one, never 'absent: will be created'", async () => {
        // eu.contoso.com is delegated to servers of its own; the config puts its records in contoso.com,
        // where pulumi up would create them below the delegation, answered by no one (RFC 1034 §4.2.1).
        await bind.serve([{ zone: "contoso.com", text: `${AS_PLANNED}eu                       3600 IN NS   ns.eu.contoso.com.\nns.eu                    3600 IN A    131.107.155.54\n` }]);
        const config = join(dir, "eu.yaml");
        writeFileSync(config, CONFIG.replace("  - { name: contoso.com, mobility: true }", "  - { name: contoso.com, mobility: true }\n  - { name: eu.contoso.com, zone: contoso.com, externalAccess: false }"));
        const result = spawnSync(process.execPath, [cli, "verify", "--config", config, "--server", bind.address, "--adopt"], { encoding: "utf8" });
        assert.equal(result.status, 1, result.stdout);
        const referral = "a referral to another zone's name servers (the name is below a delegation, NS and no SOA, so its records are that zone's: give the child zone as sipDomains[].zone)";
        const lines = unwrapped(result.stdout).split("\n");
        for (const set of ["_sipfederationtls._tcp.eu.contoso.com SRV", "sip.eu.contoso.com A"]) {
            assert.ok(lines.includes(`${set}: unknown, no answer (${referral} after 1 try): check again before adopting; left out of the list`), result.stdout);
            assert.ok(!lines.includes(`      - "${set}"`));
        }
        assert.doesNotMatch(result.stdout, /eu\.contoso\.com \w+: absent/);
    });

    it("a wildcard's answer is not taken for a record set of its own: left out of the list; another value at the name is the name's", async () => {
        // dialin was never made; a wildcard answers for it (RFC 4592), and an import of dialin.contoso.com A would fail.
        const withWildcard = `${AS_PLANNED.replace("dialin                   3600 IN A    131.107.155.40\n", "")}*                        3600 IN A    131.107.155.40\n`;
        await bind.serve([{ zone: "contoso.com", text: withWildcard.replace("sip                      3600 IN A    131.107.155.11\n", "") }]);
        const result = adopt();
        assert.equal(result.status, 1, result.stdout);
        const lines = unwrapped(result.stdout).split("\n");
        const wildcard = (set: string) => `${set}: found, but a wildcard gives _lync-edge-dns-probe.contoso.com the same (RFC 4592): it may be the wildcard's answer, with no record set of its own to import; left out of the list (add it if the zone holds it)`;
        assert.ok(lines.includes(wildcard("dialin.contoso.com A")), result.stdout);
        // meet and lyncdiscover hold the wildcard's very value: whether they are the zone's own, DNS cannot say.
        assert.ok(lines.includes(wildcard("meet.contoso.com A")), result.stdout);
        // sip holds a value of its own (131.107.155.10 only): the name's own record set, adopted.
        assert.ok(lines.includes('      - "sip.contoso.com A"'), result.stdout);
        assert.ok(!lines.includes('      - "dialin.contoso.com A"'));
        // Plain verify asks nothing about wildcards: the answer is what clients get.
        const plain = spawnSync(process.execPath, [cli, "verify", "--config", join(dir, "edge.yaml"), "--server", bind.address, "--json"], { encoding: "utf8" });
        const dialin = (JSON.parse(plain.stdout) as { checks: { name: string; status: string; wildcard?: unknown }[] }).checks.find((c) => c.name === "dialin.contoso.com");
        assert.deepEqual([dialin?.status, dialin?.wildcard], ["ok", undefined]);
    });

    it("a wildcard CNAME is no CNAME at the name: nothing to delete, and the wildcard's answer is not adopted", async () => {
        const wildcard = `${AS_PLANNED.replace("dialin                   3600 IN A    131.107.155.40\n", "")}*                        3600 IN CNAME www.contoso.com.\nwww                      3600 IN A    131.107.155.80\n`;
        await bind.serve([{ zone: "contoso.com", text: wildcard }]);
        const result = adopt();
        const lines = unwrapped(result.stdout).split("\n");
        assert.ok(lines.includes("dialin.contoso.com A: found, but a wildcard gives _lync-edge-dns-probe.contoso.com the same (RFC 4592): it may be the wildcard's answer, with no record set of its own to import; left out of the list (add it if the zone holds it)"), result.stdout);
        assert.doesNotMatch(result.stdout, /dialin\.contoso\.com A: the name holds CNAME/);
        // A real CNAME at a name still is one, wildcard or not.
        await bind.serve([{ zone: "contoso.com", text: wildcard.replace("lyncdiscover             3600 IN A    131.107.155.40", "lyncdiscover             3600 IN CNAME proxy.contoso.com.\nproxy                    3600 IN A    131.107.155.40") }]);
        assert.ok(unwrapped(adopt().stdout).split("\n").includes("lyncdiscover.contoso.com A: the name holds CNAME proxy.contoso.com instead, which DNS refuses beside an A (RFC 1034 §3.6.2): neither adopted nor created; delete it first (left out of the list)"));
    });

    it("a CNAME whose target in the same zone has the planned addresses is a CNAME still: not adopted, not ok", async () => {
        // BIND answers the A question with the CNAME and its target's A records; the resolver follows them.
        await bind.serve([{ zone: "contoso.com", text: AS_PLANNED.replace("lyncdiscover             3600 IN A    131.107.155.40", "lyncdiscover             3600 IN CNAME proxy.contoso.com.\nproxy                    3600 IN A    131.107.155.40") }]);
        const result = adopt();
        assert.equal(result.status, 1, result.stdout);
        const lines = unwrapped(result.stdout).split("\n");
        assert.ok(lines.includes("lyncdiscover.contoso.com A: the name holds CNAME proxy.contoso.com instead, which DNS refuses beside an A (RFC 1034 §3.6.2): neither adopted nor created; delete it first (left out of the list)"), result.stdout);
        assert.ok(!lines.includes('      - "lyncdiscover.contoso.com A"'));
        const plain = spawnSync(process.execPath, [cli, "verify", "--config", join(dir, "edge.yaml"), "--server", bind.address, "--json"], { encoding: "utf8" });
        const check = (JSON.parse(plain.stdout) as { checks: { name: string; status: string; detail?: string }[] }).checks.find((c) => c.name === "lyncdiscover.contoso.com");
        assert.equal(check?.status, "different");
        assert.equal(check?.detail, "the name holds CNAME proxy.contoso.com (whose target has 131.107.155.40), not an A record: DNS refuses a CNAME beside other data (RFC 1034 §3.6.2), so the planned A cannot be created until the CNAME is deleted");
    });
});
