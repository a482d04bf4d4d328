/**
 * The shape of a deployment description, as one zod schema: runtime checks
 * with field paths, the JSON Schema for editors (`json-schema.ts`), and a
 * compile-time link to the documented interfaces in `types.ts`.
 *
 * The schema checks shape and ranges only; what needs the whole deployment
 * (names, addresses, zones, collisions) is checked in `validate.ts`.
 */
import * as z from "zod";
import type { ConfigIssue } from "./errors";
import { quote } from "../dns/names";
import { Hosting, Microsoft365Cloud, ServerVersion, type EdgeDnsConfig } from "./types";

/** What a value is, in an error message. */
function describeValue(value: unknown): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "an object";
    return quote(value);
}

function integerIn(min: number, max: number, why: string) {
    const rule = `must be a whole number from ${min} to ${max} (${why})`;
    const message = (issue: { input?: unknown }) => `${rule}, got ${describeValue(issue.input)}`;
    return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

function addressList(what: string) {
    return z.array(z.string(), { error: (i) => `must be a list of ${what} addresses, got ${describeValue(i.input)}` })
        .min(1, { error: `must list at least one ${what} address` });
}

const serverVersions = Object.values(ServerVersion);
/** YAML and Pulumi config read `2019` as a number; both spellings mean the release. */
const serverVersionSchema = z.union([
    z.enum(serverVersions),
    z.literal(serverVersions.filter((v) => /^\d+$/.test(v)).map(Number)).transform((n) => String(n) as ServerVersion),
], {
    error: (i) => {
        // Only a difference of case (`se`): a release a digit off is another release.
        const near = typeof i.input === "string" ? nearestName(i.input, serverVersions, 0) : undefined;
        return `must be one of ${serverVersions.map((v) => quote(v)).join(", ")}, got ${describeValue(i.input)}${near ? `; did you mean ${quote(near)}?` : ""}`;
    },
})
    .describe("Lync / Skype for Business Server release: 2013, 2015, 2019 or SE (Subscription Edition; no XMPP in 2019 and SE). Default 2015.");

export const sipDomainSchema = z.strictObject({
    name: z.string().describe("The SIP domain, e.g. contoso.com."),
    zone: z.string().optional().describe("The DNS zone holding this domain's records. Default: the domain itself."),
    federationDiscovery: z.boolean().optional().describe("Publish _sipfederationtls._tcp so federated partners discover the domain. Default true."),
    mobility: z.boolean().optional().describe("Lync Mobile users: publish _sipfederationtls._tcp for push notifications (even without discovery) and lyncdiscover. Default false."),
    xmpp: z.boolean().optional().describe("Publish XMPP federation (_xmpp-server._tcp, xmpp host). Default false."),
    externalAccess: z.boolean().optional().describe("Publish external access (_sip._tls, and lyncdiscover with a reverse proxy). Default true."),
    hosting: enumOf(Object.values(Hosting)).optional().describe("onPremises, hybrid (shared with Microsoft 365, users on premises) or online (Teams Only). Default onPremises."),
}).describe("A SIP domain and the services it publishes.");

/** One of a fixed set of strings, with a message that lists them. */
function enumOf<T extends string>(values: readonly T[]) {
    return z.enum(values as [T, ...T[]], {
        error: (i) => {
            // A near miss (`onpremises`, `GCCHigh`) is named: the list alone leaves the reader to spot the difference.
            // One edit at most: a short value a few edits off is as likely another one (`gov` is not `dod`).
            const near = typeof i.input === "string" ? nearestName(i.input, values, 1) : undefined;
            return `must be one of ${values.map((v) => quote(v)).join(", ")}, got ${describeValue(i.input)}${near ? `; did you mean ${quote(near)}?` : ""}`;
        },
    });
}

const edgeRoleSchema = z.strictObject({
    fqdn: z.string().describe("The service's external FQDN."),
    ips: addressList("IP").describe("Its public IPv4/IPv6 addresses."),
});

export const configSchema = z.strictObject({
    sipDomains: z.array(z.union([z.string(), sipDomainSchema], {
        error: (i) => `must be a domain name or an object with a name, got ${describeValue(i.input)}`,
    }), {
        error: (i) => `must be a list of SIP domains, got ${describeValue(i.input)}`,
    }).min(1, { error: "must list at least one SIP domain" })
        .describe("The SIP domains: a name (all defaults) or an object."),
    edge: z.strictObject({
        accessEdgeIps: addressList("Access Edge").describe("Public IPs of the Access Edge external interface, one per pool member."),
        webConferencing: edgeRoleSchema.optional().describe("Web Conferencing Edge FQDN and IPs."),
        av: edgeRoleSchema.optional().describe("A/V Edge FQDN and IPs."),
        reverseProxy: z.strictObject({
            ips: addressList("reverse proxy").describe("Public IPs of the reverse proxy."),
            hosts: z.array(z.string()).optional().describe("Simple URLs and external web services FQDNs."),
        }).optional().describe("The reverse proxy (lyncdiscover, simple URLs)."),
        accessEdgeClientPort: integerIn(1, 65535, "a TCP port").optional().describe("The port _sip._tls points to. Default 443."),
    }, { error: (i) => `must be an object with accessEdgeIps, got ${describeValue(i.input)}` }).optional().describe("The Edge pool's external endpoints; required unless every domain is online."),
    microsoft365: z.strictObject({
        cloud: enumOf(Object.values(Microsoft365Cloud)).optional().describe("worldwide, gccHigh, dod or china (21Vianet). Default worldwide."),
        legacyClientRecords: z.boolean().optional().describe("Also publish _sip._tls, sip CNAME and lyncdiscover CNAME for online domains. Default false."),
    }).optional().describe("The Microsoft 365 tenant that online domains point to."),
    hostnames: z.strictObject({
        accessEdge: z.string().optional().describe("Access Edge host label under each SIP domain. Default sip."),
        xmpp: z.string().optional().describe("XMPP proxy host label under each SIP domain. Default xmpp."),
    }).optional(),
    ttl: integerIn(1, 2147483647, "seconds; RFC 2181, and Azure DNS refuses 0").optional().describe("TTL of every record set in seconds. Default 3600."),
    srv: z.strictObject({
        priority: integerIn(0, 65535, "RFC 2782").optional().describe("SRV priority. Default 0."),
        weight: integerIn(0, 65535, "RFC 2782").optional().describe("SRV weight. Default 0."),
    }).optional(),
    serverVersion: serverVersionSchema.optional(),
    allowPrivateAddresses: z.boolean().optional().describe("Allow private, loopback, link-local, CGNAT and ULA addresses. Default false."),
}, { error: (i) => `a deployment must be an object with sipDomains and edge, got ${describeValue(i.input)}` });

/** The config as the schema returns it: the documented shape, with `serverVersion` as a string. */
export type ParsedConfig = z.output<typeof configSchema>;

// The schema and the documented interfaces must describe the same thing: a
// change to either that the other does not follow fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<ParsedConfig, EdgeDnsConfig> = true;
void schemaMatchesTypes;

function editDistance(a: string, b: string): number {
    // One row of the Levenshtein table; `at` reads it (every index is in range).
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    const at = (j: number): number => row[j] as number;
    for (let i = 1; i <= a.length; i++) {
        let diagonal = at(0);
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = at(j);
            row[j] = Math.min(at(j) + 1, at(j - 1) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return at(b.length);
}

/** The object schema that sits at `path`, to name the keys allowed there. */
function objectSchemaAt(path: readonly PropertyKey[]): z.ZodObject | undefined {
    let schema: z.ZodType | undefined = configSchema;
    for (const key of [...path, undefined]) {
        for (;;) {
            if (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
            else if (schema instanceof z.ZodUnion) schema = (schema.options as z.ZodType[]).find((o) => o instanceof z.ZodObject);
            else break;
        }
        if (key === undefined) break;
        if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(key)];
        else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
        else return undefined;
    }
    return schema instanceof z.ZodObject ? schema : undefined;
}

/** "did you mean" for a typo, or the keys allowed at that place. */
function unknownKeyMessage(objectPath: readonly PropertyKey[], key: string): string {
    return unknownKeyMessageFor(key, Object.keys(objectSchemaAt(objectPath)?.shape ?? {}));
}

/**
 * The one of `allowed` a typo of `word` most likely meant (a few edits away,
 * case ignored; at most `maxEdits` when given), if any.
 */
export function nearestName(word: string, allowed: readonly string[], maxEdits?: number): string | undefined {
    let best: string | undefined;
    let bestDistance = (maxEdits ?? Math.max(2, Math.floor(word.length / 3))) + 1;
    for (const known of allowed) {
        const d = editDistance(word.toLowerCase(), known.toLowerCase());
        if (d < bestDistance) { best = known; bestDistance = d; }
    }
    return best;
}

/** "unknown key; did you mean ...?" for a key close to one of `allowed`, else the keys allowed. */
export function unknownKeyMessageFor(key: string, allowed: readonly string[]): string {
    const best = nearestName(key, allowed);
    if (best) return `unknown key; did you mean ${quote(best)}?`;
    return allowed.length > 0 ? `unknown key; allowed here: ${allowed.join(", ")}` : "unknown key";
}

/** `["sipDomains", 1, "name"]` becomes `sipDomains[1].name`. */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
    let out = prefix;
    for (const key of path) {
        out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
    }
    return out === "" ? "(root)" : out;
}

/**
 * Of a union's issue, the issues of the one branch whose type matched what
 * was given (a SIP domain given as an object: the object branch's), or
 * undefined when none or several did.
 */
export function matchedUnionBranch(issue: z.core.$ZodIssueInvalidUnion): readonly z.core.$ZodIssue[] | undefined {
    const matching = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && i.code === "invalid_type"));
    return matching.length === 1 ? matching[0] : undefined;
}

/** Turns zod's issues into ours: one per problem, with its path and a message that says what is allowed. */
export function toConfigIssues(error: { issues: readonly z.core.$ZodIssue[] }, prefix = "", base: readonly PropertyKey[] = []): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    for (const raw of error.issues) {
        const issue = { ...raw, path: [...base, ...raw.path] } as z.core.$ZodIssue;
        if (issue.code === "invalid_union") {
            // A SIP domain is a name or an object: report the problems of the
            // branch whose type matched what was given, not "invalid input".
            const branch = matchedUnionBranch(issue);
            if (branch) {
                issues.push(...toConfigIssues({ issues: branch }, prefix, issue.path));
                continue;
            }
        }
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                issues.push({ path: formatPath([...issue.path, key], prefix), message: unknownKeyMessage(issue.path, key) });
            }
        } else if (issue.code === "invalid_type" && issue.input === undefined) {
            issues.push({ path: formatPath(issue.path, prefix), message: "is required" });
        } else if (issue.code === "invalid_type" && !/^(must|a deployment)/.test(issue.message)) {
            issues.push({ path: formatPath(issue.path, prefix), message: `must be ${issue.expected === "array" ? "a list" : `${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`}, got ${describeValue(issue.input)}` });
        } else {
            issues.push({ path: formatPath(issue.path, prefix), message: issue.message });
        }
    }
    return issues;
}

/** The DNS target as a stack file writes it (`lync-edge-dns:dns`); zone ids and groups are plain strings there. */
export const dnsTargetFileSchema = z.strictObject({
    provider: z.enum(["route53", "azure"]).describe("The DNS service: route53 or azure."),
    hostedZoneIds: z.record(z.string(), z.string()).optional().describe("Route 53: hosted zone id per zone; a zone left out is looked up by name."),
    resourceGroupName: z.string().optional().describe("Azure: the resource group of the DNS zones."),
    zoneResourceGroups: z.record(z.string(), z.string()).optional().describe("Azure: resource group per zone."),
    subscriptionId: z.string().optional().describe("Azure: the subscription holding the zones (needed by adopt)."),
    adopt: z.union([z.boolean(), z.array(z.string())]).optional()
        .describe("Take over existing record sets with Pulumi's import: true for all, or a list of \"<name> <type>\". Default false."),
}).describe("Where to publish the records.");

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
    const { $schema: _draft, ...body } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    return body;
}

/**
 * The JSON Schema bodies (no `$schema`) of a deployment and of a stack
 * file's DNS target, for `json-schema.ts`. Plain types on purpose: this
 * module's declarations name zod's types, and no public declaration may
 * import them (a consumer's compiler would check zod's own files).
 */
export function jsonSchemaBodies(): { deployment: Record<string, unknown>; dns: Record<string, unknown> } {
    return { deployment: jsonSchemaOf(configSchema), dns: jsonSchemaOf(dnsTargetFileSchema) };
}
