/**
 * The baseline: the same record sets as LyncEdgeDns registers, written by
 * hand, one `aws.route53.Record` or azure-native `dns.RecordSet` each, from
 * a precomputed list of logical names and inputs, so it measures
 * registration and nothing else. Like the component, it loads only the
 * chosen provider's package.
 */
import type { RecordArgs } from "@pulumi/aws/route53";
import type { RecordSetArgs } from "@pulumi/azure-native/dns";

/** One record set, ready to register. */
export interface HandwrittenRecord {
    name: string;
    args: Record<string, unknown>;
}

/** What the baseline program reads: the provider and every record set. */
export interface HandwrittenInput {
    provider: "route53" | "azure";
    records: HandwrittenRecord[];
}

/**
 * Loads the chosen provider's package and returns the program: registering
 * every record set directly, without a component. Split in two so that the
 * child can time loading and constructing apart.
 */
export async function loadHandwritten(provider: HandwrittenInput["provider"]): Promise<(input: HandwrittenInput) => void> {
    if (provider === "route53") {
        const route53 = await import("@pulumi/aws/route53");
        return (input) => {
            for (const r of input.records) new route53.Record(r.name, r.args as unknown as RecordArgs);
        };
    }
    const dns = await import("@pulumi/azure-native/dns");
    return (input) => {
        for (const r of input.records) new dns.RecordSet(r.name, r.args as unknown as RecordSetArgs);
    };
}
