"""LyncEdgeDns from a Python program.

Add the package first (from the folder of this project, or its git URL);
Pulumi generates the Python SDK `pulumi_lync_edge_dns` into ./sdks:

    pulumi package add <path or URL of lync-edge-dns>
"""
import pulumi
import pulumi_lync_edge_dns as lync_edge_dns

edge_dns = lync_edge_dns.LyncEdgeDns(
    "edge",
    sip_domains=[
        lync_edge_dns.SipDomainArgs(name="contoso.com", mobility=True),
        lync_edge_dns.SipDomainArgs(name="fabrikam.com", external_access=False),
    ],
    edge=lync_edge_dns.EdgeEndpointsArgs(
        access_edge_ips=["131.107.155.10", "131.107.155.11"],
        reverse_proxy=lync_edge_dns.ReverseProxyArgs(ips=["131.107.155.40"]),
    ),
    dns=lync_edge_dns.DnsTargetArgs(
        provider=lync_edge_dns.DnsProvider.AZURE,
        resource_group_name="rg-edge-dns",
    ),
)

pulumi.export("certificateSubjectNames", edge_dns.certificate_subject_names)
