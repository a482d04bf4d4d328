/**
 * `verify`, the live-DNS check of a plan: GIVEN zones served by a real BIND
 * or by a fault server that misbehaves on purpose, WHEN the plan is verified
 * against it, THEN each record set gets exactly the status DNS earns it, a
 * resolver failure is never taken for a missing record, and nothing crashes.
 *
 * Every server here listens on 127.0.0.1 at a high port and is stopped by
 * the test that started it; no query leaves the machine.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { planRecords } from "../../components/core/plan/planner";
import type { EdgeDnsConfig } from "../../components/core/config/types";
import type { EdgeDnsPlan } from "../../components/core/plan/model";
import {
    formatReport, formatSummary, parseServer, resolveServers, verifyPlan,
    VerifyOptionError, type RecordCheck, type VerifyReport, type VerifyStatus,
} from "../../cli/verify/verify";
import { compareValues, normalizeValue } from "../../cli/verify/compare";
import { limiter } from "../../cli/verify/limit";
import { srvDomain } from "../../cli/verify/srv";
import { BindServer, zoneTexts, type ZoneText } from "../helpers/bind";
import { recordsFromPlan, startFaultServer, type Fault, type FaultRecord, type FaultServer, type FaultServerOptions } from "../helpers/fault-server";
import { goldenCases } from "../helpers/golden";
import { validConfig } from "../helpers/configs";

const ROOT = join(__dirname, "..", "..");

function goldenExamplePlan(): EdgeDnsPlan {
    const example = goldenCases().find((c) => c.name === "example");
    if (!example) throw new Error("tests/golden/example.yaml is missing");
    return planRecords(example.config as EdgeDnsConfig);
}

/** The check of `name` `type`; fails the test when there is none. */
function check(report: VerifyReport, name: string, type: string): RecordCheck {
    const found = report.checks.find((c) => c.name === name && c.type === type);
    assert.ok(found, `no check for ${name} ${type}`);
    return found;
}

/** `"TYPE name"` of every check whose status is not ok, with the status. */
function problems(report: VerifyReport): Record<string, VerifyStatus> {
    return Object.fromEntries(report.checks.filter((c) => c.status !== "ok").map((c) => [`${c.type} ${c.name}`, c.status]));
}

/** `zones` with one zone's master file lines changed by `edit`. */
function editZone(zones: readonly ZoneText[], zone: string, edit: (lines: string[]) => string[]): ZoneText[] {
    return zones.map((z) => (z.zone === zone ? { zone, text: edit(z.text.split("\n")).join("\n") } : z));
}

/** Matches the master file line of `name` `type` with `value` (any value when omitted). */
function recordLine(name: string, type: string, value = ""): RegExp {
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`^${escape(name)}\\.\\s+\\d+\\s+IN\\s+${type}\\s+${escape(value)}`);
}

describe("verify against BIND serving the golden example", function () {
    const plan = goldenExamplePlan();
    const zones = zoneTexts(plan);
    const total = plan.zones.reduce((n, z) => n + z.records.length, 0);
    let bind: BindServer | undefined;
    let changed = false;

    before(async () => { bind = await BindServer.start(zones); });
    after(async () => { await bind?.stop(); });
    // A test that served other zones puts the plan's zones back for the next one.
    afterEach(async () => {
        if (changed && bind) await bind.serve(zones);
        changed = false;
    });

    async function serve(edited: ZoneText[]): Promise<void> {
        changed = true;
        await bind?.serve(edited);
    }

    it(`reports all ${total} record sets ok when DNS holds exactly the plan`, async () => {
        const report = await verifyPlan(plan, { servers: [bind!.address] });
        assert.equal(report.checks.length, total);
        assert.deepEqual(problems(report), {});
        assert.deepEqual(report.summary, { total, ok: total, problems: 0, byStatus: { ...zeroCounts(), ok: total } });
        assert.deepEqual(report.servers, [bind!.address]);
        const sip = check(report, "_sipfederationtls._tcp.contoso.com", "SRV");
        assert.deepEqual(sip.targets, [{ target: "sip.contoso.com", status: "ok", addresses: ["203.0.113.10", "203.0.113.11"] }]);
        assert.match(formatReport(report), new RegExp(`\\n${total} record sets: ${total} ok\\n$`));
    });

    it("reports a removed record as missing and a changed value as different, with expected and found, and nothing else", async () => {
        let edited = editZone(zones, "fabrikam.com", (lines) => lines.filter((l) => !recordLine("sip.fabrikam.com", "A").test(l)));
        edited = editZone(edited, "contoso.com", (lines) => lines.map((l) =>
            (recordLine("webcon.contoso.com", "A", "203.0.113.21").test(l) ? l.replace("203.0.113.21", "203.0.113.99") : l)));
        await serve(edited);

        const report = await verifyPlan(plan, { servers: [bind!.address] });
        assert.deepEqual(problems(report), {
            "A sip.fabrikam.com": "missing",
            "A webcon.contoso.com": "different",
            // The federation SRV of fabrikam.com now points to a host without addresses.
            "SRV _sipfederationtls._tcp.fabrikam.com": "srv-target-no-address",
        });
        const sip = check(report, "sip.fabrikam.com", "A");
        assert.deepEqual([sip.expected, sip.found], [["203.0.113.10", "203.0.113.11"], []]);
        assert.match(sip.detail ?? "", /NXDOMAIN/);
        const webcon = check(report, "webcon.contoso.com", "A");
        assert.deepEqual([webcon.expected, webcon.found], [["203.0.113.20", "203.0.113.21"], ["203.0.113.20", "203.0.113.99"]]);
        assert.equal(webcon.detail, "not in DNS: 203.0.113.21; not in the plan: 203.0.113.99");
        assert.match(check(report, "_sipfederationtls._tcp.fabrikam.com", "SRV").detail ?? "", /sip\.fabrikam\.com\. has no A or AAAA record/);

        const text = formatReport(report);
        // Within 100 columns: the values wrap at spaces, the found ones shown where they differ.
        assert.deepEqual(text.split("\n").filter((l) => l.length > 100), []);
        assert.match(text, /^different +A +webcon\.contoso\.com +203\.0\.113\.20, +203\.0\.113\.20,\n +203\.0\.113\.21 +203\.0\.113\.99$/m);
        assert.match(text, /^missing +A +sip\.fabrikam\.com +203\.0\.113\.10, +-\n +203\.0\.113\.11$/m);
        assert.match(text, new RegExp(`\\n${total} record sets: ${total - 3} ok, 1 missing, 1 different, 1 srv-target-no-address\\n$`));
    });

    it("reports a TTL other than planned as ttl-different, with both TTLs, for A and SRV alike; wrong values still come first", async () => {
        const edited = editZone(zones, "contoso.com", (lines) => lines.map((l) => {
            if (recordLine("meet.contoso.com", "A").test(l)) return l.replace(/\s3600\s/, " 300 ");
            if (recordLine("_sip._tls.contoso.com", "SRV").test(l)) return l.replace(/\s3600\s/, " 600 ");
            if (recordLine("webcon.contoso.com", "A").test(l)) return l.replace(/\s3600\s/, " 60 ").replace("203.0.113.21", "203.0.113.99");
            return l;
        }));
        await serve(edited);
        const report = await verifyPlan(plan, { servers: [bind!.address] });
        assert.deepEqual(problems(report), {
            "A meet.contoso.com": "ttl-different",
            "SRV _sip._tls.contoso.com": "ttl-different",
            "A webcon.contoso.com": "different",
        });
        const meet = check(report, "meet.contoso.com", "A");
        assert.deepEqual([meet.expectedTtl, meet.foundTtl, meet.detail], [3600, 300, "TTL 300, planned 3600"]);
        const sip = check(report, "_sip._tls.contoso.com", "SRV");
        assert.deepEqual([sip.expectedTtl, sip.foundTtl, sip.detail], [3600, 600, "TTL 600, planned 3600"]);
        assert.equal(check(report, "webcon.contoso.com", "A").detail, "not in DNS: 203.0.113.21; not in the plan: 203.0.113.99; TTL 60, planned 3600");
        assert.equal(check(report, "sip.contoso.com", "A").foundTtl, 3600);
        const text = formatReport(report);
        assert.match(text, /^ttl-different +A +meet\.contoso\.com +198\.51\.100\.10 +same\n +TTL 300, planned 3600$/m);
        assert.match(text, new RegExp(`\\n${total} record sets: ${total - 3} ok, 1 different, 2 ttl-different\\n$`));
    });

    it("takes a server by host name, localhost:PORT, resolved once to its address", async () => {
        const report = await verifyPlan(plan, { servers: [`localhost:${bind!.port}`] });
        assert.deepEqual(problems(report), {});
        assert.deepEqual(report.servers, [bind!.address]);
    });

    it("reports a value beyond the plan as extra", async () => {
        await serve(editZone(zones, "contoso.com", (lines) => [...lines.slice(0, -1), "sip.contoso.com. 3600 IN A 203.0.113.12", ""]));
        const report = await verifyPlan(plan, { servers: [bind!.address] });
        assert.deepEqual(problems(report), { "A sip.contoso.com": "extra" });
        const sip = check(report, "sip.contoso.com", "A");
        assert.deepEqual(sip.found, ["203.0.113.10", "203.0.113.11", "203.0.113.12"]);
        assert.equal(sip.detail, "not in the plan: 203.0.113.12");
    });
});

describe("verify against BIND serving 100 SIP domains", function () {
    // 100 domains in 100 zones, dual-stack Access Edge: 575 record sets.
    const config: EdgeDnsConfig = {
        sipDomains: Array.from({ length: 100 }, (_, i) => ({
            name: `domain${String(i + 1).padStart(3, "0")}.example.com`,
            mobility: true,
            xmpp: i % 4 === 0,
        })),
        edge: {
            accessEdgeIps: ["203.0.113.10", "203.0.113.11", "2001:db8::10"],
            reverseProxy: { ips: ["198.51.100.10"] },
        },
    };
    const plan = planRecords(config);
    const total = plan.zones.reduce((n, z) => n + z.records.length, 0);
    let bind: BindServer | undefined;

    before(async () => { bind = await BindServer.start(zoneTexts(plan)); });
    after(async () => { await bind?.stop(); });

    it(`checks all ${total} record sets of 100 zones, every one ok, in parallel`, async () => {
        assert.ok(total >= 400 && total <= 600, `${total} record sets`);
        const report = await verifyPlan(plan, { servers: [bind!.address] });
        console.log(`      verify: ${total} record sets of 100 SIP domains against BIND in ${report.elapsedMs} ms`);
        assert.deepEqual(problems(report), {});
        assert.equal(report.summary.ok, total);
        assert.ok(report.checks.some((c) => c.type === "AAAA" && c.found[0] === "2001:db8::10"), "AAAA records are checked too");
        assert.ok(report.elapsedMs < 20_000, `sanity bound only: took ${report.elapsedMs} ms`);
    });
});

describe("verify against a misbehaving server", function () {
    const plan = planRecords(validConfig());
    const records = recordsFromPlan(plan);
    const fast = { timeoutMs: 250 };
    let server: FaultServer | undefined;

    afterEach(async () => {
        await server?.close();
        server = undefined;
    });

    async function verifyWith(options: FaultServerOptions, against: EdgeDnsPlan = plan): Promise<VerifyReport> {
        server = await startFaultServer(options);
        return verifyPlan(against, { ...fast, servers: [server.address] });
    }

    it("reports the plan ok when the server answers correctly (the baseline for every fault below)", async () => {
        const report = await verifyWith({ records });
        assert.deepEqual(problems(report), {});
    });

    it("a dropped query is a resolver error, 'timeout after 2 tries', asked exactly twice; never missing", async () => {
        const report = await verifyWith({ records, faults: { "meet.contoso.com": "drop", "sip.fabrikam.com": "drop" } });
        assert.deepEqual(problems(report), {
            "A meet.contoso.com": "resolver-error",
            "A sip.fabrikam.com": "resolver-error",
            // Its SRV value is as planned, but its target could not be followed: the check is incomplete.
            "SRV _sipfederationtls._tcp.fabrikam.com": "resolver-error",
        });
        const meet = check(report, "meet.contoso.com", "A");
        assert.equal(meet.detail, "timeout after 2 tries");
        assert.deepEqual(meet.found, []);
        assert.equal(server!.queriesFor("meet.contoso.com").length, 2, "one try and exactly one retry");
        const srv = check(report, "_sipfederationtls._tcp.fabrikam.com", "SRV");
        assert.deepEqual(srv.found, srv.expected);
        assert.match(srv.detail ?? "", /^sip\.fabrikam\.com\. CNAME\/A\/AAAA queries: timeout after 2 tries$/);
        for (const type of ["A", "AAAA", "CNAME"]) {
            assert.equal(server!.queriesFor("sip.fabrikam.com").filter((q) => q.type === type).length, 2, `${type}: asked once per check, tried twice`);
        }
    });

    it("SERVFAIL and REFUSED are resolver errors of their own, retried once", async () => {
        const report = await verifyWith({ records, faults: { "lyncdiscover.contoso.com": "servfail", "av.contoso.com": "refused" } });
        assert.deepEqual(problems(report), { "A lyncdiscover.contoso.com": "resolver-error", "A av.contoso.com": "resolver-error" });
        assert.equal(check(report, "lyncdiscover.contoso.com", "A").detail, "SERVFAIL after 2 tries");
        assert.equal(check(report, "av.contoso.com", "A").detail, "refused after 2 tries");
        assert.equal(server!.queriesFor("lyncdiscover.contoso.com").length, 2);
        assert.equal(server!.queriesFor("av.contoso.com").length, 2);
    });

    it("NXDOMAIN and NODATA are missing, asked once (a definite answer is not retried)", async () => {
        const withAaaa: EdgeDnsPlan = {
            zones: [{ zone: "contoso.com", records: [{ name: "sip.contoso.com", type: "AAAA", ttl: 3600, values: ["2001:db8::10"] }] }],
            warnings: [],
        };
        const report = await verifyWith({ records, faults: { "webcon.contoso.com": "nxdomain" } });
        assert.deepEqual(problems(report), { "A webcon.contoso.com": "missing" });
        assert.match(check(report, "webcon.contoso.com", "A").detail ?? "", /^NXDOMAIN/);
        // Once through the resolver, once more to read the RCODE; never retried.
        assert.equal(server!.queriesFor("webcon.contoso.com").length, 2);

        const nodata = await verifyPlan(withAaaa, { ...fast, servers: [server!.address] });
        assert.equal(nodata.checks[0].status, "missing");
        assert.equal(nodata.checks[0].detail, "NODATA (the name exists without an AAAA record)");
    });

    it("a truncated UDP answer is asked again over TCP, and the TCP answer is what gets checked", async () => {
        const wrong = records.map((r) => (r.name === "meet.contoso.com" ? { ...r, value: "198.51.100.77" } : r));
        const report = await verifyWith({ records: wrong, faults: { "sip.contoso.com": "truncate", "meet.contoso.com": "truncate" } });
        // sip.contoso.com holds the planned values over TCP: ok, not the empty truncated answer.
        assert.equal(check(report, "sip.contoso.com", "A").status, "ok");
        assert.deepEqual(check(report, "sip.contoso.com", "A").found, ["131.107.155.10", "131.107.155.11"]);
        // meet.contoso.com holds another value over TCP: different, with the TCP value shown.
        assert.deepEqual(check(report, "meet.contoso.com", "A").found, ["198.51.100.77"]);
        assert.deepEqual(problems(report), { "A meet.contoso.com": "different" });
        assert.ok(server!.queriesFor("sip.contoso.com", "tcp").length > 0, "the resolver fell back to TCP");
    });

    it("a truncated UDP answer with TCP closed is a resolver error, neither ok nor missing", async () => {
        const report = await verifyWith({ records, faults: { "meet.contoso.com": "truncate-no-tcp" } });
        assert.deepEqual(problems(report), { "A meet.contoso.com": "resolver-error" });
        assert.equal(check(report, "meet.contoso.com", "A").detail, "connection refused or closed after 2 tries");
        assert.ok(server!.queriesFor("meet.contoso.com", "tcp").length > 0);
    });

    it("every other RCODE, BADVERS, a truncated TCP answer and one cut short are resolver errors with the code, never missing", async () => {
        const expected: Record<string, string> = {
            formerr: "FORMERR (the server could not read the query) after 2 tries",
            notimp: "NOTIMP (the server does not implement the query) after 2 tries",
            yxdomain: "YXDOMAIN (RCODE 6: a name exists that should not) after 2 tries",
            yxrrset: "YXRRSET (RCODE 7: an RRset exists that should not) after 2 tries",
            nxrrset: "NXRRSET (RCODE 8: an RRset that should exist does not) after 2 tries",
            notauth: "NOTAUTH (RCODE 9: the server is not authoritative for the zone) after 2 tries",
            notzone: "NOTZONE (RCODE 10: the name is not in the zone) after 2 tries",
            badvers: "BADVERS (RCODE 16: EDNS version not supported) after 2 tries",
            "truncate-tcp": "malformed response (truncated answer over TCP) after 2 tries",
            "tcp-cut": "connection refused or closed after 2 tries",
        };
        // A TCP answer cut short: node's resolver (c-ares 1.34.5 and .6, in Node 24.9 and 20) reports the
        // closed connection, c-ares 1.34.8 (Node 22.23) waits on it until the timeout. Either is a resolver
        // error with node's own reason, never missing.
        const alsoFromNode: Record<string, string> = { "tcp-cut": "timeout after 2 tries" };
        const zone = "faults.contoso.com";
        // One server per fault: c-ares shares one TCP connection per server, and `tcp-cut` closing it would fail the others' queries too.
        for (const [fault, detail] of Object.entries(expected)) {
            const faulty: EdgeDnsPlan = {
                zones: [{
                    zone,
                    records: [
                        { name: `${fault}.${zone}`, type: "A", ttl: 3600, values: ["131.107.155.10"] },
                        { name: `_sip._tls.${fault}.${zone}`, type: "SRV", ttl: 3600, values: [`0 0 443 ${fault}.${zone}.`] },
                    ],
                }],
                warnings: [],
            };
            const faults = { [`${fault}.${zone}`]: fault as Fault, [`_sip._tls.${fault}.${zone}`]: fault as Fault };
            const report = await verifyWith({ records: recordsFromPlan(faulty), faults }, faulty);
            await server?.close();
            server = undefined;
            const a = check(report, `${fault}.${zone}`, "A");
            const srv = check(report, `_sip._tls.${fault}.${zone}`, "SRV");
            assert.deepEqual([a.status, a.detail === alsoFromNode[fault] ? detail : a.detail, a.found], ["resolver-error", detail, []], `${fault}, A`);
            assert.deepEqual([srv.status, srv.detail === alsoFromNode[fault] ? detail : srv.detail, srv.found], ["resolver-error", detail, []], `${fault}, SRV`);
        }
    });

    it("an SRV target that is a CNAME is srv-target-cname, even when the SRV value is as planned", async () => {
        const aliased: FaultRecord[] = [
            ...records.filter((r) => r.name !== "xmpp.contoso.com"),
            { name: "xmpp.contoso.com", type: "CNAME", value: "sip.contoso.com." },
        ];
        const report = await verifyWith({ records: aliased });
        const xmpp = check(report, "_xmpp-server._tcp.contoso.com", "SRV");
        assert.equal(xmpp.status, "srv-target-cname");
        assert.deepEqual(xmpp.found, xmpp.expected);
        assert.deepEqual(xmpp.targets, [{
            target: "xmpp.contoso.com", status: "srv-target-cname", cname: "sip.contoso.com", addresses: ["131.107.155.10", "131.107.155.11"],
            detail: "xmpp.contoso.com. is a CNAME to sip.contoso.com. (RFC 2782: an SRV target must not be an alias)",
        }]);
        // And the planned A record set is not there: the name holds the CNAME (RFC 1034 §3.6.2: nothing beside it).
        assert.deepEqual(problems(report), { "A xmpp.contoso.com": "different", "SRV _xmpp-server._tcp.contoso.com": "srv-target-cname" });
        assert.deepEqual(check(report, "xmpp.contoso.com", "A").conflict, { type: "CNAME", values: ["sip.contoso.com"] });
    });

    it("an SRV target in another SIP domain is srv-target-outside-domain", async () => {
        const crossed = records.map((r) => (r.name === "_sipfederationtls._tcp.fabrikam.com" ? { ...r, value: "0 0 5061 sip.contoso.com." } : r));
        const report = await verifyWith({ records: crossed });
        assert.deepEqual(problems(report), { "SRV _sipfederationtls._tcp.fabrikam.com": "srv-target-outside-domain" });
        const srv = check(report, "_sipfederationtls._tcp.fabrikam.com", "SRV");
        assert.deepEqual([srv.expected, srv.found], [["0 0 5061 sip.fabrikam.com."], ["0 0 5061 sip.contoso.com."]]);
        assert.match(srv.detail ?? "", /sip\.contoso\.com\. is outside fabrikam\.com/);
        assert.match(srv.detail ?? "", /not in DNS: 0 0 5061 sip\.fabrikam\.com\./);
    });

    it("an SRV target without address records is srv-target-no-address, and so is the root target \".\"", async () => {
        const report = await verifyWith({ records: records.filter((r) => r.name !== "xmpp.contoso.com") });
        assert.deepEqual(problems(report), {
            "SRV _xmpp-server._tcp.contoso.com": "srv-target-no-address",
            "A xmpp.contoso.com": "missing",
        });
        await server?.close();

        // RFC 2782: a target of "." means the service is not offered at all.
        const unavailable = records.map((r) => (r.name === "_sip._tls.contoso.com" ? { ...r, value: "0 0 0 ." } : r));
        const root = await verifyWith({ records: unavailable });
        assert.deepEqual(problems(root), { "SRV _sip._tls.contoso.com": "srv-target-no-address" });
        const sip = check(root, "_sip._tls.contoso.com", "SRV");
        assert.deepEqual(sip.found, ["0 0 0 ."]);
        assert.match(sip.detail ?? "", /the target is "\."/);
    });

    it("every fault at once: each reported as its own kind, none ok, nothing thrown", async () => {
        const broken: FaultRecord[] = [
            ...records.filter((r) => r.name !== "xmpp.contoso.com" && r.name !== "_sipfederationtls._tcp.fabrikam.com"),
            { name: "xmpp.contoso.com", type: "CNAME", value: "edge.example.net." },
            { name: "edge.example.net", type: "A", value: "131.107.155.10" },
            { name: "_sipfederationtls._tcp.fabrikam.com", type: "SRV", value: "0 0 5061 SIP.Contoso.COM." },
        ];
        const faults = {
            "meet.contoso.com": "drop", "lyncdiscover.contoso.com": "servfail", "av.contoso.com": "refused",
            "webcon.contoso.com": "nxdomain", "sip.fabrikam.com": "truncate-no-tcp",
        } as const;
        const report = await verifyWith({ records: broken, faults });
        assert.deepEqual(problems(report), {
            "A meet.contoso.com": "resolver-error",
            "A lyncdiscover.contoso.com": "resolver-error",
            "A av.contoso.com": "resolver-error",
            "A webcon.contoso.com": "missing",
            "A sip.fabrikam.com": "resolver-error",
            "A xmpp.contoso.com": "different",
            "SRV _xmpp-server._tcp.contoso.com": "srv-target-cname",
            "SRV _sipfederationtls._tcp.fabrikam.com": "srv-target-outside-domain",
        });
        assert.equal(formatSummary(report.summary), "11 record sets: 3 ok, 1 missing, 1 different, 1 srv-target-cname, 1 srv-target-outside-domain, 4 resolver-error");
        assert.ok(formatReport(report).endsWith(`${formatSummary(report.summary)}\n`));
    });
});

describe("verify's parts", () => {
    it("normalizes values before comparing: IPv6 per RFC 5952, SRV targets lower case with a trailing dot", () => {
        assert.equal(normalizeValue("AAAA", "2001:DB8:0:0:0:0:0:10"), "2001:db8::10");
        assert.equal(normalizeValue("AAAA", "2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
        assert.equal(normalizeValue("SRV", "0  0 5061 SIP.Contoso.com"), "0 0 5061 sip.contoso.com.");
        assert.equal(normalizeValue("A", " 203.0.113.10 "), "203.0.113.10");
        assert.equal(normalizeValue("CNAME", "Edge.Example.NET."), "edge.example.net");
    });

    it("compares as sets: ok, extra (a strict superset), different, missing", () => {
        assert.equal(compareValues(["a", "b"], ["b", "a"]).status, "ok");
        assert.equal(compareValues(["a"], ["a", "b"]).status, "extra");
        assert.deepEqual(compareValues(["a", "b"], ["a", "c"]), { status: "different", notFound: ["b"], notPlanned: ["c"] });
        assert.equal(compareValues(["a"], []).status, "missing");
    });

    it("takes the SIP domain of an SRV record from its name", () => {
        assert.equal(srvDomain("_sipfederationtls._tcp.contoso.com"), "contoso.com");
        assert.equal(srvDomain("_sip._tls.eu.contoso.com"), "eu.contoso.com");
    });

    it("accepts IPv4[:PORT], host names with or without a port, [IPv6]:PORT and bare IPv6 servers, and refuses bad ports and non-names", () => {
        assert.deepEqual(parseServer("127.0.0.1"), { host: "127.0.0.1", kind: "ip" });
        assert.deepEqual(parseServer("127.0.0.1:5353"), { host: "127.0.0.1", kind: "ip", port: 5353 });
        assert.deepEqual(parseServer("[::1]:5353"), { host: "::1", kind: "ip", port: 5353 });
        assert.deepEqual(parseServer("[2001:DB8:0::53]:53"), { host: "2001:db8::53", kind: "ip", port: 53 });
        assert.deepEqual(parseServer("2001:db8::53"), { host: "2001:db8::53", kind: "ip" });
        assert.deepEqual(parseServer("NS1.Example.NET."), { host: "ns1.example.net", kind: "name" });
        assert.deepEqual(parseServer("ns1.example.net:5353"), { host: "ns1.example.net", kind: "name", port: 5353 });
        assert.deepEqual(parseServer("localhost"), { host: "localhost", kind: "name" });
        for (const bad of ["127.0.0.1:0", "127.0.0.1:70000", "[::1]:x", "[nope]:53", "1.2.3:53", "", "ns1.example.net:53:53", "ns_1.example.net", "-ns.example.net", "a..b"]) {
            assert.throws(() => parseServer(bad), VerifyOptionError, bad);
        }
    });

    it("resolves a host name once to all its addresses, each with the port given, and refuses one that does not resolve", async () => {
        const asked: string[] = [];
        const lookup = async (host: string): Promise<{ address: string; family: number }[]> => {
            asked.push(host);
            if (host === "ns1.example.net") return [{ address: "192.0.2.53", family: 4 }, { address: "2001:db8:0::53", family: 6 }];
            throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
        };
        assert.deepEqual(await resolveServers(["ns1.example.net:5353", "192.0.2.53:5353", "[::1]:53"], lookup), ["192.0.2.53:5353", "[2001:db8::53]:5353", "[::1]:53"]);
        assert.deepEqual(await resolveServers(["ns1.example.net"], lookup), ["192.0.2.53", "2001:db8::53"]);
        assert.deepEqual(asked, ["ns1.example.net", "ns1.example.net"]);
        await assert.rejects(resolveServers(["ns2.example.net"], lookup),
            { name: "VerifyOptionError", message: '--server "ns2.example.net": the host name ns2.example.net does not resolve (ENOTFOUND); give a name that resolves, or an IP address' });
        // RFC 6761: names under invalid. never resolve, and are not even looked up.
        await assert.rejects(resolveServers(["ns1.nowhere.invalid:53"], lookup), /ns1\.nowhere\.invalid does not resolve \(ENOTFOUND\)/);
        assert.equal(asked.length, 3);
    });

    it("refuses bad options before sending any query", async () => {
        await assert.rejects(verifyPlan({ zones: [], warnings: [] }, { servers: ["ns1.nowhere.invalid"] }), VerifyOptionError);
        await assert.rejects(verifyPlan({ zones: [], warnings: [] }, { servers: ["not a server"] }), VerifyOptionError);
        await assert.rejects(verifyPlan({ zones: [], warnings: [] }, { servers: ["127.0.0.1:53"], tries: 0 }), /tries must be a whole number/);
        await assert.rejects(verifyPlan({ zones: [], warnings: [] }, { servers: ["127.0.0.1:53"], concurrency: 1.5 }), VerifyOptionError);
        await assert.rejects(verifyPlan({ zones: [], warnings: [] }, { servers: ["127.0.0.1:53"], deadlineMs: 0 }), /deadlineMs must be a whole number from 1 to 86400000/);
        await assert.rejects(verifyPlan({ zones: [], warnings: [] }, { servers: ["127.0.0.1:53"], deadlineMs: 86_400_001 }), VerifyOptionError);
    });

    it("keeps at most `limit` tasks in flight", async () => {
        const run = limiter(3);
        let active = 0;
        let peak = 0;
        const task = async (): Promise<void> => {
            active++;
            peak = Math.max(peak, active);
            await new Promise((resolve) => setTimeout(resolve, 2));
            active--;
        };
        await Promise.all(Array.from({ length: 20 }, () => run(task)));
        assert.equal(peak, 3);
    });

    it("loads no Pulumi module", () => {
        const script = "require('./cli/verify/verify'); console.log(Object.keys(require.cache).filter((k) => k.includes('@pulumi')).length)";
        const out = execFileSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: ROOT, encoding: "utf8" });
        assert.equal(out.trim(), "0");
    });
});

function zeroCounts(): Record<VerifyStatus, number> {
    return {
        "ok": 0, "missing": 0, "different": 0, "extra": 0, "ttl-different": 0, "resolver-error": 0, "unchecked": 0,
        "srv-target-cname": 0, "srv-target-outside-domain": 0, "srv-target-no-address": 0,
    };
}
