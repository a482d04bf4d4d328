/**
 * The Access Edge's client port: GIVEN `edge.accessEdgeClientPort`, WHEN the
 * deployment is planned, THEN a port other than 443 is published (the ports
 * rule accepts it) and warned about. Microsoft: a single IP for the three
 * Edge services is "possible, though not recommended ... 5061/TCP for the
 * Access Edge, 444/TCP for the Web Conferencing Edge and 443/TCP for the AV
 * Edge"; an Access Edge with addresses of its own takes 443.
 */
import assert from "node:assert/strict";
import { planRecords } from "../../components";

const externalAccess = { sipDomains: ["contoso.com"] };
const portWarnings = (warnings: string[]) => warnings.filter((w) => w.startsWith("edge.accessEdgeClientPort"));

describe("the Access Edge's client port", () => {
    it("443 (the default, or given): no warning", () => {
        for (const edge of [{ accessEdgeIps: ["131.107.155.10"] }, { accessEdgeIps: ["131.107.155.10"], accessEdgeClientPort: 443 }]) {
            assert.deepEqual(portWarnings(planRecords({ ...externalAccess, edge }).warnings), []);
        }
    });

    it("5061 on a single-IP Edge, the three services on one address, or on a pool of them: published, and warned about as Microsoft does", () => {
        const warning = 'edge.accessEdgeClientPort: is 5061: remote clients behind firewalls that let only 443 out cannot sign in; Microsoft calls a single-IP Edge, with the Access Edge on another port, "possible, though not recommended"';
        const single = { accessEdgeIps: ["131.107.155.10"], accessEdgeClientPort: 5061, webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.10"] }, av: { fqdn: "av.contoso.com", ips: ["131.107.155.10"] } };
        const pool = { accessEdgeIps: ["131.107.155.10", "131.107.155.11"], accessEdgeClientPort: 5061 };
        // The Access Edge with an IPv6 address beside the IPv4 one the other services share: still one address for all three.
        const dualStack = { ...single, accessEdgeIps: ["131.107.155.10", "2001:4898::10"] };
        for (const edge of [single, pool, dualStack]) {
            const plan = planRecords({ ...externalAccess, edge });
            assert.deepEqual(portWarnings(plan.warnings), [warning]);
            const sipTls = plan.zones[0]?.records.find((r) => r.name === "_sip._tls.contoso.com");
            assert.deepEqual(sipTls?.values, ["0 0 5061 sip.contoso.com."]);
        }
    });

    it("5061 while Web Conferencing or A/V have addresses of their own: the Access Edge has its own too, and takes 443", () => {
        const edge = { accessEdgeIps: ["131.107.155.10"], accessEdgeClientPort: 5061, webConferencing: { fqdn: "webcon.contoso.com", ips: ["131.107.155.20"] }, av: { fqdn: "av.contoso.com", ips: ["131.107.155.10"] } };
        assert.deepEqual(portWarnings(planRecords({ ...externalAccess, edge }).warnings), [
            "edge.accessEdgeClientPort: is 5061, while the Access Edge has addresses of its own (edge.webConferencing.ips use others): a client port other than 443 is for a single-IP Edge, whose three services share one address; with its own address the Access Edge takes 443, which remote clients reach through firewalls that let only 443 out",
        ]);
    });

    it("no domain with external access: no _sip._tls, nothing to warn about", () => {
        const plan = planRecords({ sipDomains: [{ name: "contoso.com", externalAccess: false }], edge: { accessEdgeIps: ["131.107.155.10"], accessEdgeClientPort: 5061 } });
        assert.deepEqual(portWarnings(plan.warnings), []);
    });
});
