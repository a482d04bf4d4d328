/**
 * The entry points agree. GIVEN inputs on which the component, the CLI and
 * the planner used to disagree (each a report from a user), WHEN they go
 * through the one check pipeline, THEN every entry point judges them the
 * same way, and the records land where resolvers find them.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, LyncEdgeDns, diffPlans, planDeployment, planRecords, type EdgeDnsConfig, type LyncEdgeDnsArgs } from "../../components";
import { runProgramFile, runUnderMocks } from "../../components/testing/engine";
import { verifyPlan } from "../../cli/verify/verify";
import { BindServer, zoneTexts } from "../helpers/bind";
import { builtCli } from "../helpers/build";
import { unwrapped } from "../helpers/cli-text";

const ROOT = join(__dirname, "..", "..");
const EDGE = { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"] } };

/** Registered resources of the last mock run, read from the mock monitor after the SDK's queue drained. */
async function registeredCount(): Promise<number> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> }).waitForRPCs();
    const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
    return [...monitor.getRegisteredResources().keys()].filter((urn) => !urn.includes("pulumi:pulumi:Stack")).length;
}

/** The component's refusal, and how many resources were registered. */
async function componentRefusal(args: unknown): Promise<{ error: unknown; registered: number }> {
    try {
        await runUnderMocks(() => new LyncEdgeDns("edge", args as LyncEdgeDnsArgs));
    } catch (error) {
        return { error, registered: await registeredCount() };
    }
    return { error: undefined, registered: await registeredCount() };
}

function issuesOf(error: unknown): string[] {
    assert.ok(ConfigError.isInstance(error), `a ConfigError, got ${String(error)}`);
    return error.issues.map((i) => `${i.path}: ${i.message}`);
}

/** Writes a stack file and runs the built CLI's plan on it. */
function planStackFile(config: unknown, dns: unknown): { status: number | null; stdout: string; stderr: string } {
    const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-stack-"));
    try {
        const file = join(dir, "Pulumi.prod.yaml");
        writeFileSync(file, JSON.stringify({ config: { "lync-edge-dns:deployment": config, "lync-edge-dns:dns": dns } }));
        const result = spawnSync(process.execPath, [builtCli(), "plan", "--config", file, "--format", "json"], { cwd: ROOT, encoding: "utf8" });
        return { status: result.status, stdout: result.stdout, stderr: result.stderr.replaceAll(file, "Pulumi.prod.yaml") };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe("records below a delegation: every name in the most specific zone", function () {
    this.timeout(60_000);
    // sip.contoso.com is a SIP domain, and so a zone, of its own: the parent
    // contoso.com delegates it, and a resolver asks the child for every name
    // at or below sip.contoso.com (RFC 1034 §4.2.1).
    const config: EdgeDnsConfig = {
        sipDomains: [{ name: "contoso.com", mobility: true, xmpp: true }, "sip.contoso.com", "xmpp.contoso.com", "lyncdiscover.contoso.com"],
        edge: EDGE,
    };

    it("places contoso.com's sip, xmpp and lyncdiscover hosts in their own zones, at the apex", () => {
        const zoneOf = new Map(planRecords(config).zones.flatMap((z) => z.records.map((r) => [`${r.name} ${r.type}`, z.zone] as const)));
        // Written by hand: the host of each name is the zone of the same name.
        assert.equal(zoneOf.get("sip.contoso.com A"), "sip.contoso.com");
        assert.equal(zoneOf.get("xmpp.contoso.com A"), "xmpp.contoso.com");
        assert.equal(zoneOf.get("lyncdiscover.contoso.com A"), "lyncdiscover.contoso.com");
        assert.equal(zoneOf.get("_sipfederationtls._tcp.contoso.com SRV"), "contoso.com");
        assert.equal(zoneOf.get("_xmpp-server._tcp.contoso.com SRV"), "contoso.com");
        assert.equal(zoneOf.get("sip.sip.contoso.com A"), "sip.contoso.com");
        for (const { zone, records } of planRecords(config).zones) {
            for (const r of records) assert.ok(r.name === zone || r.name.endsWith(`.${zone}`), `${r.name} inside ${zone}`);
        }
    });

    it("is answered by BIND serving the plan: verify finds every record set", async () => {
        const plan = planRecords(config);
        const bind = await BindServer.start(zoneTexts(plan));
        try {
            const report = await verifyPlan(plan, { servers: [bind.address] });
            assert.deepEqual(report.checks.filter((c) => c.status !== "ok").map((c) => `${c.name} ${c.type} ${c.status}`), []);
        } finally {
            await bind.stop();
        }
    });
});

describe("plan on a stack file checks lync-edge-dns:dns as the program does", function () {
    this.timeout(120_000);
    const deployment = { sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] } };

    it("refuses a misspelt provider, exit 1, and so does the component", async () => {
        const cli = planStackFile(deployment, { provider: "route-53" });
        assert.equal(cli.status, 1);
        assert.equal(cli.stdout, "");
        assert.equal(cli.stderr, 'Invalid lync-edge-dns configuration (1 problem):\n  - dns.provider: must be one of "route53", "azure", got "route-53"; did you mean "route53"?\n');
        const { error, registered } = await componentRefusal({ ...deployment, sipDomains: [{ name: "contoso.com" }], dns: { provider: "route-53" } });
        assert.deepEqual(issuesOf(error), ['dns.provider: must be one of "route53", "azure", got "route-53"; did you mean "route53"?']);
        assert.equal(registered, 0);
    });

    it("refuses a hostedZoneIds key for a zone the deployment does not have", () => {
        const cli = planStackFile(deployment, { provider: "route53", hostedZoneIds: { "fabrikam.com": "Z0FABRIKAM" } });
        assert.equal(cli.status, 1);
        assert.equal(cli.stderr, 'Invalid lync-edge-dns configuration (1 problem):\n  - dns.hostedZoneIds["fabrikam.com"]: "fabrikam.com" is not a zone of this deployment (contoso.com)\n');
    });

    it("refuses more than 20 values in one Azure record set, naming the config path", () => {
        const ips = Array.from({ length: 21 }, (_, i) => `131.107.155.${i + 10}`);
        const cli = planStackFile({ ...deployment, edge: { accessEdgeIps: ips } }, { provider: "azure", resourceGroupName: "rg-dns" });
        assert.equal(cli.status, 1);
        assert.equal(cli.stderr, "Invalid lync-edge-dns configuration (1 problem):\n  - edge.accessEdgeIps: sip.contoso.com A would hold 21 values; Azure DNS allows at most 20 in one\n    record set\n");
        assert.equal(planStackFile({ ...deployment, edge: { accessEdgeIps: ips } }, { provider: "route53" }).status, 0, "Route 53 takes 400");
    });

    it("refuses an unknown key in the dns block (hostedZoneId, singular) in both places", async () => {
        const cli = planStackFile(deployment, { provider: "route53", hostedZoneId: { "contoso.com": "Z0CONTOSO" } });
        assert.equal(cli.status, 1);
        assert.equal(cli.stderr, 'Invalid lync-edge-dns configuration (1 problem):\n  - dns.hostedZoneId: unknown key; did you mean "hostedZoneIds"?\n');
        const { error, registered } = await componentRefusal({ sipDomains: [{ name: "contoso.com" }], edge: deployment.edge, dns: { provider: "route53", hostedZoneId: {} } });
        assert.deepEqual(issuesOf(error), ['dns.hostedZoneId: unknown key; did you mean "hostedZoneIds"?']);
        assert.equal(registered, 0);
    });

    it("refuses two spellings of one zone in a zone map instead of letting the last win", () => {
        const cli = planStackFile(deployment, { provider: "azure", zoneResourceGroups: { "contoso.com": "rg-a", "Contoso.com.": "rg-b" } });
        assert.equal(cli.status, 1);
        assert.equal(cli.stderr, 'Invalid lync-edge-dns configuration (1 problem):\n  - dns.zoneResourceGroups["Contoso.com."]: names the zone contoso.com again (also "contoso.com");\n    give each zone once\n');
    });

    it("reads IDN zone keys as the plan names the zone", async () => {
        const run = await runUnderMocks(() => new LyncEdgeDns("edge", {
            sipDomains: [{ name: "bücher.de" }], edge: deployment.edge, dns: { provider: "route53", hostedZoneIds: { "Bücher.de": "Z0BUECHER" } },
        }));
        const records = run.resources.filter((r) => r.custom);
        assert.ok(records.length > 0);
        for (const r of records) assert.equal(r.inputs.zoneId, "Z0BUECHER", String(r.inputs.name));
        assert.ok(records.every((r) => String(r.inputs.name).endsWith("xn--bcher-kva.de")));
    });
});

describe("the component refuses before it registers anything", function () {
    this.timeout(60_000);

    it("args that contain themselves are a ConfigError naming where, not a RangeError", async () => {
        const edge: Record<string, unknown> = { accessEdgeIps: ["131.107.155.10"] };
        edge.self = edge;
        const { error, registered } = await componentRefusal({ sipDomains: [{ name: "contoso.com" }], edge, dns: { provider: "route53" } });
        assert.deepEqual(issuesOf(error), ["edge.self: contains itself (a circular reference); give plain data"]);
        assert.equal(registered, 0);
    });

    it("a missing provider package is reported before the component is registered", () => {
        // A child process in which @pulumi/azure-native cannot be found, as in an install without the optional peer.
        const script = `
            const Module = require("node:module");
            const load = Module._load;
            Module._load = function (request, ...rest) {
                if (request.startsWith("@pulumi/azure-native")) { const e = new Error("Cannot find module '" + request + "'"); e.code = "MODULE_NOT_FOUND"; throw e; }
                return load.call(this, request, ...rest);
            };
            const pulumi = require("@pulumi/pulumi");
            const { runUnderMocks } = require("./components/testing/engine");
            const { LyncEdgeDns } = require("./components");
            // A stack transformation sees each resource as it is constructed,
            // synchronously, before any registration reaches the engine.
            const constructed = [];
            runUnderMocks(() => {
                pulumi.runtime.registerStackTransformation((args) => { constructed.push(args.type); return undefined; });
                return new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com" }], edge: { accessEdgeIps: ["131.107.155.10"] }, dns: { provider: "azure", resourceGroupName: "rg" } });
            }).then(() => console.log("created"), (error) => console.log(JSON.stringify({ message: error.message, constructed })));`;
        const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: ROOT, encoding: "utf8" });
        assert.deepEqual(JSON.parse(result.stdout), {
            message: 'Invalid lync-edge-dns configuration (1 problem):\n  - dns.provider: "azure" needs the @pulumi/azure-native package, which is not installed: run npm install @pulumi/azure-native@^3',
            constructed: [],
        });
    });
});

describe("the pure entry", () => {
    it("lync-edge-dns/core gives planRecords and loads no @pulumi module", () => {
        const script = "const core = require('./components/core'); core.planRecords({ sipDomains: ['contoso.com'], edge: { accessEdgeIps: ['131.107.155.10'] } }); console.log(Object.keys(require.cache).filter((k) => k.includes('@pulumi')).length)";
        const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: ROOT, encoding: "utf8" });
        assert.equal(result.stderr, "");
        assert.equal(result.stdout.trim(), "0");
    });
});

describe("names and addresses as the plan writes them", () => {
    it("diffPlans reads mobilityDomains as IDN, without regard to case", () => {
        const before = planDeployment({ sipDomains: ["bücher.de"], edge: EDGE });
        const after = planDeployment({ sipDomains: [{ name: "bücher.de", federationDiscovery: false }], edge: EDGE });
        assert.deepEqual(diffPlans(before.plan, after.plan, { mobilityDomains: ["Bücher.DE."] }).warnings, [
            "_sipfederationtls._tcp.xn--bcher-kva.de is removed while xn--bcher-kva.de has Lync Mobile users: push notifications to their mobile clients stop",
        ]);
    });

    it("refuses IPv6 outside global unicast 2000::/3 as not public", () => {
        for (const ip of ["4000::1", "::a00:1"]) {
            assert.throws(() => planRecords({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: [ip] } }), (error: unknown) => {
                assert.deepEqual(issuesOf(error), [`edge.accessEdgeIps[0]: "${ip}" is a reserved (IANA special-purpose, or for IPv6 outside global unicast 2000::/3) address, not a public one; Edge records are published in public DNS (set allowPrivateAddresses: true for a lab or internal zone)`]);
                return true;
            });
        }
        assert.doesNotThrow(() => planRecords({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["2001:4860::10"] } }));
    });
});

describe("a stack file read as the program reads it", function () {
    this.timeout(60_000);

    function planRaw(yaml: string): { status: number | null; stderr: string } {
        const dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-stack-"));
        try {
            const file = join(dir, "Pulumi.prod.yaml");
            writeFileSync(file, yaml);
            const result = spawnSync(process.execPath, [builtCli(), "plan", "--config", file, "--format", "json"], { cwd: ROOT, encoding: "utf8" });
            return { status: result.status, stderr: result.stderr.replaceAll(file, "Pulumi.prod.yaml") };
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }

    it("takes a deployment stored as a JSON string, as `pulumi config set` stores it and requireObject reads it", () => {
        const json = JSON.stringify({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] } });
        assert.equal(planRaw(`config:\n  lync-edge-dns:dns:\n    provider: route53\n  lync-edge-dns:deployment: '${json}'\n`).status, 0);
    });

    it("refuses a key of the project the program never reads (an adopt list pasted one level out), naming the key", () => {
        const result = planRaw("config:\n  lync-edge-dns:dns:\n    provider: route53\n  lync-edge-dns:adopt: [\"sip.contoso.com A\"]\n  lync-edge-dns:deployment:\n    sipDomains: [contoso.com]\n    edge: { accessEdgeIps: [131.107.155.10] }\n");
        assert.equal(result.status, 1);
        assert.equal(unwrapped(result.stderr), 'Invalid lync-edge-dns configuration (1 problem):\n  - config["lync-edge-dns:adopt"]: unknown key; adopt is a field of lync-edge-dns:dns: give it inside that value (pulumi config set --path lync-edge-dns:dns.adopt <value>)\n');
    });

    it("names a bare-string SIP domain's mistake at the same path in the CLI and in the root program (pulumi up, npm start)", async () => {
        const stack = "config:\n  lync-edge-dns:dns:\n    provider: route53\n  lync-edge-dns:deployment:\n    sipDomains: [contoso.com, fabrikam..com]\n    edge: { accessEdgeIps: [131.107.155.10] }\n";
        const expected = ['sipDomains[1]: "fabrikam..com" is not a valid DNS name: it has an empty label (two dots in a row, or a leading dot)'];
        const cli = planRaw(stack);
        assert.equal(cli.status, 1);
        assert.equal(unwrapped(cli.stderr), `Invalid lync-edge-dns configuration (1 problem):\n  - ${expected[0]}\n`);
        const config = { "lync-edge-dns:dns": { provider: "route53" }, "lync-edge-dns:deployment": { sipDomains: ["contoso.com", "fabrikam..com"], edge: { accessEdgeIps: ["131.107.155.10"] } } };
        const error = await runProgramFile(join(ROOT, "index.ts"), { config, stack: "prod" }).then(() => undefined, (e: unknown) => e);
        assert.deepEqual(issuesOf(error), expected);
    });

    it("reports the DNS target's mistakes beside the deployment's, all at once, here and in the component", async () => {
        const result = planRaw("config:\n  lync-edge-dns:dns:\n    provider: route54\n  lync-edge-dns:deployment:\n    sipDomains: [{ name: contoso.com, mobilty: true }]\n    edge: { accessEdgeIps: [203.0.113.300] }\n");
        const expected = [
            'sipDomains[0].mobilty: unknown key; did you mean "mobility"?',
            'edge.accessEdgeIps[0]: "203.0.113.300" is not a valid IP address: it is not an IPv4 address (four decimal numbers 0-255) or an IPv6 address',
            'dns.provider: must be one of "route53", "azure", got "route54"; did you mean "route53"?',
        ];
        assert.equal(result.status, 1);
        // The CLI wraps each problem within 100 columns; the component's issues are one line each.
        assert.equal(unwrapped(result.stderr), `Invalid lync-edge-dns configuration (3 problems):\n${expected.map((e) => `  - ${e}\n`).join("")}`);
        const { error, registered } = await componentRefusal({ sipDomains: [{ name: "contoso.com", mobilty: true }], edge: { accessEdgeIps: ["203.0.113.300"] }, dns: { provider: "route54" } });
        assert.deepEqual(issuesOf(error), expected);
        assert.equal(registered, 0);
    });
});
