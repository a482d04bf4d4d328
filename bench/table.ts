/** The markdown table of a run: one row per measurement, targets in the last column. */
import type { Results, Target } from "./results";
import type { Summary } from "./stats";

function time(ms: number): string {
    return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function range(s: Summary, format: (n: number) => string): string {
    return `${format(s.median)} [${format(s.min)}–${format(s.max)}]`;
}

const mib = (n: number) => `${n.toFixed(0)} MiB`;
const int = (n: number) => n.toLocaleString("en-US");
const PROVIDER = { route53: "Route 53", azure: "Azure DNS" } as const;

/** A target as the table shows it: value, bound, held or not. */
function mark(t: Target): string {
    return `${t.name}: ${Number.isInteger(t.value) ? t.value : t.value.toFixed(2)} (target ≤ ${t.bound}) ${t.held ? "✓" : "✗"}`;
}

/** Renders the results as one markdown table (and a line on the plan's modules). */
export function markdownTable(results: Results): string {
    const rows: string[][] = [];
    const floor = results.plan.find((p) => p.domains === 0);
    for (const p of results.plan) {
        if (p.domains === 0) {
            rows.push(["1", "`node -e 0` (the floor)", "–", String(p.wallMs.runs), range(p.wallMs, time), "–", range(p.peakRssMiB, mib), "every process below pays this"]);
            continue;
        }
        const checks = [
            floor ? `${(p.wallMs.median / floor.wallMs.median).toFixed(2)}× the floor` : "",
            ...results.targets.filter((t) => t.name.startsWith(`plan ${int(p.domains)} domain`)).map(mark),
            p.domains === 10 ? `loads ${results.planPulumiModules} Pulumi modules ${results.planPulumiModules === 0 ? "✓" : "✗"}` : "",
        ].filter((c) => c !== "");
        rows.push([
            "1", "`plan --format json`, built CLI", `${int(p.domains)} ${p.domains === 1 ? "domain" : "domains"} (${int(p.records)} record sets)`, String(p.wallMs.runs),
            range(p.wallMs, time), floor ? `${time(Math.max(0, p.wallMs.median - floor.wallMs.median))} above floor` : "–", range(p.peakRssMiB, mib),
            checks.join("; "),
        ]);
    }
    for (const m of results.mock) {
        const size = `${int(m.domains)} domains (${int(m.records)} records)`;
        const target = results.targets.find((t) => t.name === `component / hand-written, ${m.provider}, ${m.domains} domains`);
        const check = `component / hand-written: wall ${m.wallRatio.toFixed(3)}${target ? ` (target ≤ ${target.bound}) ${target.held ? "✓" : "✗"}` : ""}, paired runs ${m.pairedWallRatio.toFixed(3)}, `
            + `CPU ${m.cpuRatio.toFixed(3)}, mock run ${(m.component.runMs.median / m.handwritten.runMs.median).toFixed(3)}, RSS ${m.rssRatio.toFixed(2)}; `
            + `synchronous program ${time(m.component.programMs.median)} vs ${time(m.handwritten.programMs.median)}`;
        rows.push(["2", `mock engine, ${PROVIDER[m.provider]}: LyncEdgeDns`, size, String(m.component.wallMs.runs), range(m.component.wallMs, time), range(m.component.runMs, time), range(m.component.peakRssMiB, mib), check]);
        rows.push(["2", `mock engine, ${PROVIDER[m.provider]}: hand-written`, size, String(m.handwritten.wallMs.runs), range(m.handwritten.wallMs, time), range(m.handwritten.runMs, time), range(m.handwritten.peakRssMiB, mib),
            `mock run ÷ records: ${(m.handwritten.runMs.median / m.records).toFixed(1)} ms a record`]);
    }
    for (const p of results.policy) {
        const smallest = results.policy.find((q) => q.preview === p.preview) ?? p;
        const perRecord = (p.validateMs.median * 1000) / p.records;
        const mobility = p.perPolicyMs["lync-mobility-federation-srv"];
        const mobilityRule = p.perRuleMs["lync-mobility-federation-srv"];
        const checks = [
            `${perRecord.toFixed(1)} µs a record${p === smallest ? "" : ` (${(perRecord / ((smallest.validateMs.median * 1000) / smallest.records)).toFixed(2)}× the ${int(smallest.records)}-record rate)`}`,
            // The first policy pays the shared read and each later one a comparison: said apart, not as that policy's rule.
            `stack read once ${time(p.sharedReadMs)}, compared for the other policies ${time(p.compareMs)} in all`,
            `slowest rule ${p.slowestRule.name} ${time(p.slowestRule.ms)}`,
            ...(p.preview ? [`mobility policy ${time(mobility)} (its rule ${time(mobilityRule)}, the read the rest)`] : []),
            ...results.targets.filter((t) => (p.records === 40_000 && t.name.startsWith(p.preview ? "mobility rule at preview" : "policy pack, 40,000"))).map(mark),
        ];
        rows.push(["3", `policy pack, every policy's validateStack${p.preview ? ", at preview" : ""}`, `${int(p.records)} records (${int(p.resources)} resources)`, String(p.wallMs.runs), range(p.wallMs, time), range(p.validateMs, time), range(p.peakRssMiB, mib),
            checks.join("; ")]);
    }
    for (const v of results.verify) {
        rows.push(["4", "`verify --server`, built CLI, local BIND", `${int(v.domains)} domains (${int(v.records)} record sets)`, String(v.wallMs.runs), range(v.wallMs, time), "–", range(v.peakRssMiB, mib), "every record set ok"]);
    }
    const header = ["#", "Measurement", "Size", "Runs", "Wall, median [min–max]", "Work beyond start-up, median [min–max]", "Peak RSS, median [min–max]", "Check"];
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
