/**
 * The pack's config and its size behaviour: GIVEN a policy config as an
 * admin writes it (any case, a trailing dot, Unicode, a typo), WHEN the
 * pack validates a stack, THEN it compares in canonical form and reports an
 * entry that is not a DNS name; GIVEN many mobility domains and unreadable
 * records at preview, THEN each undecided source is listed once and the note
 * stays short.
 */
import assert from "node:assert/strict";
import { mobilityFederationSrv } from "../../components/core/rules/rules";
import type { RecordSetFact } from "../../components/core/rules/model";
import { az, r53, r53Zone } from "../helpers/pack-fixtures";
import { describe as describeResult, policyProxy, runPack } from "../helpers/stack";

const goodRoute53 = () => [
    r53Zone("contoso.com", "ZCONTOSO"),
    r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."]),
    r53("sip.contoso.com", "A", ["131.107.155.10"]),
];

describe("policy pack config", () => {
    for (const given of ["Contoso.com", "contoso.com.", "CONTOSO.COM."]) {
        it(`mobilityDomains ${JSON.stringify([given])} passes a correct stack`, () => {
            const result = runPack(goodRoute53(), { "lync-mobility-federation-srv": { mobilityDomains: [given] } });
            assert.deepEqual(result.violations, [], describeResult(result));
        });
    }

    it("mobilityDomains in Unicode is compared in punycode", () => {
        const resources = [
            az("xn--bcher-kva.example", "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.xn--bcher-kva.example"]),
            az("xn--bcher-kva.example", "sip", "A", ["131.107.155.10"]),
        ];
        const result = runPack(resources, { "lync-mobility-federation-srv": { mobilityDomains: ["Bücher.example"] } });
        assert.deepEqual(result.violations, [], describeResult(result));
    });

    it("managedZones [\"Litware.com.\"] keeps a target there mandatory", () => {
        const resources = [...goodRoute53(), r53("_sip._tls.litware.com", "SRV", ["0 0 443 sip.litware.com."], "ZLITWARE")];
        const result = runPack(resources, { "lync-srv-target-address": { managedZones: ["Litware.com."] }, "lync-srv-target-address-external": { managedZones: ["Litware.com."] } });
        assert.deepEqual(result.violations.filter((v) => v.policy.startsWith("lync-srv-target-address")).map((v) => [v.policy, v.level, v.message.split(" (RFC")[0]]), [[
            "lync-srv-target-address", "mandatory",
            "_sip._tls.litware.com points to sip.litware.com, which has no A or AAAA record set in this stack although its zone is managed here",
        ]], describeResult(result));
    });

    it("reports an entry that is not a DNS name, naming the key and the value, and judges the rest", () => {
        const result = runPack(goodRoute53(), { "lync-mobility-federation-srv": { mobilityDomains: ["contoso.com", "con toso.com", "litware"] } });
        assert.deepEqual(result.violations.map((v) => [v.policy, v.level, v.message]), [
            ["lync-mobility-federation-srv", "mandatory", "The policy config lync-mobility-federation-srv.mobilityDomains[1] is \"con toso.com\", which is not a DNS name: it contains a space; a host name holds only letters, digits, hyphens and dots. Give a domain such as contoso.com; this entry is left out of this check"],
            ["lync-mobility-federation-srv", "mandatory", "The policy config lync-mobility-federation-srv.mobilityDomains[2] is \"litware\", which is not a DNS name: it has a single label; give the full domain name, e.g. contoso.com. Give a domain such as contoso.com; this entry is left out of this check"],
        ], describeResult(result));
    });
});

describe("the policy pack at preview, at scale", () => {
    const unreadable = (n: number) => Array.from({ length: n }, (_, i) => `urn:pulumi:prod::infra::aws:route53/record:Record::computed${i}`);
    const domains = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.example`);

    it("lists each unreadable record once, not once per mobility domain", () => {
        for (const count of [1, 100, 1000]) {
            const { undecided } = mobilityFederationSrv.check({ records: [], mobilityDomains: domains(count), managedZones: [], allowPrivateAddresses: false, unreadableSources: unreadable(7) });
            assert.equal(undecided.length, 7, `${count} mobility domains`);
        }
    });

    it("lists a federation SRV whose zone is unknown once, although it may be any domain's", () => {
        const srv: RecordSetFact = { name: "_sipfederationtls._tcp", nameUndecided: true, type: "SRV", values: ["0 0 5061 sip.d0.example."], source: "urn:srv", edge: false };
        const { undecided, findings } = mobilityFederationSrv.check({ records: [srv], mobilityDomains: domains(1000), managedZones: [], allowPrivateAddresses: false });
        assert.deepEqual(undecided, ["urn:srv"]);
        assert.deepEqual(findings, []);
    });

    it("keeps the \"judged at update\" note short: ten URNs, then how many more", () => {
        const { unknownStringValue } = policyProxy;
        const computed = unreadable(25).map((urn, i) => ({
            type: "aws:route53/record:Record", name: `computed${i}`, urn,
            props: { name: unknownStringValue, type: "SRV", zoneId: unknownStringValue, records: ["0 0 5061 sip.contoso.com."], fqdn: unknownStringValue },
        }));
        const result = runPack(computed, { "lync-mobility-federation-srv": { mobilityDomains: domains(50) } });
        const note = result.deferred.find((d) => d.policy === "lync-mobility-federation-srv")?.message;
        assert.equal(note, `values of ${computed.slice(0, 10).map((r) => r.urn).join(", ")} and 15 more are not known until the update; this check runs on them at pulumi up`);
    });
});
