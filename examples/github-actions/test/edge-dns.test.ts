/**
 * Unit tests of the infra repo's program, offline: lync-edge-dns/testing
 * runs it under the Pulumi SDK's mock engine (no Pulumi CLI, no cloud
 * account) with a stack file's config, and gives back what it would
 * publish. Run from the repo's root with mocha, e.g. `npx mocha -r
 * ts-node/register test/*.test.ts` (or on the compiled JavaScript).
 */
import * as assert from "node:assert/strict";
import { runProgram } from "lync-edge-dns/testing";

/** The program file, loaded afresh for each run as `pulumi up` starts it. */
const program = require.resolve("../index");

describe("the prod stack", () => {
    it("publishes each SIP domain's SRV records to its own sip host, and nothing is refused", async () => {
        const run = await runProgram(program, { stackFile: "Pulumi.prod.yaml" });
        assert.deepEqual(run.errors, []);
        const srv = run.recordSets.filter((r) => r.type === "SRV").map((r) => `${r.name} ${r.values.join(" ")}`);
        assert.deepEqual(srv, [
            "_sip._tls.contoso.com 0 0 443 sip.contoso.com.",
            "_sipfederationtls._tcp.contoso.com 0 0 5061 sip.contoso.com.",
            "_sip._tls.fabrikam.com 0 0 443 sip.fabrikam.com.",
            "_sipfederationtls._tcp.fabrikam.com 0 0 5061 sip.fabrikam.com.",
        ]);
    });

    it("refuses a private Access Edge address before anything is created, saying where", async () => {
        const run = await runProgram(program, {
            stackFile: "Pulumi.prod.yaml",
            config: { "lync-edge-dns:deployment": { sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["10.0.0.10"] } } },
        });
        assert.deepEqual(run.errors.map((e) => e.path), ["edge.accessEdgeIps[0]"]);
        assert.deepEqual(run.recordSets, []);
    });
});
