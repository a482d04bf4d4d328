/**
 * Deployments with Microsoft 365 and their record sets, typed by hand from
 * Microsoft's pages (sources in tests/unit/microsoft-365.test.ts): each row
 * `zone TYPE name values`. Every entry point is checked against the same
 * rows: the planner, the component on Route 53 and Azure, BIND with verify,
 * and the policy pack.
 */
import type { EdgeDnsConfig } from "../../components";

/** A deployment and the rows Microsoft's tables give it. */
export interface MicrosoftTable {
    what: string;
    config: EdgeDnsConfig;
    rows: string[];
}

const EDGE = { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com"] } };

function online(cloud: "worldwide" | "gccHigh" | "dod" | "china", suffix: string, legacy: boolean): MicrosoftTable {
    return {
        what: `Teams Only, ${cloud}, ${legacy ? "with the legacy client records" : "minimal"}`,
        config: { sipDomains: [{ name: "contoso.com", hosting: "online" }], microsoft365: { cloud, legacyClientRecords: legacy } },
        rows: legacy
            ? [
                `contoso.com SRV _sip._tls.contoso.com 100 1 443 sipdir.${suffix}.`,
                `contoso.com SRV _sipfederationtls._tcp.contoso.com 100 1 5061 sipfed.${suffix}.`,
                `contoso.com CNAME lyncdiscover.contoso.com webdir.${suffix}.`,
                `contoso.com CNAME sip.contoso.com sipdir.${suffix}.`,
            ]
            : [`contoso.com SRV _sipfederationtls._tcp.contoso.com 100 1 5061 sipfed.${suffix}.`],
    };
}

/** Every table. */
export const MICROSOFT_TABLES: readonly MicrosoftTable[] = [
    online("worldwide", "online.lync.com", false),
    online("worldwide", "online.lync.com", true),
    online("gccHigh", "online.gov.skypeforbusiness.us", true),
    online("dod", "online.dod.skypeforbusiness.us", true),
    online("china", "online.partner.lync.cn", true),
    {
        what: "hybrid (before the cutover)",
        config: { sipDomains: [{ name: "contoso.com", hosting: "hybrid" }], edge: EDGE },
        rows: [
            "contoso.com SRV _sip._tls.contoso.com 0 0 443 sip.contoso.com.",
            "contoso.com SRV _sipfederationtls._tcp.contoso.com 0 0 5061 sip.contoso.com.",
            "contoso.com A lyncdiscover.contoso.com 131.107.155.40",
            "contoso.com A meet.contoso.com 131.107.155.40",
            "contoso.com A sip.contoso.com 131.107.155.10",
        ],
    },
    {
        what: "mixed: one domain of each kind",
        config: {
            sipDomains: [
                { name: "contoso.com", mobility: true },
                { name: "fabrikam.com", hosting: "hybrid", externalAccess: false },
                { name: "litware.com", hosting: "online" },
            ],
            edge: { accessEdgeIps: ["131.107.155.10"], reverseProxy: { ips: ["131.107.155.40"], hosts: ["meet.contoso.com", "meet.fabrikam.com"] } },
            microsoft365: { legacyClientRecords: true },
        },
        rows: [
            "contoso.com SRV _sip._tls.contoso.com 0 0 443 sip.contoso.com.",
            "contoso.com SRV _sipfederationtls._tcp.contoso.com 0 0 5061 sip.contoso.com.",
            "contoso.com A lyncdiscover.contoso.com 131.107.155.40",
            "contoso.com A meet.contoso.com 131.107.155.40",
            "contoso.com A sip.contoso.com 131.107.155.10",
            "fabrikam.com SRV _sipfederationtls._tcp.fabrikam.com 0 0 5061 sip.fabrikam.com.",
            "fabrikam.com A meet.fabrikam.com 131.107.155.40",
            "fabrikam.com A sip.fabrikam.com 131.107.155.10",
            "litware.com SRV _sip._tls.litware.com 100 1 443 sipdir.online.lync.com.",
            "litware.com SRV _sipfederationtls._tcp.litware.com 100 1 5061 sipfed.online.lync.com.",
            "litware.com CNAME lyncdiscover.litware.com webdir.online.lync.com.",
            "litware.com CNAME sip.litware.com sipdir.online.lync.com.",
        ],
    },
];

/** The plan-style row of a registered record resource, read from the provider's inputs. */
export function resourceRow(type: string, inputs: Record<string, unknown>): string {
    if (type === "aws:route53/record:Record") {
        const name = String(inputs.name);
        return `${name.split(".").slice(-2).join(".")} ${String(inputs.type)} ${name} ${(inputs.records as string[]).join(", ")}`;
    }
    const zone = String(inputs.zoneName);
    const relative = String(inputs.relativeRecordSetName);
    const name = relative === "@" ? zone : `${relative}.${zone}`;
    const srv = (inputs.srvRecords as { priority: number; weight: number; port: number; target: string }[] | undefined)?.map((s) => `${s.priority} ${s.weight} ${s.port} ${s.target}.`);
    const a = (inputs.aRecords as { ipv4Address: string }[] | undefined)?.map((x) => x.ipv4Address);
    const cname = (inputs.cnameRecord as { cname: string } | undefined)?.cname;
    return `${zone} ${String(inputs.recordType)} ${name} ${(srv ?? a ?? (cname ? [`${cname}.`] : [])).join(", ")}`;
}
