/**
 * `lync-edge-dns/testing`, as a user's own unit tests call it. GIVEN a
 * program (a function, or a program file with its stack config), WHEN
 * `runProgram` runs it under the SDK's mock engine, THEN it returns the
 * record sets the component would create as the DNS service gets them, the
 * planner's warnings, and a refused deployment's problems as data, each
 * with its path, with nothing created and nothing left to reject later.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LyncEdgeDns, planRecords, toComponentArgs, type EdgeDnsConfig } from "../../components";
import { checkDeployment } from "../../components/core/check";
import { runProgram, type PublishedRecordSet } from "../../components/testing";
import { readStackConfig } from "../../components/testing/stack-file";

const ROOT = join(__dirname, "..", "..");

/** A record set as a row: type, name, TTL and values. */
const row = (r: Pick<PublishedRecordSet, "type" | "name" | "ttl" | "values">) => `${r.type} ${r.name} ${r.ttl} ${r.values.join(",")}`;

describe("lync-edge-dns/testing: runProgram", () => {
    it("returns the record sets of a function program, as Microsoft's DNS summary lists them", async () => {
        const run = await runProgram(() => {
            new LyncEdgeDns("edge", {
                sipDomains: [{ name: "contoso.com", mobility: true, xmpp: true }],
                edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"] } },
                dns: { provider: "route53", hostedZoneIds: { "contoso.com": "Z0123456789ABC" } },
            });
        });
        // Written from the DNS summary (Lync Server 2013) and the Edge's environmental requirements, not from our output.
        assert.deepEqual(run.recordSets.map(row), [
            "SRV _sip._tls.contoso.com 3600 0 0 443 sip.contoso.com.",
            "SRV _sipfederationtls._tcp.contoso.com 3600 0 0 5061 sip.contoso.com.",
            "SRV _xmpp-server._tcp.contoso.com 3600 0 0 5269 xmpp.contoso.com.",
            "A lyncdiscover.contoso.com 3600 131.107.155.40",
            "A sip.contoso.com 3600 131.107.155.10",
            "A xmpp.contoso.com 3600 131.107.155.10",
        ]);
        for (const r of run.recordSets) {
            assert.equal(r.component, "edge");
            assert.equal(r.zone, "contoso.com");
            assert.match(r.resource, /^aws\.route53\.Record edge\/contoso\.com\/\S+ \(zoneId Z0123456789ABC, allowOverwrite false\)$/);
            assert.equal(r.importId, undefined);
        }
        assert.deepEqual(run.errors, []);
        assert.equal(run.error, undefined);
        assert.deepEqual(run.placeholderIds, [], "every zone id was given");
    });

    it("gives the planner's warnings, word for word as the check pipeline gives them", async () => {
        const deployment: EdgeDnsConfig = { sipDomains: [{ name: "contoso.com", mobility: true }], edge: { accessEdgeIps: ["131.107.155.10"] } };
        const run = await runProgram(() => new LyncEdgeDns("edge", toComponentArgs(deployment, { provider: "azure", resourceGroupName: "rg-dns" })));
        const expected = checkDeployment({ config: deployment, dns: { provider: "azure", resourceGroupName: "rg-dns" }, requireDns: true });
        assert.ok(expected.warnings.length >= 1);
        assert.deepEqual(run.warnings, expected.warnings);
        assert.ok(run.recordSets.every((r) => r.resource.startsWith("azure-native.dns.RecordSet ")), run.recordSets.map((r) => r.resource).join("\n"));
    });

    it("returns a refused deployment's problems with their paths, creates nothing, and leaves no rejection behind", async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (reason: unknown) => unhandled.push(reason);
        process.on("unhandledRejection", onUnhandled);
        try {
            const run = await runProgram(() => new LyncEdgeDns("edge", {
                sipDomains: [{ name: "fabrikam..com" }, { name: "contoso.com", xmpp: true }],
                edge: { accessEdgeIps: ["10.0.0.1"] },
                serverVersion: "2019",
                dns: { provider: "route53" },
            }));
            // Let anything the SDK might reject again surface before judging.
            await new Promise((resolve) => setTimeout(resolve, 50));
            assert.deepEqual(run.errors.map((e) => e.path), ["sipDomains[0].name", "sipDomains[1].xmpp", "edge.accessEdgeIps[0]"]);
            assert.ok(run.error && run.error.issues.length === 3 && run.error.message.startsWith("Invalid lync-edge-dns configuration (3 problems):"));
            assert.deepEqual(run.recordSets, []);
            assert.deepEqual(unhandled, []);
        } finally {
            process.off("unhandledRejection", onUnhandled);
        }
    });

    it("throws what is not a configuration mistake, as pulumi up fails on it", async () => {
        await assert.rejects(runProgram(() => { throw new TypeError("a bug in the program"); }), { name: "TypeError", message: "a bug in the program" });
    });

    it("runs a program file, by a path relative to the working directory, with its stack config: the root program agrees with plan", async () => {
        const config = readStackConfig(join(ROOT, "Pulumi.example.yaml"));
        const run = await runProgram(relative(process.cwd(), join(ROOT, "index.ts")), { config, project: "lync-edge-dns", stack: "example" });
        const plan = planRecords(config["lync-edge-dns:deployment"] as EdgeDnsConfig);
        // The plan writes an SRV target with its dot, as Route 53 gets it.
        const planned = plan.zones.flatMap((z) => z.records.map((r) => `${z.zone} ${row(r)}`));
        assert.deepEqual(run.recordSets.map((r) => `${r.zone} ${row(r)}`).sort(), [...planned].sort());
        assert.equal(run.recordSets.length, 13);
        assert.deepEqual(Object.keys(run.stackOutputs).sort(), ["certificateSubjectNames", "federationSrvFqdns", "records"]);
    });

    it("reports a stack the program refuses (a misspelt key of the project) as errors, not a throw", async () => {
        const config = { ...readStackConfig(join(ROOT, "Pulumi.example.yaml")), "lync-edge-dns:deploymnet": "{}" };
        const run = await runProgram(join(ROOT, "index.ts"), { config, project: "lync-edge-dns", stack: "example" });
        assert.deepEqual(run.errors.map((e) => e.path), ['config["lync-edge-dns:deploymnet"]']);
        assert.deepEqual(run.recordSets, []);
    });

    it("keeps each run's config to itself, and lists the record sets of several components by component", async () => {
        const program = () => {
            const domain = new pulumi.Config("infra").require("domain");
            new LyncEdgeDns("b-edge", { sipDomains: [{ name: domain, externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53" } });
            new LyncEdgeDns("a-edge", { sipDomains: [{ name: `fabrikam.${domain.split(".").pop()}`, externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.11"] }, dns: { provider: "route53" } });
        };
        const first = await runProgram(program, { project: "infra", config: { "infra:domain": "contoso.com" } });
        const second = await runProgram(program, { project: "infra", config: { "infra:domain": "contoso.net" } });
        assert.deepEqual(first.recordSets.map((r) => `${r.component} ${row(r)}`), [
            "a-edge SRV _sipfederationtls._tcp.fabrikam.com 3600 0 0 5061 sip.fabrikam.com.",
            "a-edge A sip.fabrikam.com 3600 131.107.155.11",
            "b-edge SRV _sipfederationtls._tcp.contoso.com 3600 0 0 5061 sip.contoso.com.",
            "b-edge A sip.contoso.com 3600 131.107.155.10",
        ]);
        assert.deepEqual(second.recordSets.map((r) => r.name), ["_sipfederationtls._tcp.fabrikam.net", "sip.fabrikam.net", "_sipfederationtls._tcp.contoso.net", "sip.contoso.net"]);
        // Zones looked up by name get ids only Route 53 could give: made up, and said so.
        assert.equal(first.placeholderIds.length, 2);
    });

    it("rejects with the error of an Output that fails, as pulumi up fails on it, and leaves no rejection behind", async () => {
        const failing = () => pulumi.output(Promise.reject(new Error("zone lookup failed")));
        const programs = [
            () => { new aws.route53.Record("r", { zoneId: failing(), name: "sip.contoso.com", type: "A", ttl: 300, records: ["131.107.155.10"] }); },
            () => { new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com" }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53", hostedZoneIds: { "contoso.com": failing() } } }); },
            () => ({ exported: failing() }),
        ];
        for (const program of programs) {
            await assert.rejects(runProgram(program), /zone lookup failed/);
            const late: unknown[] = [];
            const onLate = (reason: unknown) => late.push(reason);
            process.on("unhandledRejection", onLate);
            await new Promise((resolve) => setTimeout(resolve, 50));
            process.off("unhandledRejection", onLate);
            assert.deepEqual(late, []);
        }
        // The runs after a failed one are not held up by it.
        assert.deepEqual((await runProgram(() => new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com", externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53" } }))).recordSets.length, 2);
    });

    it("leaves the process's own Pulumi runtime as it found it: a test file's setMocks and config hold after a run", async () => {
        const seen: string[] = [];
        await pulumi.runtime.setMocks({
            newResource: (args) => { seen.push(args.name); return { id: `own-${args.name}`, state: args.inputs }; },
            call: (args) => args.inputs,
        }, "own-project", "own-stack", false);
        pulumi.runtime.setAllConfig({ "own-project:colour": "blue" });
        const run = await runProgram(() => new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com", externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53" } }), { project: "infra", config: { "infra:colour": "red" } });
        assert.equal(run.recordSets.length, 2);
        assert.deepEqual(seen, [], "the run's resources went to its own mocks");
        assert.equal(pulumi.getProject(), "own-project");
        assert.equal(pulumi.getStack(), "own-stack");
        assert.deepEqual(pulumi.runtime.allConfig(), { "own-project:colour": "blue" });
        const record = new aws.route53.Record("mine", { zoneId: "Z1", name: "sip.contoso.com", type: "A", ttl: 300, records: ["131.107.155.10"] });
        assert.equal(await new Promise((resolve) => record.id.apply(resolve)), "own-mine");
        assert.deepEqual(seen, ["mine"]);
    });

    it("fails a program that logged an error, as pulumi up does, and passes on what is not the SDK's log", async () => {
        await assert.rejects(runProgram(() => { pulumi.log.error("the zone is not delegated"); }), { message: "the program logged an error (pulumi.log.error), which fails pulumi up: the zone is not delegated" });
        const passed: string[] = [];
        const originalWarn = console.warn;
        console.warn = (...parts: unknown[]) => { passed.push(parts.join(" ")); };
        try {
            const run = await runProgram(() => { console.warn("a note of the program's own"); pulumi.log.warn("a Pulumi warning"); });
            assert.deepEqual(run.warnings, ["a Pulumi warning"]);
        } finally {
            console.warn = originalWarn;
        }
        assert.deepEqual(passed, ["a note of the program's own"]);
    });

    it("runs as a preview when asked, as pulumi preview runs a program", async () => {
        const seen: boolean[] = [];
        await runProgram(() => { seen.push(pulumi.runtime.isDryRun()); }, { preview: true });
        await runProgram(() => { seen.push(pulumi.runtime.isDryRun()); });
        assert.deepEqual(seen, [true, false]);
    });

    describe("with a stack file", () => {
        let dir: string;
        before(() => { dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-testing-")); });
        after(() => rmSync(dir, { recursive: true, force: true }));

        it("takes its config, its stack name and the project of the Pulumi.yaml beside it, as pulumi up does", async () => {
            writeFileSync(join(dir, "Pulumi.yaml"), "name: contoso-infra\nruntime: nodejs\n");
            writeFileSync(join(dir, "Pulumi.prod.yaml"), [
                "config:",
                "  aws:region: us-east-1",
                "  contoso-infra:dns: { provider: route53 }",
                "  contoso-infra:deployment:",
                "    sipDomains: [{ name: contoso.com, externalAccess: false }]",
                "    edge: { accessEdgeIps: [131.107.155.10] }",
                "",
            ].join("\n"));
            const run = await runProgram(join(ROOT, "index.ts"), { stackFile: join(dir, "Pulumi.prod.yaml") });
            assert.deepEqual(run.errors, []);
            assert.deepEqual(run.recordSets.map(row), ["SRV _sipfederationtls._tcp.contoso.com 3600 0 0 5061 sip.contoso.com.", "A sip.contoso.com 3600 131.107.155.10"]);
            // The stack's URN names the project and the stack the file gave.
            assert.match(run.resources[0].urn, /^urn:pulumi:prod::contoso-infra::/);
        });

        it("lets config given beside it win over the file's, key by key", async () => {
            const run = await runProgram(join(ROOT, "index.ts"), {
                stackFile: join(ROOT, "Pulumi.example.yaml"),
                config: { "lync-edge-dns:dns": { provider: "azure", resourceGroupName: "rg-dns" } },
            });
            assert.deepEqual(run.errors, []);
            assert.equal(run.recordSets.length, 13);
            assert.ok(run.recordSets.every((r) => r.resource.startsWith("azure-native.dns.RecordSet ")));
        });

        it("runs a program file that exports a function as pulumi up does: called each run, its result the stack outputs", async () => {
            writeFileSync(join(dir, "program.js"), [
                `const { LyncEdgeDns } = require(${JSON.stringify(join(ROOT, "components"))});`,
                "let runs = 0;",
                "module.exports = async () => {",
                "    runs += 1;",
                '    new LyncEdgeDns("edge", { sipDomains: [{ name: `run${runs}.contoso.com`, externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53" } });',
                "    return { runs };",
                "};",
                "",
            ].join("\n"));
            const first = await runProgram(join(dir, "program.js"));
            const second = await runProgram(join(dir, "program.js"));
            assert.deepEqual([first.stackOutputs, second.stackOutputs], [{ runs: 1 }, { runs: 1 }], "loaded afresh, and the function called, each run");
            assert.deepEqual(second.recordSets.map((r) => r.name), ["_sipfederationtls._tcp.run1.contoso.com", "sip.run1.contoso.com"]);
        });

        it("loads a program of several files afresh each run, the files it imports too", async () => {
            writeFileSync(join(dir, "records.js"), [
                `const { LyncEdgeDns } = require(${JSON.stringify(join(ROOT, "components"))});`,
                'new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com", externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53" } });',
                "",
            ].join("\n"));
            writeFileSync(join(dir, "main.js"), 'require("./records");\n');
            const runs = [await runProgram(join(dir, "main.js")), await runProgram(join(dir, "main.js"))];
            assert.deepEqual(runs.map((r) => r.recordSets.length), [2, 2]);
        });

        it("takes the project of the Pulumi.yaml in the working directory when no stack file names one, and refuses a config key without a project", async () => {
            const infra = join(dir, "infra");
            mkdirSync(infra);
            writeFileSync(join(infra, "Pulumi.yaml"), "name: contoso-infra\nruntime: nodejs\n");
            const cwd = process.cwd();
            process.chdir(infra);
            try {
                const seen: string[] = [];
                await runProgram(() => { seen.push(pulumi.getProject(), new pulumi.Config().require("domain")); }, { config: { "contoso-infra:domain": "contoso.com" } });
                assert.deepEqual(seen, ["contoso-infra", "contoso.com"]);
            } finally {
                process.chdir(cwd);
            }
            const bare = await runProgram(() => undefined, { config: { domain: "contoso.com" } });
            assert.deepEqual(bare.errors, [{ path: 'config["domain"]', message: "has no project: a Pulumi config key is <project>:<key>" }]);
        });

        it("reports each secret it cannot read that config does not give, in any key, and a file that is not there, as errors", async () => {
            writeFileSync(join(dir, "Pulumi.secret.yaml"), "config:\n  aws:secretKey:\n    secure: v1:abc\n  lync-edge-dns:dns:\n    provider: azure\n    subscriptionId:\n      secure: v1:def\n");
            const secret = await runProgram(join(ROOT, "index.ts"), { stackFile: join(dir, "Pulumi.secret.yaml") });
            // The program may read any key (requireSecret would get the ciphertext): every secret is said.
            assert.deepEqual(secret.errors.map((e) => e.path), ['config["aws:secretKey"]', 'config["lync-edge-dns:dns"].subscriptionId']);
            const given = await runProgram(join(ROOT, "index.ts"), {
                stackFile: join(dir, "Pulumi.secret.yaml"),
                project: "lync-edge-dns",
                config: { "aws:secretKey": "test", "lync-edge-dns:dns": { provider: "route53" }, "lync-edge-dns:deployment": { sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] } } },
            });
            assert.deepEqual(given.errors, []);
            const missing = await runProgram(join(ROOT, "index.ts"), { stackFile: join(dir, "Pulumi.gone.yaml") });
            assert.equal(missing.errors.length, 1);
            assert.match(missing.error?.message ?? "", /^Cannot read .*Pulumi\.gone\.yaml/);
        });
    });

    it("runs programs started together one after the other, each with its own config", async () => {
        const program = () => new LyncEdgeDns("edge", { sipDomains: [{ name: new pulumi.Config("infra").require("domain"), externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "route53" } });
        const runs = await Promise.all(["contoso.com", "fabrikam.com", "litware.com"].map((domain) => runProgram(program, { project: "infra", config: { "infra:domain": domain } })));
        assert.deepEqual(runs.map((r) => r.recordSets.map((s) => s.name)), [
            ["_sipfederationtls._tcp.contoso.com", "sip.contoso.com"],
            ["_sipfederationtls._tcp.fabrikam.com", "sip.fabrikam.com"],
            ["_sipfederationtls._tcp.litware.com", "sip.litware.com"],
        ]);
    });
});
