/**
 * Microsoft 365, hybrid and Teams Only, from Microsoft's own tables. GIVEN
 * domains hosted online (each cloud, minimal and with the legacy client
 * records), hybrid, and a mixed deployment, WHEN planned, THEN the record
 * sets are exactly the rows below, typed by hand from Microsoft's pages:
 *
 * [TO]  "Update DNS entries to enable your organization to be all Teams
 *       Only": _sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com;
 *       legacy: _sip._tls SRV 100 1 443 sipdir.online.lync.com, sip CNAME
 *       sipdir.online.lync.com, lyncdiscover CNAME webdir.online.lync.com.
 * [GOV] "DNS records for Office 365 GCC High" / "... DoD":
 *       *.online.gov.skypeforbusiness.us / *.online.dod.skypeforbusiness.us.
 * [CN]  21Vianet: *.online.partner.lync.cn.
 * [HY]  "Configure hybrid connectivity": every external record points on
 *       premises; the federation SRV "for all supported SIP domains".
 * [LD]  "DNS requirements for Skype for Business Server 2015": lyncdiscover
 *       required for every domain with external users.
 */
import assert from "node:assert/strict";
import { ConfigError, SRV_PORTS, SRV_SERVICES, diffPlans, planDeployment, planRecords, type EdgeDnsConfig } from "../../components";
import { MICROSOFT_TABLES } from "../helpers/microsoft-365-tables";

function rows(config: EdgeDnsConfig): string[] {
    return planRecords(config).zones.flatMap(({ zone, records }) => records.map((r) => `${zone} ${r.type} ${r.name} ${r.values.join(", ")}`));
}

const EDGE = { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com"] } };

describe("Microsoft's tables through the planner", () => {
    // The rows, typed by hand from the pages cited above, are shared with the
    // integration tests that hold the component, BIND and the pack to them.
    for (const table of MICROSOFT_TABLES) {
        it(table.what, () => assert.deepEqual(rows(table.config), table.rows));
    }

    it("Teams Only needs no edge and warns about nothing [TO]", () => {
        assert.deepEqual(planRecords({ sipDomains: [{ name: "contoso.com", hosting: "online" }] }).warnings, []);
    });
});

describe("Microsoft 365: what is warned about", () => {
    it("a Meet or Dial-in simple URL of an online domain: Microsoft deletes meet.<d> and dialin.<d> for Teams Only [TO]; another host under it, and an on-premises domain's, are fine", () => {
        const { warnings } = planRecords({
            sipDomains: ["contoso.com", { name: "northwind.com", hosting: "online" }],
            edge: {
                accessEdgeIps: ["131.107.155.10"],
                webConferencing: { fqdn: "webcon.northwind.com", ips: ["131.107.155.20"] },
                av: { fqdn: "av.contoso.com", ips: ["131.107.155.30"] },
                reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com", "meet.northwind.com", "dialin.northwind.com", "webext.northwind.com"] },
            },
        });
        assert.deepEqual(warnings, [
            "edge.reverseProxy.hosts[1]: meet.northwind.com is the Meet simple URL of northwind.com, which is online (Teams Only): its meetings are in Microsoft 365, and Microsoft deletes meet.northwind.com from DNS when a domain moves to Teams Only; remove it from edge.reverseProxy.hosts",
            "edge.reverseProxy.hosts[2]: dialin.northwind.com is the Dial-in simple URL of northwind.com, which is online (Teams Only): its meetings are in Microsoft 365, and Microsoft deletes dialin.northwind.com from DNS when a domain moves to Teams Only; remove it from edge.reverseProxy.hosts",
        ]);
    });
});

describe("Microsoft 365 settings without an online domain", () => {
    it("are warned about: no record uses them; with an online domain, no warning", () => {
        const edge = { accessEdgeIps: ["131.107.155.10"] };
        assert.deepEqual(planRecords({ sipDomains: [{ name: "contoso.com", hosting: "hybrid" }], edge, microsoft365: { cloud: "gccHigh" } }).warnings.filter((w) => w.startsWith("microsoft365")), [
            "microsoft365: is given, but no SIP domain is online (hosting: online), so no record uses it: hybrid domains point on premises until they move",
        ]);
        assert.deepEqual(planRecords({ sipDomains: [{ name: "contoso.com", hosting: "online" }], microsoft365: { cloud: "gccHigh" } }).warnings, []);
    });
});

describe("On-premises settings when every domain is online", () => {
    it("srv and hostnames are warned about: no record uses them [TO]; one domain on premises uses them, no warning", () => {
        const settings = { srv: { priority: 10, weight: 5 }, hostnames: { accessEdge: "access", xmpp: "chat" } };
        assert.deepEqual(planRecords({ sipDomains: [{ name: "contoso.com", hosting: "online" }], ...settings }).warnings, [
            "srv: is given, but every SIP domain is online (hosting: online), so no record uses it: an online domain's SRV records carry Microsoft 365's priority 100 and weight 1",
            "hostnames: is given, but every SIP domain is online (hosting: online), so no record uses it: an online domain's hosts are Microsoft 365's",
        ]);
        const mixed = planRecords({ sipDomains: [{ name: "contoso.com", hosting: "online" }, "fabrikam.com"], edge: { accessEdgeIps: ["131.107.155.10"] }, ...settings });
        assert.deepEqual(mixed.warnings.filter((w) => w.startsWith("edge:")), []);
        assert.deepEqual(mixed.warnings.filter((w) => /^(srv|hostnames):/.test(w)), []);
        assert.ok(mixed.zones.some((z) => z.records.some((r) => r.name === "access.fabrikam.com")));
    });
});

describe("An Edge when every domain is online", () => {
    it("is warned about: its hosts point on premises, where no user is [TO]; with only the Access Edge, no record uses it", () => {
        const online = [{ name: "northwind.com", hosting: "online" as const }, { name: "litware.com", hosting: "online" as const }];
        assert.deepEqual(planRecords({
            sipDomains: online,
            edge: { accessEdgeIps: ["131.107.155.10"], webConferencing: { fqdn: "webcon.northwind.com", ips: ["131.107.155.20"] }, reverseProxy: { ips: ["131.107.155.40"], hosts: ["webext.northwind.com"] } },
        }).warnings, ["edge: is given, but every SIP domain is online (hosting: online): webcon.northwind.com, webext.northwind.com still point on premises, where no user is; remove them with the Edge once it is retired"]);
        assert.deepEqual(planRecords({ sipDomains: online, edge: { accessEdgeIps: ["131.107.155.10"] } }).warnings, ["edge: is given, but every SIP domain is online (hosting: online), so no record uses it"]);
    });
});

describe("Microsoft 365: what is refused", () => {
    it("refuses XMPP on an online domain, and a missing edge while a domain is on premises", () => {
        assert.throws(() => planRecords({ sipDomains: [{ name: "contoso.com", hosting: "online", xmpp: true }, "fabrikam.com"] }), (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.deepEqual(error.issues.map((i) => `${i.path}: ${i.message}`), [
                "sipDomains[0].xmpp: an online (Teams Only) domain publishes nothing that points on premises, and Microsoft 365 has no XMPP federation; set xmpp to false",
                "edge: is required: fabrikam.com is hosted on premises or hybrid, and its records point to the Edge; give edge.accessEdgeIps (or set hosting: online for a Teams Only domain)",
            ]);
            return true;
        });
    });

    it("refuses mobility on an online domain, as XMPP: its users are in Microsoft 365 (the component would have listed it in mobilityDomains for the pack)", () => {
        assert.throws(() => planRecords({ sipDomains: [{ name: "adatum.com", hosting: "online", mobility: true }] }), (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.deepEqual(error.issues.map((i) => `${i.path}: ${i.message}`), [
                "sipDomains[0].mobility: an online (Teams Only) domain's users are in Microsoft 365, where the on-premises mobility service and its push notifications do not reach them; set mobility to false",
            ]);
            return true;
        });
    });

    it("refuses a CNAME at a zone apex: sip.contoso.com a zone of its own while contoso.com is online with legacy records", () => {
        assert.throws(() => planRecords({
            sipDomains: [{ name: "contoso.com", hosting: "online" }, { name: "sip.contoso.com", hosting: "online" }],
            microsoft365: { legacyClientRecords: true },
        }), (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.deepEqual(error.issues.map((i) => i.path), ["sipDomains[0]"]);
            assert.match(error.issues[0]?.message ?? "", /^sip\.contoso\.com would be a CNAME at the apex of its zone sip\.contoso\.com/);
            return true;
        });
    });
});

describe("Microsoft 365: hybrid and mixed deployments", () => {
    it("hybrid: every record on premises, the federation SRV even without discovery, with a warning [HY]", () => {
        const plan = planRecords({ sipDomains: [{ name: "contoso.com", hosting: "hybrid", federationDiscovery: false }], edge: EDGE });
        assert.deepEqual(plan.zones.flatMap(({ zone, records }) => records.map((r) => `${zone} ${r.type} ${r.name} ${r.values.join(", ")}`)), [
            "contoso.com SRV _sip._tls.contoso.com 0 0 443 sip.contoso.com.",
            "contoso.com SRV _sipfederationtls._tcp.contoso.com 0 0 5061 sip.contoso.com.",
            "contoso.com A lyncdiscover.contoso.com 131.107.155.40",
            "contoso.com A meet.contoso.com 131.107.155.40",
            "contoso.com A sip.contoso.com 131.107.155.10",
        ]);
        assert.ok(plan.warnings.some((w) => w.startsWith("sipDomains[0].federationDiscovery: contoso.com is hybrid: _sipfederationtls._tcp.contoso.com is published anyway, because Microsoft requires it for every SIP domain shared with Microsoft 365")), plan.warnings.join("\n"));
    });

    it("lyncdiscover for every domain with external access, not only mobility ones [LD]", () => {
        assert.ok(rows({ sipDomains: ["contoso.com"], edge: EDGE }).includes("contoso.com A lyncdiscover.contoso.com 131.107.155.40"));
        assert.ok(!rows({ sipDomains: [{ name: "contoso.com", externalAccess: false }], edge: EDGE }).some((r) => r.includes("lyncdiscover")));
    });

    it("Subscription Edition: XMPP refused as on 2019", () => {
        assert.throws(() => planRecords({ sipDomains: [{ name: "contoso.com", xmpp: true }], edge: EDGE, serverVersion: "SE" }), (error: unknown) => {
            assert.ok(ConfigError.isInstance(error));
            assert.deepEqual(error.issues.map((i) => `${i.path}: ${i.message}`), [
                'sipDomains[0].xmpp: Skype for Business Server Subscription Edition has no XMPP gateway; set xmpp to false, or serverVersion to "2013" or "2015"',
            ]);
            return true;
        });
    });
});

describe("the cutover from hybrid to Teams Only", () => {
    const before: EdgeDnsConfig = { sipDomains: [{ name: "contoso.com", hosting: "hybrid" }], edge: EDGE };
    const after: EdgeDnsConfig = { sipDomains: [{ name: "contoso.com", hosting: "online" }], microsoft365: { legacyClientRecords: true } };

    it("diffPlans says what the cutover changes and what stops meanwhile", () => {
        const diff = diffPlans(planDeployment(before), planDeployment(after));
        assert.deepEqual(diff.added.map((r) => `${r.type} ${r.name}`), ["CNAME lyncdiscover.contoso.com", "CNAME sip.contoso.com"]);
        assert.deepEqual(diff.removed.map((r) => `${r.type} ${r.name}`), ["A lyncdiscover.contoso.com", "A meet.contoso.com", "A sip.contoso.com"]);
        assert.deepEqual(diff.changed.map((r) => `${r.type} ${r.name}`), ["SRV _sip._tls.contoso.com", "SRV _sipfederationtls._tcp.contoso.com"]);
        // In plan order: the federation SRV's name sorts first.
        assert.deepEqual(diff.warnings, [
            "contoso.com moves to Microsoft 365 (Teams Only): _sipfederationtls._tcp.contoso.com now points to sipfed.online.lync.com. Microsoft's order: update DNS (this change), then set the tenant's coexistence mode to Teams Only, disable the shared SIP address space, and remove the hosting provider. Until the tenant is Teams Only, users still on premises lose federation and push notifications, and partners who route to your Edge directly stop federating until they change it",
            "lyncdiscover.contoso.com changes from A to a CNAME to webdir.online.lync.com.: the component replaces the A record set, deleting it before it creates the CNAME (DNS refuses a CNAME beside other data)",
            "sip.contoso.com changes from A to a CNAME to sipdir.online.lync.com.: the component replaces the A record set, deleting it before it creates the CNAME (DNS refuses a CNAME beside other data)",
        ]);
    });

    it("a dual-stack Edge: the one-step change would fail half-way, so diffPlans says which two steps", () => {
        const dual = { ...before, edge: { ...EDGE, accessEdgeIps: ["131.107.155.10", "2001:4898::10"] } };
        const diff = diffPlans(planDeployment(dual), planDeployment(after));
        assert.ok(diff.warnings.includes("sip.contoso.com changes from A and AAAA to a CNAME to sipdir.online.lync.com.: it also holds AAAA, which Pulumi deletes only after creating the CNAME, and DNS refuses a CNAME beside other data, so this change fails half-way. Apply it in two steps: first with microsoft365.legacyClientRecords false (the address records go), then true (the CNAMEs come); that setting is the deployment's, so between the two steps the legacy records of every other online domain are gone too"), diff.warnings.join("\n"));
    });
});

describe("the public SRV constants", () => {
    it("keep the Edge's three services, the online kinds sharing theirs (RFC 2782 names, IANA ports)", () => {
        assert.deepEqual(SRV_PORTS, { sipFederation: 5061, sipExternal: 443, xmppServer: 5269 });
        assert.deepEqual(SRV_SERVICES, { sipFederation: "_sipfederationtls._tcp", sipExternal: "_sip._tls", xmppServer: "_xmpp-server._tcp" });
    });
});
