/**
 * The policy pack over a whole stack, and the component's own guard.
 * GIVEN the root program run under the mock engine (plus, in some cases, a
 * hand-written record beside the component), WHEN every registered resource
 * goes to the pack as CrossGuard would pass it, THEN the example passes and
 * each broken stack reports the right violation.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as route53 from "@pulumi/aws/route53";
import { ConfigError, LyncEdgeDns } from "../../components";
import { toComponentArgs } from "../../components/core/config/from-file";
import { loadProgramFile, runUnderMocks } from "../../components/testing/engine";
import { readStackConfig } from "../../components/testing/stack-file";
import { validConfig } from "../helpers/configs";
import { atPreview, describe as describeResult, packResources, runPack } from "../helpers/stack";

const ROOT = join(__dirname, "..", "..");
const config = () => readStackConfig(join(ROOT, "Pulumi.example.yaml"));
const runExample = (extra?: () => void) => runUnderMocks(() => {
    loadProgramFile(join(ROOT, "index.ts"));
    extra?.();
}, { config: config(), stack: "example" });

describe("policy pack over the example stack", () => {
    it("passes the example stack", async () => {
        const run = await runExample();
        const resources = packResources(run);
        assert.ok(resources.some((r) => r.type === "lync-edge-dns:index:LyncEdgeDns" && (r.props.mobilityDomains as string[]).includes("contoso.com")));
        const result = runPack(resources);
        assert.deepEqual(result.violations, [], describeResult(result));
        assert.deepEqual(result.deferred, []);
    });

    it("passes the example stack at preview, where every record's fqdn is unknown, judging it all", async () => {
        const result = runPack(atPreview(packResources(await runExample())));
        assert.deepEqual(result.violations, [], describeResult(result));
        assert.deepEqual(result.deferred, []);
    });

    it("hands every record to the pack with its parent, the component", async () => {
        const run = await runExample();
        const component = run.resources.find((r) => r.type === "lync-edge-dns:index:LyncEdgeDns");
        const records = packResources(run).filter((r) => r.type === "aws:route53/record:Record");
        assert.equal(records.length, 13);
        for (const r of records) assert.equal(r.parent, component?.urn);
    });

    it("reports a hand-written duplicate federation SRV beside the component, naming both URNs", async () => {
        const run = await runExample(() => {
            new route53.Record("manual-federation-srv", {
                zoneId: "Z0123456789", name: "_sipfederationtls._tcp.contoso.com", type: "SRV", ttl: 300,
                records: ["0 0 5061 sip.contoso.com."],
            });
        });
        const resources = packResources(run);
        const componentSrv = resources.find((r) => r.name === "edge/contoso.com/_sipfederationtls._tcp/SRV");
        const manual = resources.find((r) => r.name === "manual-federation-srv");
        // At update, and already at preview (fqdn unknown, the name input known).
        for (const stack of [resources, atPreview(resources)]) {
            const result = runPack(stack);
            assert.deepEqual(result.violations.map((v) => [v.policy, v.level, v.message]), [[
                "lync-mobility-federation-srv", "mandatory",
                `contoso.com has mobility and 2 _sipfederationtls._tcp.contoso.com SRV record sets; exactly one is allowed: ${[componentSrv?.urn, manual?.urn].sort().join(", ")}`,
            ]], describeResult(result));
        }
    });

    it("accepts the private addresses a component with allowPrivateAddresses publishes, as the component did, and no other", async () => {
        const lab = { sipDomains: [{ name: "lab.contoso.com", mobility: true }], edge: { accessEdgeIps: ["10.0.0.10", "fd00::10"], reverseProxy: { ips: ["192.168.1.40"] } }, allowPrivateAddresses: true };
        const run = await runUnderMocks(() => {
            new LyncEdgeDns("lab", toComponentArgs(lab as never, { provider: "route53" }));
            // Made by hand beside it: an SRV whose target holds a private address the component never published.
            new route53.Record("manual-xmpp-srv", { zoneId: "Z1", name: "_xmpp-server._tcp.lab.contoso.com", type: "SRV", ttl: 300, records: ["0 0 5269 chat.lab.contoso.com."] });
            new route53.Record("manual-chat", { zoneId: "Z1", name: "chat.lab.contoso.com", type: "A", ttl: 300, records: ["10.0.0.99"] });
        });
        const resources = packResources(run);
        for (const stack of [resources, atPreview(resources)]) {
            const result = runPack(stack);
            const found = result.violations.filter((v) => v.policy === "lync-public-addresses").map((v) => v.message);
            assert.deepEqual(found, [`chat.lab.contoso.com A holds non-public address 10.0.0.99 (private); federation partners and remote clients cannot reach it (set allowPrivateAddresses for a lab or internal zone): ${resources.find((r) => r.name === "manual-chat")?.urn}`], describeResult(result));
        }
    });

    it("reports a mobility domain from the pack config whose SRV is missing", async () => {
        const run = await runExample();
        const result = runPack(packResources(run), { "lync-mobility-federation-srv": { mobilityDomains: ["litware.com"] } });
        assert.deepEqual(result.violations.map((v) => [v.policy, v.message]), [[
            "lync-mobility-federation-srv",
            "litware.com has mobility but no _sipfederationtls._tcp.litware.com SRV record set: push notifications to Lync Mobile clients cannot reach the domain. Publish exactly one (LyncEdgeDns does when mobility is true).",
        ]], describeResult(result));
    });

    it("with the README's pack config (examples/policy-config.json), reports its mobility domain without an SRV", async () => {
        const packConfig = JSON.parse(readFileSync(join(ROOT, "examples", "policy-config.json"), "utf8"));
        const result = runPack(packResources(await runExample()), packConfig);
        assert.deepEqual(result.violations.map((v) => v.message.split(":")[0]), ["litware.com has mobility but no _sipfederationtls._tcp.litware.com SRV record set"]);
    });

    it("passes the example on Azure DNS too", async () => {
        const azure = config();
        azure["lync-edge-dns:dns"] = { provider: "azure", resourceGroupName: "rg" };
        const run = await runUnderMocks(() => loadProgramFile(join(ROOT, "index.ts")), { config: azure, stack: "example" });
        const result = runPack(packResources(run));
        assert.deepEqual(result.violations, [], describeResult(result));
    });
});

describe("the component's own guard", () => {
    it("refuses a second LyncEdgeDns that would publish the same federation SRV, naming both", async () => {
        let error: unknown;
        try {
            await runUnderMocks(() => {
                new LyncEdgeDns("edge-eu", toComponentArgs(validConfig(), { provider: "route53" }));
                new LyncEdgeDns("edge-us", toComponentArgs({ sipDomains: [{ name: "contoso.com", mobility: true }], edge: { accessEdgeIps: ["131.107.155.10", "131.107.155.11"] } }, { provider: "route53" }));
            });
        } catch (e) {
            error = e;
        }
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, /^LyncEdgeDns "edge-us" would publish SIP domains or record sets another LyncEdgeDns already publishes/);
        assert.equal(error.issues.find((i) => i.path === "sipDomains[0]")?.message, 'contoso.com is already a SIP domain of LyncEdgeDns "edge-eu"; LyncEdgeDns "edge-us" would declare it again. One SIP domain has one owner: where its users are, its mobility and its records are decided in one place, so remove it from one of them');
        const fed = error.issues.find((i) => i.path === "_sipfederationtls._tcp.contoso.com");
        assert.equal(fed?.message, `_sipfederationtls._tcp.contoso.com SRV is already published by LyncEdgeDns "edge-eu"; LyncEdgeDns "edge-us" would publish it again. One record set has one owner: remove the domain from one of them (a mobility domain needs exactly one federation SRV)`);
    });

    it("refuses a second LyncEdgeDns that declares a domain of the first, though their record sets do not meet", async () => {
        // Online in one, on premises without federation discovery or external access in the other:
        // no record set in common, but the pack would judge contoso.com by whichever came last.
        let error: unknown;
        try {
            await runUnderMocks(() => {
                new LyncEdgeDns("edge-a", toComponentArgs({ sipDomains: [{ name: "contoso.com", hosting: "online" }] } as never, { provider: "route53" }));
                new LyncEdgeDns("edge-b", toComponentArgs({ sipDomains: [{ name: "Contoso.com", federationDiscovery: false, externalAccess: false }, "fabrikam.com"], edge: { accessEdgeIps: ["131.107.155.10"] } } as never, { provider: "route53" }));
            });
        } catch (e) {
            error = e;
        }
        assert.ok(error instanceof ConfigError, String(error));
        assert.deepEqual(error.issues.map((i) => i.path), ["sipDomains[0]"]);
        assert.match(error.issues[0]?.message ?? "", /^contoso\.com is already a SIP domain of LyncEdgeDns "edge-a"; LyncEdgeDns "edge-b" would declare it again/);
    });

    it("lets two instances with different domains live side by side", async () => {
        const run = await runUnderMocks(() => {
            new LyncEdgeDns("edge-a", toComponentArgs({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] } }, { provider: "route53" }));
            new LyncEdgeDns("edge-b", toComponentArgs({ sipDomains: ["fabrikam.com"], edge: { accessEdgeIps: ["131.107.155.10"] } }, { provider: "route53" }));
        });
        assert.equal(run.resources.filter((r) => r.type === "lync-edge-dns:index:LyncEdgeDns").length, 2);
    });

    it("starts each program with an empty registry", async () => {
        for (let i = 0; i < 2; i++) {
            const run = await runUnderMocks(() => new LyncEdgeDns("edge", toComponentArgs(validConfig(), { provider: "route53" })));
            assert.equal(run.resources.length, 12);
        }
    });

    it("refuses the same domain given twice in one instance", async () => {
        const config = validConfig();
        config.sipDomains.push({ name: "Contoso.com" });
        let error: unknown;
        try {
            await runUnderMocks(() => new LyncEdgeDns("edge", toComponentArgs(config, { provider: "route53" })));
        } catch (e) {
            error = e;
        }
        assert.ok(error instanceof ConfigError);
        assert.match(error.issues[0].message, /"Contoso\.com" is given twice \(also at sipDomains\[0\]\.name\)/);
    });
});
