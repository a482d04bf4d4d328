/**
 * The lync-edge-dns policy pack in an infra repo that installed the package:
 * `pulumi preview --policy-pack policy`.
 */
import { PolicyPack } from "@pulumi/policy";
import { edgeDnsPolicies } from "lync-edge-dns/policy";

new PolicyPack("lync-edge-dns", { policies: edgeDnsPolicies() });
