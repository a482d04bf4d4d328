/**
 * `verify --adopt`: before a first `pulumi up` with `dns.adopt`, what each
 * planned record set is in live DNS, and so what the import will do with it
 * (the engine imports, then updates to the program's values: pulumi/pulumi
 * 3.174.0 and later). Built on the verify report, so it resolves exactly as
 * `verify` does.
 */
import { DEFAULT_WIDTH, hangingWrap } from "../text-layout";
import type { RecordCheck, VerifyReport } from "./types";

/** What adopting one record set will do. */
export type Adoption =
    /** It exists with the planned values and TTL: imported, nothing changes. */
    | "matches"
    /** It exists with other values or another TTL: imported, then updated to the plan's. */
    | "differs"
    /** It does not exist: created, so it must stay out of `dns.adopt` (an import of it would fail). */
    | "absent"
    /** No answer could be had (resolver error, deadline): look again before adopting. */
    | "unknown"
    /** The name holds a record of the other kind (CNAME against A/AAAA/SRV): neither imported nor created until it is deleted. */
    | "conflicts"
    /** What was found is what a wildcard gives a name beside it: the record set may not exist of its own, and an import of it would fail. */
    | "wildcard";

/** One record set's adoption, with what was found. */
export interface AdoptionCheck {
    name: string;
    type: string;
    adoption: Adoption;
    /** For `differs`: `values`, `TTL`, or both. */
    differences: ("values" | "TTL")[];
    expected: string[];
    found: string[];
    expectedTtl: number;
    foundTtl?: number;
    /** For `unknown`: what went wrong; for `conflicts`, the other record; for `wildcard`, the name the wildcard answered. */
    detail?: string;
}

/** The whole check: each record set, and the `dns.adopt` entries of those that exist. */
export interface AdoptionReport {
    checks: AdoptionCheck[];
    /** `"<name> <type>"` of every record set that exists, in plan order: the value for `dns.adopt`. */
    adopt: string[];
    /** True when every record set exists and matches (exit 0). */
    allMatch: boolean;
}

/**
 * Reads a verify report as an adoption. `authoritative` says the servers
 * were given (`--server`): there any TTL other than the plan's differs; the
 * system's caching resolvers count TTLs down, so there only a higher one does.
 */
export function adoptionReport(report: VerifyReport, authoritative: boolean): AdoptionReport {
    const checks = report.checks.map((check) => adoptionOf(check, authoritative));
    return {
        checks,
        adopt: checks.filter((c) => c.adoption === "matches" || c.adoption === "differs").map((c) => `${c.name} ${c.type}`),
        allMatch: checks.every((c) => c.adoption === "matches"),
    };
}

function adoptionOf(check: RecordCheck, authoritative: boolean): AdoptionCheck {
    const base = { name: check.name, type: check.type, expected: check.expected, found: check.found, expectedTtl: check.expectedTtl, foundTtl: check.foundTtl, differences: [] };
    if (check.status === "missing") return { ...base, adoption: "absent" };
    if (check.conflict) return { ...base, adoption: "conflicts", detail: `${check.conflict.type} ${check.conflict.values.join(", ")}` };
    if (check.wildcard) return { ...base, adoption: "wildcard", detail: check.wildcard.probe };
    if (check.found.length === 0) return { ...base, adoption: "unknown", detail: check.detail ?? check.status };
    const differences: AdoptionCheck["differences"] = [];
    if (check.expected.join("\n") !== check.found.join("\n")) differences.push("values");
    const ttl = check.foundTtl;
    if (ttl !== undefined && (authoritative ? ttl !== check.expectedTtl : ttl > check.expectedTtl)) differences.push("TTL");
    return { ...base, adoption: differences.length === 0 ? "matches" : "differs", differences };
}

function values(list: readonly string[], ttl: number | undefined): string {
    return `${list.join(", ") || "-"}${ttl === undefined ? "" : ` (TTL ${ttl})`}`;
}

/**
 * One item per record set, naming it and saying what adopting it does,
 * wrapped at spaces within `width` columns; then the summary and the
 * `dns.adopt` list.
 */
export function formatAdoption(report: AdoptionReport, width: number = DEFAULT_WIDTH): string {
    const lines = report.checks.map((c) => {
        const head = `${c.name} ${c.type}: `;
        switch (c.adoption) {
            case "matches": return `${head}exists and matches: adopted as it is`;
            case "differs": return `${head}exists and differs (${c.differences.join(", ")}): adopted, then changed to the plan's values; plan ${values(c.expected, c.expectedTtl)}, live ${values(c.found, c.foundTtl)}`;
            case "absent": return `${head}absent: will be created (leave it out of dns.adopt)`;
            case "unknown": return `${head}unknown, no answer (${c.detail}): check again before adopting; left out of the list`;
            case "wildcard": return `${head}found, but a wildcard gives ${c.detail} the same (RFC 4592): it may be the wildcard's answer, with no record set of its own to import; left out of the list (add it if the zone holds it)`;
            case "conflicts": return `${head}the name holds ${c.detail} instead, which DNS refuses beside ${/^[AS]/.test(c.type) ? "an" : "a"} ${c.type} (RFC 1034 §3.6.2): neither adopted nor created; delete it first (left out of the list)`;
        }
    });
    // Each item's continuation lines indented, so that the record set each begins with stands out.
    const items = lines.flatMap((line) => hangingWrap(line, width, "", "    "));
    const count = (a: Adoption): number => report.checks.filter((c) => c.adoption === a).length;
    const conflicts = count("conflicts");
    lines.length = 0;
    lines.push(...items);
    lines.push("", `${report.checks.length} record sets: ${count("matches")} exist and match, ${count("differs")} exist and differ, ${count("absent")} absent, ${count("unknown")} unknown${conflicts > 0 ? `, ${conflicts} held by the other type` : ""}`);
    if (report.adopt.length === 0) {
        lines.push("", "None exists: leave dns.adopt out; pulumi up creates them all.");
    } else {
        // Indented as it goes in a stack file, under `config:` and `lync-edge-dns:dns:`, so it pastes as is.
        lines.push("", "dns.adopt for the record sets that exist (under lync-edge-dns:dns: in a stack file):", "    adopt:");
        for (const entry of report.adopt) lines.push(`      - "${entry}"`);
    }
    return `${lines.join("\n")}\n`;
}
