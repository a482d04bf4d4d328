/**
 * The lync-edge-dns policy pack in an infra repo that installed the package:
 * `pulumi preview --policy-pack policy`.
 */
// PolicyPack from lync-edge-dns/policy: the same class as @pulumi/policy's, from declarations
// that compile without skipLibCheck (as Pulumi's TypeScript template leaves it).
import { edgeDnsPolicies, PolicyPack } from "lync-edge-dns/policy";

new PolicyPack("lync-edge-dns", { policies: edgeDnsPolicies() });
