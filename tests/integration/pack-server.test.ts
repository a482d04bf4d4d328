/**
 * The pack's test runner against the policy server itself. GIVEN a
 * representative set of stacks (the hand-written Route 53 and Azure DNS
 * stacks of the rule and preview tests, the component run under the mock
 * engine with records made by hand beside it, every policy violated in at
 * least one of them, clean ones too), WHEN each goes through `runPack`, the
 * runner every other pack test uses, and through @pulumi/policy's own
 * analyzeStack handler over an encoded AnalyzeStackRequest
 * (`runPackThroughServer`), at update and at the preview of the update that
 * creates it, THEN both give the same verdicts: the same violations (policy,
 * level, message, URN) and the same policies left to the update, with the
 * same note. No per-policy config here: the server's comes from a configure
 * RPC its exports do not reach, so mobility domains come from a component.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as route53 from "@pulumi/aws/route53";
import { LyncEdgeDns, type EdgeDnsConfig } from "../../components";
import { toComponentArgs } from "../../components/core/config/from-file";
import { loadProgramFile, runUnderMocks } from "../../components/testing/engine";
import { readStackConfig } from "../../components/testing/stack-file";
import { edgeDnsPolicies, NOTE_MAX_SOURCES } from "../../policy/policies";
import { forgetSharedRead } from "../../policy/shared-read";
import { az, component, r53, r53Zone } from "../helpers/pack-fixtures";
import { atPreview, describe as describeResult, packResources, policyProxy, runPack, runPackThroughServer, type PackResource, type PackResult } from "../helpers/stack";

const ROOT = join(__dirname, "..", "..");
const { unknownStringValue, unknownArrayValue } = policyProxy;

/** What the whole set showed, for the check that it covers every policy. */
const seen = { violated: new Set<string>(), deferred: new Set<string>(), clean: 0 };

/** Runs the stack both ways and asserts the same verdicts; gives runPack's. */
async function sameVerdicts(stack: PackResource[], when: string): Promise<PackResult> {
    // Each path reads the stack afresh: the pack keeps its last read (shared-read.ts),
    // and a read kept from the other path's props would hide what this one hands over.
    forgetSharedRead();
    const pack = runPack(stack);
    const server = await runPackThroughServer(stack);
    assert.deepEqual(server, pack, `${when}: the server's verdicts differ from runPack's\nserver:\n${describeResult(server)}\nrunPack:\n${describeResult(pack)}`);
    for (const v of pack.violations) seen.violated.add(v.policy);
    for (const d of pack.deferred) seen.deferred.add(d.policy);
    if (pack.violations.length === 0 && pack.deferred.length === 0) seen.clean++;
    return pack;
}

/** The policies a result reports, each once, in the pack's order. */
const policiesOf = (result: PackResult) => [...new Set(result.violations.map((v) => v.policy))];

/**
 * The stack at update and at the preview of the update that creates it:
 * the same verdicts both ways each time, and at update the policies
 * `violates` names (so that a stack meant to break a rule still does).
 */
async function atUpdateAndPreview(stack: PackResource[], violates: string[]): Promise<void> {
    const update = await sameVerdicts(stack, "at update");
    assert.deepEqual(policiesOf(update), violates, describeResult(update));
    await sameVerdicts(atPreview(stack), "at preview");
}

type Provider = "Route 53" | "Azure DNS";

/** A correct stack with a mobility domain, declared by a component (no pack config here). */
function good(provider: Provider): PackResource[] {
    return provider === "Route 53"
        ? [
            component(["contoso.com"], ["contoso.com"]),
            r53Zone("contoso.com", "ZCONTOSO"),
            r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."]),
            r53("_sip._tls", "SRV", ["0 0 443 sip.contoso.com"]),
            r53("sip.contoso.com.", "A", ["131.107.155.10"]),
        ]
        : [
            component(["contoso.com"], ["contoso.com"]),
            az("contoso.com", "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.contoso.com"]),
            az("contoso.com", "_sip._tls", "SRV", ["0 0 443 sip.contoso.com"]),
            az("contoso.com", "sip", "A", ["131.107.155.10"]),
        ];
}

/** A record of the provider's kind: `relative` in contoso.com (or the zone given). */
function record(provider: Provider, relative: string, type: string, values: string[], zone = "contoso.com"): PackResource {
    if (provider === "Azure DNS") return az(zone, relative, type, values.map((v) => v.replace(/\.$/, "")));
    const zoneId = { "contoso.com": "ZCONTOSO", "fabrikam.com": "ZFABRIKAM" }[zone];
    return r53(relative === "@" ? zone : `${relative}.${zone}`, type, values, zoneId);
}

const mentions = (r: PackResource, text: string) => JSON.stringify(r.props).includes(text);

describe("the pack through the policy server's own handler", function () {
    this.timeout(60_000);

    for (const provider of ["Route 53", "Azure DNS"] as const) {
        describe(`hand-written ${provider} stacks`, () => {
            it("a correct stack with a mobility domain: clean", async () => {
                await atUpdateAndPreview(good(provider), []);
            });

            it("a mobility domain without its federation SRV", async () => {
                await atUpdateAndPreview(good(provider).filter((r) => !mentions(r, "_sipfederationtls")), ["lync-mobility-federation-srv"]);
            });

            it("two federation SRV record sets, and two values in one", async () => {
                await atUpdateAndPreview([...good(provider), record(provider, "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.contoso.com."])], ["lync-mobility-federation-srv"]);
                const twoValues = record(provider, "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.contoso.com.", "10 0 5061 sip2.contoso.com."]);
                await atUpdateAndPreview([...good(provider).filter((r) => !mentions(r, "_sipfederationtls")), twoValues], ["lync-mobility-federation-srv", "lync-srv-target-address"]);
            });

            it("_sip._tls on the wrong port, and a value that is no SRV value", async () => {
                const onPort = (values: string[]) => good(provider).map((r) => (mentions(r, "_sip._tls") ? record(provider, "_sip._tls", "SRV", values) : r));
                await atUpdateAndPreview(onPort(["0 0 5061 sip.contoso.com."]), ["lync-federation-ports"]);
                if (provider === "Route 53") await atUpdateAndPreview(onPort(["443 sip.contoso.com."]), ["lync-federation-ports"]);
            });

            it("SRV targets without an address, and one that is a CNAME", async () => {
                const noAddress = good(provider).filter((r) => !mentions(r, "131.107"));
                await atUpdateAndPreview(noAddress, ["lync-srv-target-address"]);
                await atUpdateAndPreview([...noAddress, record(provider, "sip", "CNAME", ["sipdir.online.lync.com."])], ["lync-srv-target-address"]);
            });

            it("a target outside the managed zones, and an SRV pointing into another SIP domain", async () => {
                await atUpdateAndPreview([...good(provider), record(provider, "_xmpp-server._tcp", "SRV", ["0 0 5269 xmpp.partner-hosting.net."])], ["lync-srv-target-address-external", "lync-srv-same-domain"]);
                await atUpdateAndPreview([...good(provider), record(provider, "_sip._tls", "SRV", ["0 0 443 sip.contoso.com."], "fabrikam.com")], ["lync-srv-same-domain"]);
            });

            it("an online domain with its on-premises sip A left behind (the Teams Only checklist deletes it)", async () => {
                const teamsOnly = { ...component([], ["fabrikam.com"]), name: "edge-online", urn: component([], []).urn.replace("::edge", "::edge-online") };
                teamsOnly.props = { ...teamsOnly.props, domainHosting: { "fabrikam.com": "online" } };
                const stack = [
                    teamsOnly,
                    record(provider, "_sipfederationtls._tcp", "SRV", ["100 1 5061 sipfed.online.lync.com."], "fabrikam.com"),
                    record(provider, "lyncdiscover", "CNAME", ["webdir.online.lync.com."], "fabrikam.com"),
                ];
                await atUpdateAndPreview(stack, []);
                await atUpdateAndPreview([...stack, record(provider, "sip", "A", ["131.107.155.10"], "fabrikam.com")], ["lync-online-domain-records"]);
            });

            it("a private address behind an Edge SRV, and an unrelated private record left alone", async () => {
                const privateSip = good(provider).map((r) => (mentions(r, "131.107") ? record(provider, "sip", "A", ["10.1.2.3", "131.107.155.10"]) : r));
                await atUpdateAndPreview(privateSip, ["lync-public-addresses"]);
                await atUpdateAndPreview([...good(provider), record(provider, "intranet", "A", ["10.1.2.3"])], []);
            });
        });
    }

    describe("names and previews", () => {
        /** policy-preview.test.ts's stack: its zone, a federation SRV on the wrong port, its target on a private address. */
        function handMade(srvName: string, aName: string): PackResource[] {
            return [
                component(["contoso.com"], []),
                r53Zone("contoso.com", "Z0HANDMADE"),
                r53(srvName, "SRV", ["0 0 5062 sip.contoso.com."], "Z0HANDMADE"),
                r53(aName, "A", ["10.0.0.1"], "Z0HANDMADE"),
            ];
        }
        const three = ["lync-mobility-federation-srv", "lync-federation-ports", "lync-public-addresses"];

        it("a zone created in the same update, names absolute and relative (deferred at preview)", async () => {
            await atUpdateAndPreview(handMade("_sipfederationtls._tcp.contoso.com", "sip.contoso.com"), three);
            await atUpdateAndPreview(handMade("_sipfederationtls._tcp", "sip"), three);
        });

        it("Route 53 names in upper case, relative, with a trailing dot; a zone that exists already", async () => {
            const zone = r53Zone("contoso.com", "ZCONTOSO");
            await atUpdateAndPreview([component(["contoso.com"], []), zone, r53("_SIPFEDERATIONTLS._tcp", "SRV", ["0 0 5061 SIP.contoso.com."]), r53("SIP", "A", ["131.107.155.10"])], []);
            const dotted = [zone, r53("_sip._tls.contoso.com", "SRV", ["0 0 443 sip.contoso.com."]), r53("sip.", "A", ["131.107.155.10"])];
            await atUpdateAndPreview(dotted, []);
            await sameVerdicts(atPreview(dotted, (r) => r.type !== "aws:route53/zone:Zone"), "at preview, the zone existing");
        });

        it("records in a zone found by lookup, and a name in a zone the stack does not know", async () => {
            await atUpdateAndPreview([component(["contoso.com"], ["contoso.com"]), r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."], "ZLOOKEDUP"), r53("sip.contoso.com", "A", ["131.107.155.10"], "ZLOOKEDUP")], []);
            await atUpdateAndPreview([r53("_sip._tls.fabrikam.com", "SRV", ["0 0 443 sip.fabrikam.com."], "ZFABRIKAM")], ["lync-srv-target-address-external"]);
        });

        it("Azure names relative to the zone: a name spelled whole lands below it; `@` is the apex", async () => {
            await atUpdateAndPreview([component(["contoso.com"], []), az("contoso.com", "_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com"]), az("contoso.com", "sip", "A", ["131.107.155.10"])], ["lync-mobility-federation-srv", "lync-srv-same-domain"]);
            await atUpdateAndPreview([component(["contoso.com"], []), az("contoso.com", "_sipfederationtls._tcp", "SRV", ["0 0 5061 contoso.com"]), az("contoso.com", "@", "A", ["131.107.155.10"])], []);
        });

        it("unknown names, record lists and zones, as a preview's inputs may hold them", async () => {
            const stack = [
                ...good("Route 53").filter((r) => !mentions(r, "_sipfederationtls")),
                { ...r53("x", "SRV", []), props: { name: unknownStringValue, type: "SRV", records: unknownArrayValue, zoneId: unknownStringValue } },
                { ...az("contoso.com", "_xmpp-server._tcp", "SRV", []), props: { zoneName: "contoso.com", relativeRecordSetName: "_xmpp-server._tcp", recordType: "SRV", srvRecords: unknownArrayValue } },
            ];
            const result = await sameVerdicts(stack, "with unknown inputs");
            assert.deepEqual(result.violations, [], describeResult(result));
            assert.ok(result.deferred.some((d) => d.policy === "lync-mobility-federation-srv"), "deferred, not judged");
        });

        it(`more unreadable records than the note names (${NOTE_MAX_SOURCES})`, async () => {
            const unreadable = Array.from({ length: NOTE_MAX_SOURCES + 2 }, () => ({ ...r53("x", "SRV", []), props: { name: unknownStringValue, type: "SRV", records: ["0 0 5061 sip.contoso.com."], zoneId: unknownStringValue } }));
            // No federation SRV known: it may be among them, so the mobility rule waits for the update.
            const known = good("Route 53").filter((r) => !mentions(r, "_sipfederationtls"));
            const result = await sameVerdicts([...known, ...unreadable], "with unreadable records");
            assert.ok(result.deferred.some((d) => d.message.includes(" and 2 more ")), JSON.stringify(result.deferred));
        });

        it("nulls, empty lists and objects, and numbers, as a Struct carries them", async () => {
            const sip = az("contoso.com", "sip", "A", []);
            sip.props.aRecords = [null, {}, { ipv4Address: null }, { ipv4Address: "10.1.2.3" }];
            const alias = az("contoso.com", "lyncdiscover", "CNAME", []);
            alias.props.cnameRecord = null;
            const srv = az("contoso.com", "_sip._tls", "SRV", ["0 0 443 sip.contoso.com"]);
            srv.props.metadata = {};
            const empty = { ...r53("meet.contoso.com", "A", []), props: { ...r53("meet.contoso.com", "A", []).props, aliases: [], healthCheckId: null, ttl: 0 } };
            await atUpdateAndPreview([component(["contoso.com"], ["contoso.com"]), az("contoso.com", "_sipfederationtls._tcp", "SRV", ["0 0 5061 sip.contoso.com"]), srv, sip, alias, empty], ["lync-public-addresses"]);
        });

        it("a component whose domainHosting is not known: the note names the first domain in the Struct's order", async () => {
            // The engine's Struct gives an object's keys sorted: a.com, not z.com, whatever order the program wrote.
            const edge = component(["contoso.com"], ["contoso.com"]);
            edge.props.domainHosting = { "z.com": unknownStringValue, "a.com": unknownStringValue };
            const result = await sameVerdicts([edge, ...good("Route 53").slice(1)], "with domainHosting unknown");
            assert.deepEqual(new Set(result.deferred.map((d) => d.message)), new Set(["string value at .domainHosting.a.com can't be known during preview"]));
        });
    });

    describe("the component under the mock engine, with records made by hand beside it", () => {
        const config = () => readStackConfig(join(ROOT, "Pulumi.example.yaml"));

        it("the example stack, with a duplicate federation SRV made by hand", async () => {
            const run = await runUnderMocks(() => {
                loadProgramFile(join(ROOT, "index.ts"));
                new route53.Record("manual-federation-srv", { zoneId: "Z0123456789", name: "_sipfederationtls._tcp.contoso.com", type: "SRV", ttl: 300, records: ["0 0 5061 sip.contoso.com."] });
            }, { config: config(), stack: "example" });
            await atUpdateAndPreview(packResources(run), ["lync-mobility-federation-srv"]);
        });

        it("the example stack on Azure DNS: clean", async () => {
            const azure = config();
            azure["lync-edge-dns:dns"] = { provider: "azure", resourceGroupName: "rg" };
            const run = await runUnderMocks(() => loadProgramFile(join(ROOT, "index.ts")), { config: azure, stack: "example" });
            await atUpdateAndPreview(packResources(run), []);
        });

        it("a lab component that allows private addresses, and a private address it never published", async () => {
            const lab = { sipDomains: [{ name: "lab.contoso.com", mobility: true }], edge: { accessEdgeIps: ["10.0.0.10", "fd00::10"], reverseProxy: { ips: ["192.168.1.40"] } }, allowPrivateAddresses: true };
            const run = await runUnderMocks(() => {
                new LyncEdgeDns("lab", toComponentArgs(lab as never, { provider: "route53" }));
                new route53.Record("manual-xmpp-srv", { zoneId: "Z1", name: "_xmpp-server._tcp.lab.contoso.com", type: "SRV", ttl: 300, records: ["0 0 5269 chat.lab.contoso.com."] });
                new route53.Record("manual-chat", { zoneId: "Z1", name: "chat.lab.contoso.com", type: "A", ttl: 300, records: ["10.0.0.99"] });
            });
            await atUpdateAndPreview(packResources(run), ["lync-public-addresses"]);
        });

        it("Microsoft 365: a hybrid domain's federation SRV at Microsoft 365, an online domain's SRV on premises", async () => {
            const mixed: EdgeDnsConfig = {
                sipDomains: [{ name: "contoso.com", mobility: true }, { name: "fabrikam.com", hosting: "hybrid", externalAccess: false }, { name: "litware.com", hosting: "online" }],
                edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com"] } },
                microsoft365: { legacyClientRecords: true },
            };
            const run = await runUnderMocks(() => new LyncEdgeDns("edge", toComponentArgs(mixed, { provider: "azure", resourceGroupName: "rg" })));
            const handMade = [
                r53("_sipfederationtls._tcp.fabrikam.com", "SRV", ["100 1 5061 sipfed.online.lync.com."], "ZFABRIKAM"),
                az("litware.com", "_xmpp-server._tcp", "SRV", ["0 0 5269 xmpp.litware.com"]),
            ];
            await atUpdateAndPreview([...packResources(run), ...handMade], ["lync-srv-target-address", "lync-srv-same-domain"]);
        });

        it("two Edges, one single-IP on port 5061, and the other's _sip._tls moved onto that port", async () => {
            const run = await runUnderMocks(() => {
                new LyncEdgeDns("edge", { sipDomains: [{ name: "contoso.com" }], edge: { accessEdgeIps: ["131.107.155.10"], accessEdgeClientPort: 5061 }, dns: { provider: "route53", hostedZoneIds: { "contoso.com": "ZCONTOSO" } } });
                new LyncEdgeDns("edge-fabrikam", { sipDomains: [{ name: "fabrikam.com" }], edge: { accessEdgeIps: ["131.107.155.20"] }, dns: { provider: "route53", hostedZoneIds: { "fabrikam.com": "ZFABRIKAM" } } });
            });
            const stack = packResources(run);
            await atUpdateAndPreview(stack, []);
            const moved = stack.map((r) => (r.name === "edge-fabrikam/fabrikam.com/_sip._tls/SRV" ? { ...r, props: { ...r.props, records: ["0 0 5061 sip.fabrikam.com."] } } : r));
            await atUpdateAndPreview(moved, ["lync-federation-ports"]);
        });
    });

    // Last: mocha runs a suite's own tests before its nested suites.
    describe("the set as a whole", () => {
        it("violates every policy, leaves some to the update, and holds clean stacks", () => {
            assert.deepEqual([...seen.violated].sort(), edgeDnsPolicies().map((p) => p.name).sort());
            assert.ok(seen.deferred.size > 0, "some policy was left to the update");
            assert.ok(seen.clean > 0, "some stack was clean");
        });
    });
});
