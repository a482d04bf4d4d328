/**
 * The policy pack at `pulumi preview` and at `pulumi up`: GIVEN a stack as
 * the update hands it over (computed outputs known) and as the preview of
 * that update hands it over (a created zone's id and every record's fqdn
 * unknown, through the policy SDK's own unknown-checking proxy), WHEN the
 * pack validates it, THEN the preview already reports what its known inputs
 * decide, and leaves to the update only what they do not.
 */
import assert from "node:assert/strict";
import { UnknownValueError } from "@pulumi/policy";
import { az, component, r53, r53Zone } from "../helpers/pack-fixtures";
import { atPreview, describe as describeResult, policyProxy, runPack, type PackResult } from "../helpers/stack";

const mobility = { "lync-mobility-federation-srv": { mobilityDomains: ["contoso.com"] } };

const violations = (result: PackResult) => result.violations.map((v) => [v.policy, v.level, v.message]);
const deferred = (result: PackResult) => result.deferred.map((d) => d.policy);

/** A stack written by hand: its zone, a federation SRV on the wrong port, and its target on a private address. */
function handMade(srvName: string, aName: string) {
    const zone = r53Zone("contoso.com", "Z0HANDMADE");
    const srv = r53(srvName, "SRV", ["0 0 5062 sip.contoso.com."], "Z0HANDMADE");
    const a = r53(aName, "A", ["10.0.0.1"], "Z0HANDMADE");
    return { resources: [zone, srv, a], srv, a };
}

function threeViolations(srv: string, a: string) {
    return [
        ["lync-mobility-federation-srv", "mandatory", `_sipfederationtls._tcp.contoso.com (mobility domain contoso.com) points to port 5062; it must be 5061: ${srv}`],
        ["lync-federation-ports", "mandatory", `_sipfederationtls._tcp.contoso.com (SIP federation (and mobility push notifications)) points to port 5062; it must be 5061: ${srv}`],
        ["lync-public-addresses", "mandatory", `sip.contoso.com A holds non-public address 10.0.0.1 (private); federation partners and remote clients cannot reach it (set allowPrivateAddresses for a lab or internal zone): ${a}`],
    ];
}

describe("policy pack at preview and at update", () => {
    describe("a hand-made Route 53 stack whose zone is created in the same update, names absolute", () => {
        const { resources, srv, a } = handMade("_sipfederationtls._tcp.contoso.com", "sip.contoso.com");

        it("at update: three mandatory violations", () => {
            const result = runPack(resources, mobility);
            assert.deepEqual(violations(result), threeViolations(srv.urn, a.urn), describeResult(result));
            assert.deepEqual(result.deferred, []);
        });

        it("at preview (zone id and fqdn unknown): the same three, nothing left to the update", () => {
            const preview = atPreview(resources);
            // As the policy server does: reading the record's fqdn or zoneId throws.
            const props = policyProxy.unknownCheckingProxy(preview[1].props);
            assert.throws(() => props.fqdn, UnknownValueError);
            assert.throws(() => props.zoneId, UnknownValueError);
            const result = runPack(preview, mobility);
            assert.deepEqual(violations(result), threeViolations(srv.urn, a.urn), describeResult(result));
            assert.deepEqual(result.deferred, []);
        });
    });

    describe("the same stack with names relative to the zone", () => {
        const { resources, srv, a } = handMade("_sipfederationtls._tcp", "sip");

        it("at update: the same three mandatory violations, names made absolute against the zone", () => {
            const result = runPack(resources, mobility);
            assert.deepEqual(violations(result), threeViolations(srv.urn, a.urn), describeResult(result));
        });

        it("at preview: the port is judged from the service prefix; what needs the zone is judged at update", () => {
            const result = runPack(atPreview(resources), mobility);
            assert.deepEqual(violations(result), [[
                "lync-federation-ports", "mandatory",
                `_sipfederationtls._tcp (SIP federation (and mobility push notifications)) points to port 5062; it must be 5061: ${srv.urn}`,
            ]], describeResult(result));
            assert.deepEqual(deferred(result), ["lync-mobility-federation-srv", "lync-srv-target-address", "lync-srv-same-domain", "lync-public-addresses"]);
            const note = (policy: string) => result.deferred.find((d) => d.policy === policy)?.message;
            assert.equal(note("lync-mobility-federation-srv"), `values of ${srv.urn} are not known until the update; this check runs on them at pulumi up`);
            assert.equal(note("lync-srv-target-address"), `values of ${srv.urn}, ${a.urn} are not known until the update; this check runs on them at pulumi up`);
            assert.equal(note("lync-public-addresses"), `values of ${a.urn} are not known until the update; this check runs on them at pulumi up`);
        });
    });

    it("at preview, a record in a zone found by lookup (id known, not in the stack) is read by its name when the name lies in a domain the stack knows", () => {
        const srv = r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."], "ZLOOKEDUP");
        const a = r53("sip.contoso.com", "A", ["131.107.155.10"], "ZLOOKEDUP");
        const result = runPack(atPreview([component(["contoso.com"], ["contoso.com"]), srv, a]));
        assert.deepEqual(result.violations, [], describeResult(result));
        assert.deepEqual(result.deferred, []);
    });

    it("at preview, a name in a zone that is not known is not mistaken for an absolute one", () => {
        // `_sip._tls.fabrikam.com` in an unknown zone may be _sip._tls.fabrikam.com.<zone>:
        // its port and target are judged, its SIP domain waits for the update.
        const srv = r53("_sip._tls.fabrikam.com", "SRV", ["0 0 443 sip.fabrikam.com."], "ZFABRIKAM");
        const result = runPack(atPreview([srv]), {});
        assert.deepEqual(result.violations.map((v) => v.policy), ["lync-srv-target-address-external"], describeResult(result));
        assert.deepEqual(deferred(result), ["lync-srv-same-domain"]);
        assert.deepEqual(runPack([srv]).deferred, []);
    });
});

describe("Route 53 names as the provider reads them", () => {
    it("`sip.` in zone contoso.com is sip.contoso.com: a trailing dot does not make a Route 53 name absolute", () => {
        const resources = [
            r53Zone("contoso.com", "ZCONTOSO"),
            r53("_sip._tls.contoso.com", "SRV", ["0 0 443 sip.contoso.com."]),
            r53("sip.", "A", ["131.107.155.10"]),
        ];
        // At update, and at a preview where the zone exists already (its id known).
        for (const stack of [resources, atPreview(resources, (r) => r.type !== "aws:route53/zone:Zone")]) {
            const result = runPack(stack);
            assert.deepEqual(result.violations, [], describeResult(result));
            assert.deepEqual(result.deferred, []);
        }
        // With the zone created in the same update, `sip.` may be any zone's: judged at update.
        assert.deepEqual(deferred(runPack(atPreview(resources))), ["lync-srv-target-address"]);
    });
});

describe("Azure DNS names are relative to the zone", () => {
    it("a relativeRecordSetName that spells the whole name lands at <name>.<zone>, so the mobility SRV is missing", () => {
        const resources = [
            az("contoso.com", "_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com"]),
            az("contoso.com", "sip", "A", ["131.107.155.10"]),
        ];
        for (const stack of [resources, atPreview(resources)]) {
            const result = runPack(stack, mobility);
            assert.deepEqual(result.violations.filter((v) => v.policy === "lync-mobility-federation-srv").map((v) => v.message), [
                "contoso.com has mobility but no _sipfederationtls._tcp.contoso.com SRV record set: push notifications to Lync Mobile clients cannot reach the domain. Publish exactly one (LyncEdgeDns does when mobility is true).",
            ], describeResult(result));
        }
    });

    it("`@` is the apex", () => {
        const resources = [
            az("contoso.com", "_sipfederationtls._tcp", "SRV", ["0 0 5061 contoso.com"]),
            az("contoso.com", "@", "A", ["131.107.155.10"]),
        ];
        const result = runPack(atPreview(resources), mobility);
        assert.deepEqual(result.violations, [], describeResult(result));
    });
});

describe("a federation SRV whose name is not known until the update", () => {
    // The good record, and a second SRV whose name comes from another resource's output.
    const zone = r53Zone("contoso.com", "Z0SECOND");
    const good = r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."], "Z0SECOND");
    const address = r53("sip.contoso.com", "A", ["131.107.155.10"], "Z0SECOND");
    const second = r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."], "Z0SECOND");

    it("at update it is the domain's second set: a violation", () => {
        const result = runPack([zone, good, address, second], mobility);
        assert.deepEqual(result.violations.filter((v) => v.policy === "lync-mobility-federation-srv").map((v) => v.message), [
            `contoso.com has mobility and 2 _sipfederationtls._tcp.contoso.com SRV record sets; exactly one is allowed: ${[good.urn, second.urn].sort().join(", ")}`,
        ], describeResult(result));
    });

    it("at preview, one set known and another SRV unreadable: judged at update, not passed (the unreadable one may be a second set)", () => {
        const unknownName = { ...second, props: { ...second.props, name: policyProxy.unknownStringValue } };
        const result = runPack(atPreview([zone, good, address], () => false).concat(atPreview([unknownName])), mobility);
        assert.deepEqual(result.violations.filter((v) => v.policy === "lync-mobility-federation-srv"), [], describeResult(result));
        assert.ok(deferred(result).includes("lync-mobility-federation-srv"), describeResult(result));
        const note = result.deferred.find((d) => d.policy === "lync-mobility-federation-srv")?.message ?? "";
        assert.match(note, new RegExp(`values of .*${second.urn.replace(/[$]/g, "\\$")}.* are not known until the update`));
    });

    it("at preview, the known set's own fault is reported now though another SRV is unreadable", () => {
        const outside = r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.fabrikam.com."], "Z0SECOND");
        const unknownName = { ...second, props: { ...second.props, name: policyProxy.unknownStringValue } };
        const result = runPack(atPreview([zone, outside, address], () => false).concat(atPreview([unknownName])), mobility);
        assert.deepEqual(result.violations.filter((v) => v.policy === "lync-mobility-federation-srv").map((v) => v.message), [
            `_sipfederationtls._tcp.contoso.com (mobility domain contoso.com) points to sip.fabrikam.com, outside contoso.com; the target must lie inside the domain: ${outside.urn}`,
        ], describeResult(result));
    });
});
