/**
 * `verify` always ends: GIVEN a server that never answers (all of its
 * names, or every other one), WHEN a plan of a few hundred record sets is
 * verified with a short overall deadline, THEN the run ends, what was
 * answered is reported as found, and every record set not checked by then
 * is `unchecked` — through the engine, and through the built CLI as a
 * process (exit 1, the summary counting them).
 *
 * Only 127.0.0.1 is queried; the servers are stopped by the suites that started them.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planRecords } from "../../components/core/plan/planner";
import type { EdgeDnsConfig } from "../../components/core/config/types";
import type { EdgeDnsPlan } from "../../components/core/plan/model";
import { verifyPlan } from "../../cli/verify/verify";
import { builtCli } from "../helpers/build";
import { recordsFromPlan, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { soakPlan, SOAK_DROP_PATTERN, SOAK_ZONE } from "../helpers/verify-soak";

/** A query timeout far beyond the deadline, so that no dropped query ends as a timeout before it. */
const LONG_TIMEOUT_MS = 10_000;

describe("verify with a deadline, against a server that drops every other name (engine)", function () {
    this.timeout(30_000);
    let server: FaultServer | undefined;
    after(async () => { await server?.close(); });

    it("reports the answered record sets ok and every dropped one unchecked, an SRV whose target is dropped too", async () => {
        const soak = soakPlan(300);
        const srv = { name: `_sip._tls.${SOAK_ZONE}`, type: "SRV" as const, ttl: 60, values: [`0 0 443 h0001.${SOAK_ZONE}.`] };
        const plan: EdgeDnsPlan = { zones: [{ zone: SOAK_ZONE, records: [...soak.zones[0].records, srv] }], warnings: [] };
        server = await startFaultServer({ records: recordsFromPlan(plan), faultPatterns: [{ pattern: SOAK_DROP_PATTERN, fault: "drop" }], recordQueries: false });
        let lastProgress: [number, number] | undefined;
        // Short tries, many of them: a datagram the kernel drops in the burst is asked again well before the
        // deadline, while a dropped name's 20 tries (each at least 250 ms in c-ares) outlast it.
        const report = await verifyPlan(plan, {
            servers: [server.address], timeoutMs: 500, tries: 20, concurrency: 400, deadlineMs: 3000,
            onProgress: (n, total) => { lastProgress = [n, total]; },
        });
        const dropped = soak.zones[0].records.filter((r) => SOAK_DROP_PATTERN.test(r.name)).map((r) => r.name);
        assert.equal(dropped.length, 150);
        assert.deepEqual(Object.fromEntries(Object.entries(report.summary.byStatus).filter(([, n]) => n > 0)), { "ok": 150, "unchecked": 151 });
        assert.deepEqual(report.checks.filter((c) => c.status === "unchecked" && c.type === "A").map((c) => c.name), dropped);
        assert.equal(report.checks.find((c) => c.name === dropped[0])?.detail, "not checked: the deadline of 3 s ran out first");
        const srvCheck = report.checks.find((c) => c.type === "SRV");
        assert.deepEqual([srvCheck?.status, srvCheck?.found, srvCheck?.detail],
            ["unchecked", srv.values, `h0001.${SOAK_ZONE}. CNAME/A/AAAA queries: not made before the deadline`]);
        assert.deepEqual(lastProgress, [301, 301]);
    });
});

describe("verify --deadline against a black-holed server (the built CLI)", function () {
    this.timeout(60_000);
    // 60 SIP domains with mobility: a few hundred record sets.
    const config: EdgeDnsConfig = {
        sipDomains: Array.from({ length: 60 }, (_, i) => ({ name: `domain${String(i + 1).padStart(2, "0")}.example.com`, mobility: true })),
        edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"] } },
    };
    const plan = planRecords(config);
    const total = plan.zones.reduce((n, z) => n + z.records.length, 0);
    let dir = "";
    let server: FaultServer | undefined;

    before(async () => {
        builtCli();
        dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-deadline-"));
        writeFileSync(join(dir, "edge.json"), JSON.stringify(config));
        server = await startFaultServer({ records: recordsFromPlan(plan), faultPatterns: [{ pattern: /./, fault: "drop" }], recordQueries: false });
    });
    after(async () => {
        await server?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    it(`ends, reports all ${total} record sets unchecked and exits 1`, () => {
        assert.ok(total >= 200 && total <= 500, `${total} record sets`);
        const args = ["verify", "--config", join(dir, "edge.json"), "--server", server!.hostAddress, "--timeout", String(LONG_TIMEOUT_MS), "--deadline", "2"];
        // The test's own bound: far beyond the deadline, far below the hours it took without one.
        const { status, stdout, stderr, error } = spawnSync(process.execPath, [builtCli(), ...args], { encoding: "utf8", timeout: 30_000 });
        assert.equal(error, undefined);
        assert.equal(status, 1, stderr);
        assert.match(stdout, new RegExp(`\\n\\n${total} record sets: ${total} unchecked\\n$`));
        // The value wraps at its space to keep the table within 100 columns.
        assert.match(stdout, /^unchecked +SRV +_sip\._tls\.domain01\.example\.com +0 0 443 +-\n +sip\.domain01\.example\.com\.\n +not checked: the deadline of 2 s ran out first$/m);
        assert.equal(stderr, "", "no progress line when stderr is not a terminal");
    });
});
