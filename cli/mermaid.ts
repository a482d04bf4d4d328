/**
 * The discovery chains as a Mermaid flowchart, which GitHub renders: from
 * each record a client looks up first (an SRV, `lyncdiscover`, a host of
 * the deployment) along the values that name other planned records, down
 * to the addresses. The graph is read from the plan's values, not from the
 * names: an SRV points to its target, a CNAME to its canonical name, an
 * address record to its addresses; a target the plan does not publish
 * (a Microsoft 365 service, say) ends its chain.
 */
import { DEPLOYMENT_HOST_KINDS, type KindId } from "../components/core/plan/catalogue";
import type { TracedRecordSet } from "../components/core/plan/model";
import type { PlanResult } from "../components/core/plan/planner";
import { parseSrv } from "../components/core/plan/values";

/** How a diagram marks a name whose record sets change. */
export type ChangeMark = "added" | "removed" | "changed";

/** What to draw beyond the plain chains. */
export interface MermaidOptions {
    /** Draw only the chains that pass through one of these names. @default every chain */
    onlyThrough?: ReadonlySet<string>;
    /** Names to colour as added, removed or changed. */
    marks?: ReadonlyMap<string, ChangeMark>;
}

/** The heading of the chains published once per deployment. */
export const DEPLOYMENT_GROUP = "Edge hosts (once per deployment)";

interface Link {
    from: string;
    to: string;
    label: string;
    /** The target is a planned record's name, not a terminal value. */
    named: boolean;
}

const isAddressType = (type: string): boolean => type === "A" || type === "AAAA";

/** What a record set's values point to: names for SRV and CNAME, addresses for A and AAAA. */
function linksOf(record: TracedRecordSet): Link[] {
    return record.values.map((value) => {
        if (record.type === "SRV") {
            const srv = parseSrv(value);
            if (srv) return { from: record.name, to: srv.target, label: `SRV ${srv.port}`, named: true };
        }
        if (isAddressType(record.type)) return { from: record.name, to: value, label: record.type, named: false };
        // Any other type whose value is a name (CNAME today): an arrow to it.
        return { from: record.name, to: value.toLowerCase().replace(/\.$/, ""), label: record.type, named: true };
    });
}

/** The SIP domain a chain's first record belongs to: the most specific one holding its name; none for a deployment host. */
function groupOf(record: TracedRecordSet, domains: readonly string[]): string {
    if (record.origin.kinds.every((k: KindId) => k in DEPLOYMENT_HOST_KINDS)) return DEPLOYMENT_GROUP;
    let best: string | undefined;
    for (const d of domains) {
        if ((record.name === d || record.name.endsWith(`.${d}`)) && (best === undefined || d.length > best.length)) best = d;
    }
    return best ?? DEPLOYMENT_GROUP;
}

/** A label in double quotes, with the characters Mermaid reads inside one written as entities. */
function quoted(text: string): string {
    return `"${text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;")}"`;
}

/**
 * The flowchart, as lines: one subgraph per SIP domain (in the plan's
 * order) and one for the deployment's hosts, each declaring the nodes its
 * chains reach first; then every edge. Node ids are generated (`n1`,
 * `n2`, ...; `g1`, ... for subgraphs), the names are labels in quotes.
 * Address nodes are per group, so that two domains sharing an Edge pool
 * draw two clear chains rather than one knot.
 */
export function mermaidLines(records: readonly TracedRecordSet[], domains: readonly string[], options: MermaidOptions = {}): string[] {
    const links = new Map<string, Link[]>();
    for (const record of records) {
        const list = links.get(record.name) ?? [];
        list.push(...linksOf(record));
        links.set(record.name, list);
    }
    const targeted = new Set<string>();
    for (const list of links.values()) for (const link of list) if (link.named && link.to !== link.from) targeted.add(link.to);

    // A chain starts at a name no other planned record points to.
    const roots: TracedRecordSet[] = [];
    for (const record of records) if (!targeted.has(record.name) && !roots.some((r) => r.name === record.name)) roots.push(record);

    const reach = (name: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(name)) return seen;
        seen.add(name);
        for (const link of links.get(name) ?? []) if (link.named) reach(link.to, seen);
        return seen;
    };
    const through = options.onlyThrough;
    const drawn = roots.filter((root) => !through || [...reach(root.name)].some((n) => through.has(n)));

    const groupNames = [...domains, DEPLOYMENT_GROUP];
    const byGroup = new Map<string, TracedRecordSet[]>(groupNames.map((g) => [g, []]));
    for (const root of drawn) byGroup.get(groupOf(root, domains))?.push(root);

    const ids = new Map<string, string>();
    const lines = ["flowchart LR"];
    const edges: string[] = [];
    const edgeSeen = new Set<string>();
    const walked = new Set<string>();
    let groupCount = 0;
    for (const group of groupNames) {
        const groupRoots = byGroup.get(group) ?? [];
        if (groupRoots.length === 0) continue;
        groupCount++;
        lines.push(`    subgraph g${groupCount}[${quoted(group)}]`);
        const nodeOf = (key: string, label: string, terminal: boolean): string => {
            let id = ids.get(key);
            if (id === undefined) {
                id = `n${ids.size + 1}`;
                ids.set(key, id);
                lines.push(`        ${id}${terminal ? `([${quoted(label)}])` : `[${quoted(label)}]`}`);
            }
            return id;
        };
        // A name the plan does not publish ends its chain: a terminal node.
        const nameNode = (name: string): string => nodeOf(`name ${name}`, name, !links.has(name));
        // Depth first, each edge written before the chain below it, so the text reads top-down.
        const walk = (name: string): void => {
            if (walked.has(name)) return;
            walked.add(name);
            const id = nameNode(name);
            for (const link of links.get(name) ?? []) {
                const to = link.named ? nameNode(link.to) : nodeOf(`value g${groupCount} ${link.to}`, link.to, true);
                const edge = `    ${id} -->|${quoted(link.label)}| ${to}`;
                if (!edgeSeen.has(edge)) {
                    edgeSeen.add(edge);
                    edges.push(edge);
                }
                if (link.named) walk(link.to);
            }
        };
        for (const root of groupRoots) walk(root.name);
        lines.push("    end");
    }
    lines.push(...edges);
    const marks = options.marks ?? new Map<string, ChangeMark>();
    const marked = (mark: ChangeMark): string[] => [...marks].filter(([name, m]) => m === mark && ids.has(`name ${name}`)).map(([name]) => ids.get(`name ${name}`) as string);
    const styles: Record<ChangeMark, string> = {
        added: "fill:#dafbe1,stroke:#1a7f37",
        removed: "fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 3",
        changed: "fill:#fff8c5,stroke:#9a6700",
    };
    for (const mark of ["added", "removed", "changed"] as const) {
        const nodes = marked(mark);
        if (nodes.length > 0) lines.push(`    classDef ${mark} ${styles[mark]}`, `    class ${nodes.join(",")} ${mark}`);
    }
    return lines;
}

/** Every SIP domain's discovery chains and the deployment's hosts: what `plan --format mermaid` prints and `npm start` writes. */
export function planMermaid(planned: PlanResult): string[] {
    return mermaidLines(planned.records, planned.deployment.domains.map((d) => d.name));
}
