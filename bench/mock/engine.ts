/**
 * The smallest faithful mock-engine run: the SDK's own mocks
 * (`pulumi.runtime.setMocks`), the program as a stack, then the SDK's drain
 * of its registration queue. Unlike components/testing/engine.ts it keeps nothing per
 * resource but a count (that module's URN matching and parent tracking are
 * for tests, and would be measured too), so both programs pay the same,
 * smallest possible harness cost.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/** Counts of what a run registered, by resource type; and an optional digest of every record's name and inputs. */
export interface MockResult {
    byType: Record<string, number>;
    digest?: string;
}

/** What a real provider would add to the inputs, as components/testing/engine.ts does (`fqdn`). */
function computedState(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
    if (type === "aws:route53/record:Record") return { fqdn: String(inputs.name).replace(/\.$/, "") };
    if (type === "azure-native:dns:RecordSet") {
        const rel = String(inputs.relativeRecordSetName);
        return { fqdn: `${rel === "@" ? "" : `${rel}.`}${String(inputs.zoneName)}.` };
    }
    return {};
}

/**
 * Runs `program` under the SDK's mocks. With `digest`, also hashes every
 * custom resource's type, logical name and inputs (in name order), to check
 * that two programs register exactly the same records; that costs time, so
 * measured runs leave it off.
 */
export async function runMocked(program: () => Promise<unknown>, digest = false): Promise<MockResult> {
    const byType: Record<string, number> = {};
    const seen: string[] = [];
    await pulumi.runtime.setMocks({
        newResource(args) {
            byType[args.type] = (byType[args.type] ?? 0) + 1;
            const custom = args.custom ?? true;
            if (digest && custom) seen.push(JSON.stringify([args.type, args.name, args.inputs]));
            return { id: custom ? `${args.name}-id` : undefined, state: { ...args.inputs, ...computedState(args.type, args.inputs) } };
        },
        call(args) {
            return args.inputs;
        },
    }, "lync-edge-dns-bench", "bench", false);
    await pulumi.runtime.runInPulumiStack(async () => {
        await program();
    });
    // The SDK's own drain of its RPC queue, as `pulumi up` does before exit (components/testing/engine.ts does the same).
    const settings = await import("@pulumi/pulumi/runtime/settings") as unknown as { waitForRPCs(): Promise<void> };
    await settings.waitForRPCs();
    return { byType, digest: digest ? createHash("sha256").update(seen.sort().join("\n")).digest("hex") : undefined };
}
