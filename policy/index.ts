/**
 * The lync-edge-dns CrossGuard policy pack.
 *
 *   pulumi preview --policy-pack policy [--policy-pack-config policy-config.json]
 *
 * The rules live in `policies.ts`; this entry only constructs the pack (which
 * starts the server Pulumi talks to).
 */
import { PolicyPack } from "@pulumi/policy";
import { edgeDnsPolicies } from "./policies";

new PolicyPack("lync-edge-dns", { policies: edgeDnsPolicies() });
