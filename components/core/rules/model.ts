/**
 * The rule engine's view of DNS: record sets from anywhere (this component's
 * plan, any resource in a Pulumi stack), and the violations rules find in
 * them. Pure data, no Pulumi.
 */

/** A record set as the rules see it. */
export interface RecordSetFact {
    /** Absolute, lower case, without trailing dot (but see `nameUndecided`). */
    name: string;
    /**
     * True while the zone the name belongs to is not known (a preview, the
     * zone being created in the same update): `name` is then the name as
     * given, lower case without trailing dot, and the absolute name is it
     * with the zone appended (or it alone, when it already ends with the
     * zone). Rules that need the exact name leave such a set undecided; rules
     * that need only its service prefix and values still judge it.
     * @default false
     */
    nameUndecided?: boolean;
    /** Upper case: A, AAAA, SRV, CNAME, ... */
    type: string;
    /**
     * Values in presentation form (SRV `"0 0 5061 sip.contoso.com."`, CNAME
     * target with trailing dot); `undefined` while they are unknown (a
     * preview, before the values are computed).
     */
    values: string[] | undefined;
    /** The zone holding it, when known. */
    zone?: string;
    /** Where it came from: a resource URN or a config path. */
    source: string;
    /** True for a record set created by a LyncEdgeDns component (its Edge records). */
    edge: boolean;
}

/** Everything the rules judge. */
export interface RuleInput {
    records: RecordSetFact[];
    /** SIP domains with Lync Mobile users: each needs exactly one federation SRV. */
    mobilityDomains: string[];
    /** Zones whose records this stack manages: an SRV target there must have its address here. */
    managedZones: string[];
    /** Allow non-public addresses in the Edge's records (labs, internal zones). */
    allowPrivateAddresses: boolean;
    /**
     * Where each SIP domain's users are (`onPremises`, `hybrid`, `online`):
     * an online domain's SRVs point to Microsoft 365, the others' never do.
     * @default every domain on premises
     */
    domainHosting?: Readonly<Record<string, string>>;
    /**
     * The Microsoft 365 cloud of each online domain's tenant (`worldwide`,
     * `gccHigh`, `dod`, `china`): its SRVs point to that cloud's hosts
     * (`sipfed.online.gov.skypeforbusiness.us` for GCC High).
     * @default any cloud: the host must still be the service's own
     */
    domainCloud?: Readonly<Record<string, string>>;
    /**
     * Ports `_sip._tls` may point to beside 443 (the Access Edge's client
     * port on a single-IP Edge).
     * @default none
     */
    accessEdgeClientPorts?: readonly number[];
    /**
     * The ports each SIP domain's `_sip._tls` may point to beside 443, by
     * domain: the client port of the Edge that serves it. When given, a
     * domain is held to its own Edge's port (`accessEdgeClientPorts` then
     * counts only for a record whose domain is not known yet, at preview).
     * @default none: `accessEdgeClientPorts` for every domain
     */
    accessEdgeClientPortsByDomain?: ReadonlyMap<string, readonly number[]>;
    /**
     * Private addresses allowed where they are published (the A/AAAA values
     * of components whose config set allowPrivateAddresses): the pack's
     * reading of what the component accepted. Default none.
     */
    allowedPrivateAddresses?: ReadonlySet<string>;
    /**
     * Record resources whose name or type is not known yet (a preview): a
     * missing record set may be among them, so "none found" is undecided.
     * @default none
     */
    unreadableSources?: string[];
}

/** How hard a rule stops a deployment (Pulumi CrossGuard's levels). */
export type EnforcementLevel = "mandatory" | "advisory" | "disabled";

/** One finding of one rule. */
export interface Violation {
    /** The rule's name, e.g. `lync-mobility-federation-srv`. */
    rule: string;
    level: Exclude<EnforcementLevel, "disabled">;
    /** What is wrong and why it matters, naming the domain and every offending source. */
    message: string;
    /** The offending resources' URNs or config paths. */
    sources: string[];
}

/** A finding before its level is applied. */
export type Finding = Omit<Violation, "level" | "rule"> & {
    /** Overrides the rule's level for this finding (a rule with two levels). */
    level?: Violation["level"];
};

/** A rule: a name, why it exists, its default level, and a pure check. */
export interface Rule {
    name: string;
    description: string;
    defaultLevel: Exclude<EnforcementLevel, "disabled">;
    check(input: RuleInput): { findings: Finding[]; undecided: string[] };
}
