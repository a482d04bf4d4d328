/**
 * The infra repo's Pulumi program: one LyncEdgeDns from the stack's config,
 * `lync-edge-dns:deployment` and `lync-edge-dns:dns` (Pulumi.prod.yaml), read
 * as the workflow's `lync-edge-dns plan`, `diff` and `verify` read the stack
 * files: a stack one refuses, the other refuses in the same words.
 */
import * as pulumi from "@pulumi/pulumi";
import { argsFromStackConfig, LyncEdgeDns } from "lync-edge-dns";

const edgeDns = new LyncEdgeDns("edge", argsFromStackConfig(pulumi.runtime.allConfig(), pulumi.getProject()));

/** The record sets per zone. */
export const records = edgeDns.records;
/** Subject alternative names the Edge's external certificate must carry. */
export const certificateSubjectNames = edgeDns.certificateSubjectNames;
