/** Summaries of repeated measurements: median, min and max of a sample. */

/** A sample's summary; `values` are kept, in run order, for results.json. */
export interface Summary {
    runs: number;
    median: number;
    min: number;
    max: number;
    values: number[];
}

/** The median (mean of the middle two for an even count), min and max. */
export function summarize(values: readonly number[]): Summary {
    if (values.length === 0) throw new Error("summarize: no values");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { runs: values.length, median, min: sorted[0], max: sorted[sorted.length - 1], values: [...values] };
}
