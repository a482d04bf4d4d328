/** The component's type token, `<package>:index:<Type>` for use from every Pulumi language; in a module of its own so that stack readers need not load Pulumi. */
export const LYNC_EDGE_DNS_TYPE = "lync-edge-dns:index:LyncEdgeDns";
