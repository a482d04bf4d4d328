/**
 * The plan without Pulumi: what would be published, as plain data. Prints
 *
 *   contoso.com  SRV  _sip._tls.contoso.com  0 0 443 sip.contoso.com.
 *   contoso.com  SRV  _sipfederationtls._tcp.contoso.com  0 0 5061 sip.contoso.com.
 *   contoso.com  A    sip.contoso.com  131.107.155.10
 *   fabrikam..com: sipDomains[0]: "fabrikam..com" is not a valid DNS name: it has an empty label (two dots in a row, or a leading dot)
 */
import { ConfigError, planRecords, type EdgeDnsConfig } from "lync-edge-dns/core";

function show(config: EdgeDnsConfig): void {
    try {
        for (const { zone, records } of planRecords(config).zones) {
            for (const r of records) console.log(`${zone}  ${r.type.padEnd(4)} ${r.name}  ${r.values.join(", ")}`);
        }
    } catch (error) {
        if (!ConfigError.isInstance(error)) throw error;
        for (const issue of error.issues) console.log(`${String(config.sipDomains[0])}: ${issue.path}: ${issue.message}`);
    }
}

show({ sipDomains: ["contoso.com"], edge: { accessEdgeIps: ["131.107.155.10"] } });
show({ sipDomains: ["fabrikam..com"], edge: { accessEdgeIps: ["131.107.155.10"] } });
