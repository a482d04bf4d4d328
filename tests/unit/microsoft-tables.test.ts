/**
 * The records Microsoft's tables call for, typed by hand: GIVEN a deployment,
 * WHEN it is planned, THEN the plan holds exactly the record sets below, each
 * row written from Microsoft's documentation, not from this package's output.
 *
 * Sources, cited on each row:
 *   [FED]  "DNS summary - SIP, XMPP federation, and public instant messaging
 *          in Lync Server 2013" (TechNet JJ618369): External DNS/SRV/5061
 *          `_sipfederationtls._tcp.<d>` -> `sip.<d>`, for federation
 *          discovery; "required for mobility and the push notification
 *          clearing house", one per domain with Lync Mobile clients.
 *   [XMPP] the same page, "DNS Summary - XMPP": External DNS/SRV/5269
 *          `_xmpp-server._tcp.<d>` -> `xmpp.<d>`, and External DNS/A
 *          `xmpp.<d>` -> the Access Edge IP hosting the XMPP proxy.
 *   [EXT]  "Edge Server environmental requirements" (Skype for Business
 *          Server 2015/2019) and "Determine DNS requirements for Lync Server
 *          2013": SRV 443 `_sip._tls.<d>` -> `sip.<d>`, external user access
 *          and public IM connectivity, one per SIP domain.
 *   [SIP]  the same: A/AAAA `sip.<d>` -> the Access Edge public IPs.
 *   [WEB]  the same: A/AAAA Web Conferencing Edge FQDN -> its public IPs.
 *   [AV]   the same: A/AAAA A/V Edge FQDN -> its public IPs.
 *   [DISC] the same: A/AAAA `lyncdiscover.<d>` -> the reverse proxy's public IP.
 *   [URL]  the same: simple URLs and external web services (`meet.`,
 *          `dialin.`, `webext.`) -> the reverse proxy's public IP.
 *   [POOL] "DNS summary - scaled consolidated Edge, DNS load balancing with
 *          public IP addresses": one A record per pool member, same name.
 *   [V6]   the same pages: AAAA beside A where IPv6 is used.
 *   [SAME] the same-domain rule: an SRV record in contoso.com points to an
 *          A/AAAA record in contoso.com.
 *   [00]   Microsoft's examples use priority 0, weight 0.
 *
 * Zones come from the README (a domain's records in its zone). lyncdiscover
 * follows the README's rule of today: published for a domain with mobility
 * when there is a reverse proxy. Microsoft lists it as required for every
 * domain with external access; a later change brings the package there, and
 * these tables with it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as YAML from "yaml";
import { planRecords, type EdgeDnsConfig, type EdgeDnsPlan } from "../../components";
import { certificateSubjectNames } from "../../components/core/plan/certificate";
import { planDeployment } from "../../components/core/plan/planner";

/** One expected record set: its zone, type, owner name and values (any order). */
type Row = [zone: string, type: "SRV" | "A" | "AAAA" | "CNAME", name: string, values: string[]];

interface TableCase {
    name: string;
    config: () => EdgeDnsConfig;
    rows: Row[];
}

/** A plan or a table as comparable lines, values sorted, lines sorted. */
function lines(rows: readonly Row[]): string[] {
    return rows.map(([zone, type, name, values]) => `${zone}  ${type}  ${name}  ${[...values].sort().join(", ")}`).sort();
}

function planRows(plan: EdgeDnsPlan): Row[] {
    return plan.zones.flatMap(({ zone, records }) => records.map((r): Row => [zone, r.type, r.name, r.values]));
}

/** The deployment of the example stack, as a user would copy it. */
function exampleStackDeployment(): EdgeDnsConfig {
    const stack = YAML.parse(readFileSync(join(__dirname, "..", "..", "Pulumi.example.yaml"), "utf8")) as { config?: Record<string, unknown> };
    const deployment = stack.config?.["lync-edge-dns:deployment"];
    assert.ok(deployment, "Pulumi.example.yaml has lync-edge-dns:deployment");
    return deployment as EdgeDnsConfig;
}

const cases: TableCase[] = [
    {
        name: "the example stack: contoso.com with mobility and XMPP, fabrikam.com federation only, a pool of two, every Edge role",
        config: exampleStackDeployment,
        rows: [
            ["contoso.com", "SRV", "_sipfederationtls._tcp.contoso.com", ["0 0 5061 sip.contoso.com."]], // [FED] discovery and mobility, [SAME], [00]
            ["contoso.com", "SRV", "_sip._tls.contoso.com", ["0 0 443 sip.contoso.com."]], // [EXT]
            ["contoso.com", "A", "sip.contoso.com", ["203.0.113.10", "203.0.113.11"]], // [SIP] [POOL]
            ["contoso.com", "SRV", "_xmpp-server._tcp.contoso.com", ["0 0 5269 xmpp.contoso.com."]], // [XMPP]
            ["contoso.com", "A", "xmpp.contoso.com", ["203.0.113.10", "203.0.113.11"]], // [XMPP] Access Edge IPs, [POOL]
            ["contoso.com", "A", "lyncdiscover.contoso.com", ["198.51.100.10"]], // [DISC] mobility with a reverse proxy
            ["contoso.com", "A", "webcon.contoso.com", ["203.0.113.20", "203.0.113.21"]], // [WEB]
            ["contoso.com", "A", "av.contoso.com", ["203.0.113.30", "203.0.113.31"]], // [AV]
            ["contoso.com", "A", "meet.contoso.com", ["198.51.100.10"]], // [URL]
            ["contoso.com", "A", "dialin.contoso.com", ["198.51.100.10"]], // [URL]
            ["contoso.com", "A", "webext.contoso.com", ["198.51.100.10"]], // [URL]
            ["fabrikam.com", "SRV", "_sipfederationtls._tcp.fabrikam.com", ["0 0 5061 sip.fabrikam.com."]], // [FED] [SAME]
            ["fabrikam.com", "A", "sip.fabrikam.com", ["203.0.113.10", "203.0.113.11"]], // [SIP] target of the SRV above; no _sip._tls: externalAccess false
        ],
    },
    {
        name: "a single domain with every default: discovery and external access, one Edge",
        config: () => ({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] } }),
        rows: [
            ["contoso.com", "SRV", "_sipfederationtls._tcp.contoso.com", ["0 0 5061 sip.contoso.com."]], // [FED] discovery is the default
            ["contoso.com", "SRV", "_sip._tls.contoso.com", ["0 0 443 sip.contoso.com."]], // [EXT]
            ["contoso.com", "A", "sip.contoso.com", ["131.107.155.10"]], // [SIP]
        ],
    },
    {
        name: "mobility without discovery still publishes the federation SRV, and lyncdiscover with a reverse proxy",
        config: () => ({
            sipDomains: [{ name: "contoso.com", mobility: true, federationDiscovery: false }],
            edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"] } },
        }),
        rows: [
            // [FED] "required for mobility and the push notification clearing house"; discovery is
            // turned off on the Edge (Enable partner domain discovery), not by leaving the record out.
            ["contoso.com", "SRV", "_sipfederationtls._tcp.contoso.com", ["0 0 5061 sip.contoso.com."]],
            ["contoso.com", "SRV", "_sip._tls.contoso.com", ["0 0 443 sip.contoso.com."]], // [EXT]
            ["contoso.com", "A", "sip.contoso.com", ["131.107.155.10"]], // [SIP]
            ["contoso.com", "A", "lyncdiscover.contoso.com", ["131.107.155.40"]], // [DISC]
        ],
    },
    {
        name: "XMPP federation on Skype for Business Server 2015",
        config: () => ({ serverVersion: "2015", sipDomains: [{ name: "contoso.com", xmpp: true }], edge: { accessEdgeIps: ["131.107.155.10"] } }),
        rows: [
            ["contoso.com", "SRV", "_sipfederationtls._tcp.contoso.com", ["0 0 5061 sip.contoso.com."]], // [FED]
            ["contoso.com", "SRV", "_sip._tls.contoso.com", ["0 0 443 sip.contoso.com."]], // [EXT]
            ["contoso.com", "A", "sip.contoso.com", ["131.107.155.10"]], // [SIP]
            ["contoso.com", "SRV", "_xmpp-server._tcp.contoso.com", ["0 0 5269 xmpp.contoso.com."]], // [XMPP] SRV/5269, [SAME]
            ["contoso.com", "A", "xmpp.contoso.com", ["131.107.155.10"]], // [XMPP] the A record the SRV points to
        ],
    },
    {
        name: "a dual-stack Edge pool of two: one A and one AAAA record set, a value per member",
        config: () => ({
            sipDomains: ["contoso.com"],
            edge: { accessEdgeIps: ["131.107.155.10", "131.107.155.11", "2001:4898:e0:2::10", "2001:4898:e0:2::11"] },
        }),
        rows: [
            ["contoso.com", "SRV", "_sipfederationtls._tcp.contoso.com", ["0 0 5061 sip.contoso.com."]], // [FED]
            ["contoso.com", "SRV", "_sip._tls.contoso.com", ["0 0 443 sip.contoso.com."]], // [EXT]
            ["contoso.com", "A", "sip.contoso.com", ["131.107.155.10", "131.107.155.11"]], // [SIP] [POOL]
            ["contoso.com", "AAAA", "sip.contoso.com", ["2001:4898:e0:2::10", "2001:4898:e0:2::11"]], // [V6] [POOL]
        ],
    },
    {
        name: "a domain without external access: federation only, no _sip._tls",
        config: () => ({ sipDomains: [{ name: "contoso.com", externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"] } }),
        rows: [
            ["contoso.com", "SRV", "_sipfederationtls._tcp.contoso.com", ["0 0 5061 sip.contoso.com."]], // [FED]
            ["contoso.com", "A", "sip.contoso.com", ["131.107.155.10"]], // [SIP] still the federation SRV's target
        ],
    },
    {
        name: "a subdomain in its parent's zone: its own records, pointing inside itself",
        config: () => ({
            sipDomains: ["contoso.com", { name: "eu.contoso.com", zone: "contoso.com" }],
            edge: { accessEdgeIps: ["131.107.155.10"] },
        }),
        rows: [
            ["contoso.com", "SRV", "_sipfederationtls._tcp.contoso.com", ["0 0 5061 sip.contoso.com."]], // [FED]
            ["contoso.com", "SRV", "_sip._tls.contoso.com", ["0 0 443 sip.contoso.com."]], // [EXT]
            ["contoso.com", "A", "sip.contoso.com", ["131.107.155.10"]], // [SIP]
            ["contoso.com", "SRV", "_sipfederationtls._tcp.eu.contoso.com", ["0 0 5061 sip.eu.contoso.com."]], // [FED] per SIP domain, [SAME]: sip.eu, not sip.contoso
            ["contoso.com", "SRV", "_sip._tls.eu.contoso.com", ["0 0 443 sip.eu.contoso.com."]], // [EXT] one per SIP domain, [SAME]
            ["contoso.com", "A", "sip.eu.contoso.com", ["131.107.155.10"]], // [SIP] one per SIP domain
        ],
    },
];

describe("record sets from Microsoft's tables, typed by hand", () => {
    for (const c of cases) {
        it(c.name, () => {
            assert.deepEqual(lines(planRows(planRecords(c.config()))), lines(c.rows));
        });
    }
});

/**
 * [CERT] "Plan for Edge Server certificates" (Lync Server 2013) and the
 * Skype for Business Server 2015/2019 Edge certificate table: the external
 * interface certificate's subject alternative names hold `sip.<sipdomain>`
 * for each supported SIP domain, the Web Conferencing Edge FQDN, and with
 * XMPP the XMPP names; the A/V Edge FQDN is not on it.
 */
describe("the Edge certificate's names, typed by hand", () => {
    it("sip.<domain> of every domain the Edge serves, even one that publishes no record naming it; xmpp.<domain> with XMPP; the Web Conferencing FQDN; no A/V, no online domain", () => {
        const planned = planDeployment({
            sipDomains: [
                // XMPP federation only: no record names sip.contoso.com, yet the Edge serves contoso.com. [CERT]
                { name: "contoso.com", federationDiscovery: false, externalAccess: false, xmpp: true },
                { name: "litware.com", federationDiscovery: false, externalAccess: false, mobility: true },
                { name: "fabrikam.com", hosting: "hybrid" },
                // Served by Microsoft 365, not by this Edge.
                { name: "northwind.com", hosting: "online" },
            ],
            edge: {
                accessEdgeIps: ["131.107.155.10"],
                webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.20"] },
                av: { fqdn: "av.contoso.com", ips: ["131.107.155.30"] },
                reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com", "meet.litware.com"] },
            },
        });
        assert.deepEqual(certificateSubjectNames(planned), ["sip.contoso.com", "sip.fabrikam.com", "sip.litware.com", "webcon.contoso.com", "xmpp.contoso.com"]);
    });

    it("the Access Edge label as configured", () => {
        const planned = planDeployment({ sipDomains: [{ name: "contoso.com", externalAccess: false, federationDiscovery: false }], edge: { accessEdgeIps: ["131.107.155.10"] }, hostnames: { accessEdge: "access" } });
        assert.deepEqual(certificateSubjectNames(planned), ["access.contoso.com"]);
    });
});
