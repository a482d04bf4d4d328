/**
 * The policy pack, rule by rule: GIVEN Route 53 records or Azure DNS record
 * sets as a stack holds them, WHEN the pack validates the stack, THEN each
 * rule passes the right ones and reports the wrong ones with a message that
 * names the domain and every offending URN.
 */
import assert from "node:assert/strict";
import { evaluateRules } from "../../components/core/rules/evaluate";
import type { RuleInput } from "../../components/core/rules/model";
import { az, component, r53, r53Zone } from "../helpers/pack-fixtures";
import { describe as describeResult, policyProxy, runPack, type PackResource } from "../helpers/stack";

const contosoZone = r53Zone("contoso.com", "ZCONTOSO");
const goodRoute53 = () => [
    contosoZone,
    r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."]),
    r53("_sip._tls", "SRV", ["0 0 443 sip.contoso.com"]),
    r53("sip.contoso.com.", "A", ["131.107.155.10"]),
];
const goodAzure = () => [
    az("contoso.com", "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.contoso.com"]),
    az("contoso.com", "_sip._tls", "SRV", ["0 0 443 sip.contoso.com"]),
    az("contoso.com", "sip", "A", ["131.107.155.10"]),
];
const mobility = { "lync-mobility-federation-srv": { mobilityDomains: ["contoso.com"] } };

function only(policy: string, resources: PackResource[], config = {}) {
    const result = runPack(resources, config);
    return { all: result, mine: result.violations.filter((v) => v.policy === policy) };
}

describe("policy pack rules", () => {
    for (const [provider, good] of [["Route 53", goodRoute53], ["Azure DNS", goodAzure]] as const) {
        describe(`on ${provider}`, () => {
            it("passes a correct stack with a mobility domain", () => {
                const { all } = only("", good(), mobility);
                assert.deepEqual(all.violations, [], describeResult(all));
            });

            it("lync-mobility-federation-srv: reports a mobility domain without the SRV", () => {
                const resources = good().filter((r) => !JSON.stringify(r.props).includes("_sipfederationtls"));
                const { mine } = only("lync-mobility-federation-srv", resources, mobility);
                assert.equal(mine.length, 1);
                assert.match(mine[0].message, /^contoso\.com has mobility but no _sipfederationtls\._tcp\.contoso\.com SRV record set: push notifications to Lync Mobile clients cannot reach the domain/);
                assert.equal(mine[0].level, "mandatory");
            });

            it("lync-mobility-federation-srv: reports two record sets, naming both URNs", () => {
                const resources = good();
                const duplicate = provider === "Route 53"
                    ? r53("_sipfederationtls._tcp.contoso.com.", "SRV", ["0 0 5061 sip.contoso.com."])
                    : az("contoso.com", "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.contoso.com"]);
                resources.push(duplicate);
                const first = resources.find((r) => JSON.stringify(r.props).includes("_sipfederationtls"));
                const { mine } = only("lync-mobility-federation-srv", resources, mobility);
                assert.equal(mine.length, 1);
                assert.equal(mine[0].message, `contoso.com has mobility and 2 _sipfederationtls._tcp.contoso.com SRV record sets; exactly one is allowed: ${[first?.urn, duplicate.urn].sort().join(", ")}`);
            });

            it("lync-mobility-federation-srv: reports two values in the one record set", () => {
                const resources = good().filter((r) => !JSON.stringify(r.props).includes("_sipfederationtls"));
                const twoValues = provider === "Route 53"
                    ? r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com.", "10 0 5061 sip2.contoso.com."])
                    : az("contoso.com", "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.contoso.com", "10 0 5061 sip2.contoso.com"]);
                resources.push(twoValues);
                const { mine } = only("lync-mobility-federation-srv", resources, mobility);
                assert.equal(mine.length, 1);
                assert.match(mine[0].message, /^contoso\.com has mobility and _sipfederationtls\._tcp\.contoso\.com holds 2 values \(0 0 5061 sip\.contoso\.com\., 10 0 5061 sip2\.contoso\.com\.\); exactly one is allowed: /);
                assert.ok(mine[0].message.endsWith(twoValues.urn));
                assert.equal(mine[0].urn, twoValues.urn);
            });

            it("lync-federation-ports: reports a federation SRV on the wrong port", () => {
                const resources = good().map((r) => (JSON.stringify(r.props).includes("_sip._tls")
                    ? (provider === "Route 53" ? r53("_sip._tls.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."]) : az("contoso.com", "_sip._tls", "SRV", ["0 0 5061 sip.contoso.com"]))
                    : r));
                const { mine } = only("lync-federation-ports", resources);
                assert.equal(mine.length, 1);
                assert.match(mine[0].message, /^_sip\._tls\.contoso\.com \(external access\) points to port 5061; it must be 443: urn:/);
            });

            if (provider === "Route 53") {
                it("lync-federation-ports: reports a value that is no SRV value (no priority and weight), not only in a mobility domain", () => {
                    const resources = good().map((r) => (JSON.stringify(r.props).includes("_sip._tls") ? r53("_sip._tls.contoso.com", "SRV", ["443 sip.contoso.com."]) : r));
                    const { mine } = only("lync-federation-ports", resources);
                    assert.equal(mine.length, 1);
                    assert.match(mine[0].message, /^_sip\._tls\.contoso\.com \(external access\) holds "443 sip\.contoso\.com\.", which is not an SRV value \(priority weight port target\); it must point to port 443: urn:/);
                });
            }

            it("lync-srv-target-address: reports a target in a managed zone without an address", () => {
                const resources = good().filter((r) => !JSON.stringify(r.props).includes("131.107"));
                const { mine } = only("lync-srv-target-address", resources);
                assert.equal(mine.length, 2, describeResult(only("", resources).all));
                assert.match(mine[0].message, /points to sip\.contoso\.com, which has no A or AAAA record set in this stack although its zone is managed here \(RFC 2782/);
            });

            it("lync-srv-target-address: reports a target that is a CNAME", () => {
                const resources = good().filter((r) => !JSON.stringify(r.props).includes("131.107"));
                resources.push(provider === "Route 53" ? r53("sip.contoso.com", "CNAME", ["sipdir.online.lync.com"]) : az("contoso.com", "sip", "CNAME", ["sipdir.online.lync.com"]));
                const { mine } = only("lync-srv-target-address", resources);
                assert.equal(mine.length, 2);
                assert.match(mine[0].message, /points to sip\.contoso\.com, which is a CNAME \(urn:.*\); an SRV target must not be an alias \(RFC 2782\)/);
                // Two resources are at fault: the message names both, the SRV as every other message names its record.
                const [, alias, srv] = /which is a CNAME \((urn:\S+)\);.*: point the SRV at the host's A\/AAAA name: (urn:\S+)$/.exec(mine[0].message) ?? [];
                assert.ok(alias && srv && alias !== srv, mine[0].message);
            });

            it("lync-srv-target-address-external: advises on a target outside the managed zones", () => {
                const resources = [...good(), provider === "Route 53"
                    ? r53("_xmpp-server._tcp.contoso.com", "SRV", ["0 0 5269 xmpp.partner-hosting.net."])
                    : az("contoso.com", "_xmpp-server._tcp", "SRV", ["0 0 5269 xmpp.partner-hosting.net"])];
                const { mine, all } = only("lync-srv-target-address-external", resources);
                assert.equal(mine.length, 1);
                assert.equal(mine[0].level, "advisory");
                assert.match(mine[0].message, /^_xmpp-server\._tcp\.contoso\.com points to xmpp\.partner-hosting\.net, outside the zones this stack manages; make sure it has A or AAAA records/);
                assert.ok(all.violations.some((v) => v.policy === "lync-srv-same-domain"), "and it is outside the SIP domain");
            });

            it("lync-srv-same-domain: advises on an SRV pointing into another SIP domain", () => {
                const resources = [...good(), provider === "Route 53"
                    ? r53("_sip._tls.fabrikam.com", "SRV", ["0 0 443 sip.contoso.com."], "ZFABRIKAM")
                    : az("fabrikam.com", "_sip._tls", "SRV", ["0 0 443 sip.contoso.com"])];
                const { mine } = only("lync-srv-same-domain", resources);
                assert.equal(mine.length, 1);
                assert.equal(mine[0].level, "advisory");
                assert.match(mine[0].message, /^_sip\._tls\.fabrikam\.com points to sip\.contoso\.com, outside its SIP domain fabrikam\.com/);
            });

            it("lync-public-addresses: reports a private address behind an Edge SRV, unless allowed", () => {
                const resources = good().map((r) => (JSON.stringify(r.props).includes("131.107")
                    ? (provider === "Route 53" ? r53("sip.contoso.com", "A", ["10.1.2.3", "131.107.155.10"]) : az("contoso.com", "sip", "A", ["10.1.2.3", "131.107.155.10"]))
                    : r));
                const { mine } = only("lync-public-addresses", resources);
                assert.equal(mine.length, 1);
                assert.match(mine[0].message, /^sip\.contoso\.com A holds non-public address 10\.1\.2\.3 \(private\); federation partners and remote clients cannot reach it/);
                assert.equal(only("lync-public-addresses", resources, { "lync-public-addresses": { allowPrivateAddresses: true } }).mine.length, 0);
            });

            it("lync-public-addresses: leaves unrelated private records alone", () => {
                const resources = [...good(), provider === "Route 53" ? r53("intranet.contoso.com", "A", ["10.1.2.3"]) : az("contoso.com", "intranet", "A", ["10.1.2.3"])];
                assert.equal(only("lync-public-addresses", resources).mine.length, 0);
            });
        });
    }

    it("reads mobility domains from a LyncEdgeDns component in the stack", () => {
        const resources = [component(["contoso.com"], ["contoso.com"]), ...goodAzure().filter((r) => !JSON.stringify(r.props).includes("_sipfederationtls"))];
        const { mine } = only("lync-mobility-federation-srv", resources);
        assert.equal(mine.length, 1);
        assert.match(mine[0].message, /^contoso\.com has mobility but no _sipfederationtls\._tcp\.contoso\.com SRV record set/);
    });

    it("normalizes Route 53 names: relative to the zone, with a dot, in upper case", () => {
        const resources = [contosoZone, r53("_SIPFEDERATIONTLS._tcp", "SRV", ["0 0 5061 SIP.contoso.com."]), r53("SIP", "A", ["131.107.155.10"])];
        const { all } = only("", resources, mobility);
        assert.deepEqual(all.violations, [], describeResult(all));
    });

    it("does not crash during a preview with unknown values, and says the check runs at update", () => {
        const { unknownStringValue, unknownArrayValue } = policyProxy;
        const resources = [
            ...goodRoute53().filter((r) => !JSON.stringify(r.props).includes("_sipfederationtls")),
            { ...r53("x", "SRV", []), props: { name: unknownStringValue, type: "SRV", records: unknownArrayValue, zoneId: unknownStringValue } },
            { ...az("contoso.com", "_xmpp-server._tcp", "SRV", []), props: { zoneName: "contoso.com", relativeRecordSetName: "_xmpp-server._tcp", recordType: "SRV", srvRecords: unknownArrayValue } },
        ];
        const result = runPack(resources, mobility);
        assert.deepEqual(result.violations, [], describeResult(result));
        const mobilityDeferred = result.deferred.find((d) => d.policy === "lync-mobility-federation-srv");
        assert.match(mobilityDeferred?.message ?? "", /are not known until the update; this check runs on them at pulumi up/);
        assert.ok(result.deferred.some((d) => d.policy === "lync-federation-ports"));
    });
});

/** A record set by hand, as the pack reads one; its source defaults to `urn:<index>`. */
type HandRecord = { name: string; type: string; values: string[]; nameUndecided?: boolean; source?: string };

/** The rules' input for northwind.com online (Teams Only, in `domainCloud`'s cloud when given) beside contoso.com on premises. */
function onlineStack(records: HandRecord[], domainCloud?: Record<string, string>): RuleInput {
    return {
        records: records.map((r, i) => ({ ...r, zone: "northwind.com", source: r.source ?? `urn:${i}`, edge: false })),
        mobilityDomains: [],
        managedZones: ["northwind.com", "contoso.com"],
        allowPrivateAddresses: false,
        domainHosting: { "northwind.com": "online", "contoso.com": "onPremises" },
        ...(domainCloud ? { domainCloud } : {}),
    };
}

describe("an online domain's SRV targets, without the tenant's cloud (a stack made before the component told it)", () => {
    // [TO] Microsoft, "Update DNS entries to enable your organization to be all Teams Only":
    // _sipfederationtls._tcp to sipfed.<cloud>, _sip._tls to sipdir.<cloud>.
    const judge = (name: string, value: string, domainCloud?: Record<string, string>) => evaluateRules(onlineStack([{ name, type: "SRV", values: [value], source: "urn:hand" }], domainCloud)).violations.filter((v) => v.rule === "lync-srv-same-domain").map((v) => v.message);

    it("takes the service's own host in any cloud, and refuses another service's host", () => {
        assert.deepEqual(judge("_sip._tls.northwind.com", "100 1 443 sipdir.online.partner.lync.cn."), []);
        assert.deepEqual(judge("_sipfederationtls._tcp.northwind.com", "100 1 5061 sipfed.online.dod.skypeforbusiness.us."), []);
        assert.deepEqual(judge("_sip._tls.northwind.com", "0 0 443 webdir.online.lync.com."), [
            "_sip._tls.northwind.com points to webdir.online.lync.com, but northwind.com is online (Teams Only): its _sip._tls points to Microsoft 365's sipdir host in the tenant's cloud (sipdir.online.lync.com worldwide): urn:hand",
        ]);
    });

    it("with the cloud, only that cloud's host", () => {
        assert.deepEqual(judge("_sip._tls.northwind.com", "100 1 443 sipdir.online.lync.com.", { "northwind.com": "dod" }), [
            "_sip._tls.northwind.com points to sipdir.online.lync.com, but northwind.com is online (Teams Only): its _sip._tls points to sipdir.online.dod.skypeforbusiness.us, Microsoft 365's sipdir host in the tenant's cloud (dod): urn:hand",
        ]);
        assert.deepEqual(judge("_sip._tls.northwind.com", "100 1 443 sipdir.online.dod.skypeforbusiness.us.", { "northwind.com": "dod" }), []);
    });
});

describe("lync-online-domain-records: what an online domain may keep [TO]", () => {
    // Microsoft, "Update DNS entries to enable your organization to be all Teams Only": sip and
    // lyncdiscover deleted or CNAMEs to sipdir / webdir "with exactly these values"; meet and dialin deleted.
    const judge = (records: HandRecord[], domainCloud?: Record<string, string>) => evaluateRules(onlineStack(records, domainCloud)).violations.filter((v) => v.rule === "lync-online-domain-records").map((v) => `${v.level} ${v.message}`);

    it("takes the legacy CNAMEs to Microsoft 365, and an on-premises domain's records as they are", () => {
        assert.deepEqual(judge([
            { name: "sip.northwind.com", type: "CNAME", values: ["sipdir.online.lync.com."] },
            { name: "lyncdiscover.northwind.com", type: "CNAME", values: ["webdir.online.lync.com."] },
            { name: "sip.contoso.com", type: "A", values: ["131.107.155.10"] },
            { name: "meet.contoso.com", type: "A", values: ["131.107.155.40"] },
        ], { "northwind.com": "worldwide" }), []);
    });

    it("reports addresses left on sip and lyncdiscover, a CNAME to the wrong host or cloud, and meet or dialin at all", () => {
        assert.deepEqual(judge([
            { name: "sip.northwind.com", type: "A", values: ["131.107.155.10"] },
            { name: "lyncdiscover.northwind.com", type: "CNAME", values: ["webdir.online.lync.com."] },
            { name: "meet.northwind.com", type: "A", values: ["131.107.155.40"] },
            { name: "dialin.northwind.com", type: "CNAME", values: ["proxy.northwind.com."] },
        ], { "northwind.com": "gccHigh" }), [
            "advisory sip.northwind.com A 131.107.155.10: northwind.com is online (Teams Only), so sip.northwind.com is to be deleted, or a CNAME to sipdir.online.gov.skypeforbusiness.us (Microsoft 365's sipdir in the tenant's cloud; microsoft365.legacyClientRecords): urn:0",
            "advisory lyncdiscover.northwind.com CNAME webdir.online.lync.com.: northwind.com is online (Teams Only), so lyncdiscover.northwind.com is to be deleted, or a CNAME to webdir.online.gov.skypeforbusiness.us (Microsoft 365's webdir in the tenant's cloud; microsoft365.legacyClientRecords): urn:1",
            "advisory meet.northwind.com A 131.107.155.40: northwind.com is online (Teams Only), and Microsoft's Teams Only checklist deletes meet.northwind.com: its meetings are in Microsoft 365: urn:2",
            "advisory dialin.northwind.com CNAME proxy.northwind.com.: northwind.com is online (Teams Only), and Microsoft's Teams Only checklist deletes dialin.northwind.com: its meetings are in Microsoft 365: urn:3",
        ]);
    });
});

describe("lync-online-domain-records at preview, and names in capitals", () => {
    const input = (records: HandRecord[]) => onlineStack(records, { "northwind.com": "worldwide" });
    const rule = "lync-online-domain-records";

    it("a CNAME target in capitals is the same host (RFC 4343)", () => {
        const report = evaluateRules(input([{ name: "sip.northwind.com", type: "CNAME", values: ["SIPDIR.Online.Lync.com."] }]));
        assert.deepEqual(report.violations.filter((v) => v.rule === rule), []);
    });

    it("waits for the update only for a record whose name, its zone not known yet, may turn out to be one of the hosts", () => {
        const report = evaluateRules(input([
            { name: "www", type: "A", values: ["131.107.155.80"], nameUndecided: true },
            { name: "sip", type: "A", values: ["131.107.155.10"], nameUndecided: true },
        ]));
        assert.deepEqual(report.undecided.filter((u) => u.rule === rule), [{ rule, sources: ["urn:1"] }]);
    });
});
