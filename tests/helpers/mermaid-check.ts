/**
 * A structural check of the Mermaid flowcharts the CLI writes: every line is
 * one of the forms it uses (header, subgraph, node, edge, class), ids are
 * declared once before nothing else refers to them, every edge's ends are
 * declared nodes, and no label holds a raw quote, bracket or pipe that would
 * end it early. Not a full Mermaid parser: the forms are few and fixed.
 */

/** What the check found: node labels by id, the edges as `from label to`, subgraph titles. */
export interface Flowchart {
    nodes: Map<string, { label: string; terminal: boolean; group?: string }>;
    edges: string[];
    groups: string[];
    /** Node ids per class (`added`, `removed`, `changed`). */
    classes: Map<string, string[]>;
}

const LABEL = String.raw`"([^"\[\]|<>]*)"`;
const HEADER = /^flowchart LR$/;
const SUBGRAPH = new RegExp(String.raw`^ {4}subgraph (g\d+)\[${LABEL}\]$`);
const END = /^ {4}end$/;
const NODE = new RegExp(String.raw`^ {8}(n\d+)(\[${LABEL}\]|\(\[${LABEL}\]\))$`);
const EDGE = new RegExp(String.raw`^ {4}(n\d+) -->\|${LABEL}\| (n\d+)$`);
const CLASS_DEF = /^ {4}classDef (added|removed|changed) [a-z-]+:[^,]+(,[a-z-]+:[^,]+)*$/;
const CLASS = /^ {4}class (n\d+(?:,n\d+)*) (added|removed|changed)$/;

/** Parses `text`; throws, naming the line, at anything that is not one of the forms. */
export function checkFlowchart(text: string): Flowchart {
    const lines = text.replace(/\n$/, "").split("\n");
    const chart: Flowchart = { nodes: new Map(), edges: [], groups: [], classes: new Map() };
    if (!HEADER.test(lines[0] ?? "")) throw new Error(`line 1 is not "flowchart LR": ${lines[0]}`);
    let group: string | undefined;
    const label = (id: string): string => {
        const node = chart.nodes.get(id);
        if (!node) throw new Error(`${id} is used but never declared`);
        return node.label;
    };
    lines.slice(1).forEach((line, i) => {
        const where = `line ${i + 2}: ${line}`;
        let m: RegExpExecArray | null;
        if ((m = SUBGRAPH.exec(line))) {
            if (group !== undefined) throw new Error(`${where}: nested subgraph`);
            if (chart.groups.includes(m[2])) throw new Error(`${where}: subgraph twice`);
            group = m[2];
            chart.groups.push(m[2]);
        } else if (END.test(line)) {
            if (group === undefined) throw new Error(`${where}: end without subgraph`);
            group = undefined;
        } else if ((m = NODE.exec(line))) {
            if (chart.nodes.has(m[1])) throw new Error(`${where}: ${m[1]} declared twice`);
            chart.nodes.set(m[1], { label: m[3] ?? m[4], terminal: m[4] !== undefined, group });
        } else if ((m = EDGE.exec(line))) {
            chart.edges.push(`${label(m[1])} -${m[2]}-> ${label(m[3])}`);
        } else if (CLASS_DEF.test(line)) {
            // A style: checked by its form only.
        } else if ((m = CLASS.exec(line))) {
            for (const id of m[1].split(",")) label(id);
            chart.classes.set(m[2], m[1].split(",").map(label));
        } else {
            throw new Error(`${where}: not a form the flowchart uses`);
        }
    });
    if (group !== undefined) throw new Error(`subgraph ${group} is never ended`);
    return chart;
}
