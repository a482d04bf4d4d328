/**
 * The root Pulumi program and the offline `npm start`: GIVEN the example
 * stack, WHEN the program runs under the mock engine, THEN it registers the
 * planned records for Route 53 and for Azure DNS, and `npm start` prints them
 * and writes zone files that BIND loads.
 */
import * as aws from "@pulumi/aws";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planRecords } from "../../components";
import { describeRecordResource } from "../../components/testing/describe";
import { runProgramFile, runUnderMocks } from "../../components/testing/engine";
import { readStackConfig } from "../../components/testing/stack-file";
import { checkZone } from "../helpers/tools";

const ROOT = join(__dirname, "..", "..");
const exampleConfig = () => readStackConfig(join(ROOT, "Pulumi.example.yaml"));

function withProvider(provider: string): Record<string, unknown> {
    const config = exampleConfig();
    config["lync-edge-dns:dns"] = { ...(config["lync-edge-dns:dns"] as object), provider };
    return config;
}

describe("the root program with the example stack", () => {
    const plan = planRecords(exampleConfig()["lync-edge-dns:deployment"] as never);
    const planned = plan.zones.flatMap((z) => z.records.map((r) => `${r.type} ${r.name} ${r.ttl} ${r.values.join(",")}`)).sort();

    for (const [provider, type, count] of [["route53", "aws:route53/record:Record", 13], ["azure", "azure-native:dns:RecordSet", 13]] as const) {
        it(`registers the example's ${count} record sets on ${provider}`, async () => {
            const run = await runProgramFile(join(ROOT, "index.ts"), { config: withProvider(provider), stack: "example" });
            const records = run.resources.filter((r) => r.custom);
            assert.ok(records.every((r) => r.type === type), "only the chosen provider's resources");
            assert.equal(records.length, count);
            const registered = records.map(describeRecordResource)
                .map((r) => `${r.type} ${r.name} ${r.ttl} ${r.values.map((v) => (r.type === "SRV" && !v.endsWith(".") ? `${v}.` : v)).join(",")}`)
                .sort();
            assert.deepEqual(registered, planned);
            assert.deepEqual(Object.keys(run.stackOutputs).sort(), ["certificateSubjectNames", "federationSrvFqdns", "records"]);
        });
    }

    it("the example is contoso.com with mobility and XMPP, fabrikam.com with federation only", () => {
        const names = plan.zones.flatMap((z) => z.records.map((r) => `${r.type} ${r.name}`));
        for (const expected of ["SRV _sipfederationtls._tcp.contoso.com", "SRV _xmpp-server._tcp.contoso.com", "A lyncdiscover.contoso.com", "SRV _sipfederationtls._tcp.fabrikam.com"]) {
            assert.ok(names.includes(expected), expected);
        }
        assert.ok(!names.includes("SRV _sip._tls.fabrikam.com"), "fabrikam.com is federation only");
    });
});

describe("the mock engine's Route 53 records", () => {
    it("give the fqdn Route 53 gives: a name relative to its zone completed with the zone, an absolute one as it is, lower case", async () => {
        const run = await runUnderMocks(() => {
            const zone = aws.route53.getZoneOutput({ name: "contoso.com" });
            for (const [logical, name] of [["relative", "sip"], ["absolute", "meet.contoso.com."], ["apex", "contoso.com"], ["other case", "WebCon.Contoso.com"], ["empty", ""]]) {
                new aws.route53.Record(logical as string, { zoneId: zone.zoneId, name: name as string, type: "A", ttl: 300, records: ["131.107.155.10"] });
            }
        });
        const fqdns = Object.fromEntries(run.resources.filter((r) => r.custom).map((r) => [r.name, r.outputs.fqdn]));
        assert.deepEqual(fqdns, { relative: "sip.contoso.com", absolute: "meet.contoso.com", apex: "contoso.com", "other case": "webcon.contoso.com", empty: "contoso.com" });
    });
});

describe("npm start (offline)", function () {
    this.timeout(120_000);
    let out: string;
    beforeEach(() => { out = mkdtempSync(join(tmpdir(), "lync-edge-dns-start-")); });
    afterEach(() => rmSync(out, { recursive: true, force: true }));

    for (const provider of ["route53", "azure"]) {
        it(`prints the ${provider} records by zone and writes zone files that named-checkzone loads`, () => {
            const stdout = execFileSync("npm", ["start", "--silent", "--", "--provider", provider, "--out", out], { cwd: ROOT, encoding: "utf8" });
            assert.match(stdout, new RegExp(`stack example, provider ${provider}`));
            assert.match(stdout, /Zone contoso\.com: 11 record sets/);
            assert.match(stdout, /Zone fabrikam\.com: 2 record sets/);
            assert.match(stdout, /SRV +_sipfederationtls\._tcp\.contoso\.com +3600 +0 0 5061 sip\.contoso\.com/);
            assert.match(stdout, provider === "route53" ? /aws\.route53\.Record edge\/contoso\.com\/sip\/A/ : /azure-native\.dns\.RecordSet edge\/contoso\.com\/sip\/A \(resourceGroupName rg-edge-dns/);
            assert.match(stdout, /^Warnings \(4\)$/m);
            assert.match(stdout, /pulumi up would create 14 resources/);
            for (const zone of ["contoso.com", "fabrikam.com"]) {
                const file = join(out, `${zone}.zone`);
                assert.match(checkZone(zone, file), /OK/);
                assert.match(readFileSync(file, "utf8"), new RegExp(`^\\$ORIGIN ${zone.replace(".", "\\.")}\\.$`, "m"));
            }
        });
    }

    /** Runs `npm start` with these arguments; its exit status, stdout and stderr. */
    function start(...args: string[]): { status: number | null; stdout: string; stderr: string } {
        const run = spawnSync("npm", ["start", "--silent", "--", ...args], { cwd: ROOT, encoding: "utf8" });
        return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    }

    it("with dns.adopt, says which record sets pulumi up would import, and with which import ID", () => {
        const file = join(out, "Pulumi.adopt.yaml");
        writeFileSync(file, [
            "config:",
            "  lync-edge-dns:dns:",
            "    provider: route53",
            "    hostedZoneIds: { contoso.com: Z0CONTOSO }",
            "    adopt: [\"sip.contoso.com A\", \"_sip._tls.contoso.com SRV\"]",
            "  lync-edge-dns:deployment:",
            "    sipDomains: [contoso.com]",
            "    edge: { accessEdgeIps: [131.107.155.10] }",
            "",
        ].join("\n"));
        const { status, stdout, stderr } = start("--config-file", file, "--out", join(out, "zones"));
        assert.equal(status, 0, stderr);
        const flat = stdout.replace(/\s+/g, " ");
        // ZONEID_NAME_TYPE, the import ID of aws.route53.Record; the record set not adopted has none.
        assert.match(flat, /aws\.route53\.Record edge\/contoso\.com\/sip\/A \(zoneId Z0CONTOSO, allowOverwrite false\), import Z0CONTOSO_sip\.contoso\.com_A /);
        assert.match(flat, /aws\.route53\.Record edge\/contoso\.com\/_sip\._tls\/SRV \(zoneId Z0CONTOSO, allowOverwrite false\), import Z0CONTOSO__sip\._tls\.contoso\.com_SRV /);
        assert.match(flat, /aws\.route53\.Record edge\/contoso\.com\/_sipfederationtls\._tcp\/SRV \(zoneId Z0CONTOSO, allowOverwrite false\) A /);
        assert.match(flat, /pulumi up would create 2 resources and import 2 \(dns\.adopt\): 1 LyncEdgeDns and 1 aws:route53\/record:Record created, 2 aws:route53\/record:Record imported\./);
    });

    it("reports a bad stack config as one clear block, without a stack trace, and exits 1", () => {
        // npm start reads Pulumi.NAME.yaml from the project folder only, so the
        // bad stack file goes there for the length of this test.
        const stack = `test-bad-config-${process.pid}`;
        const file = join(ROOT, `Pulumi.${stack}.yaml`);
        writeFileSync(file, [
            "config:",
            "  lync-edge-dns:dns:",
            "    provider: route53",
            "  lync-edge-dns:deployment:",
            "    sipDomains:",
            "      - name: fabrikam..com",
            "        mobilty: true",
            "    edge:",
            "      accessEdgeIps: [131.107.155.10]",
            "    ttl: 0",
            "",
        ].join("\n"));
        try {
            const { status, stdout, stderr } = start("--stack", stack, "--out", out);
            assert.equal(stderr, [
                "Invalid lync-edge-dns configuration (3 problems):",
                "  - sipDomains[0].mobilty: unknown key; did you mean \"mobility\"?",
                "  - ttl: must be a whole number from 1 to 2147483647 (seconds; RFC 2181, and Azure DNS refuses 0),",
                "    got 0",
                "  - sipDomains[0].name: \"fabrikam..com\" is not a valid DNS name: it has an empty label",
                "    (two dots in a row, or a leading dot)",
                "",
            ].join("\n"));
            assert.equal(stdout, "");
            assert.equal(status, 1);
            assert.deepEqual(readdirSync(out), [], "no zone file written");
        } finally {
            rmSync(file, { force: true });
        }
    });

    it("names a missing stack file and how --stack finds one, and exits 1", () => {
        const { status, stdout, stderr } = start("--stack", "does-not-exist", "--out", out);
        assert.equal(stderr, "npm start: no stack file Pulumi.does-not-exist.yaml in the project: --stack NAME reads\n  Pulumi.NAME.yaml (or give --config-file FILE)\n");
        assert.equal(stdout, "");
        assert.equal(status, 1);
    });
});
