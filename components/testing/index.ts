/**
 * lync-edge-dns/testing: runs a Pulumi program under the SDK's mock engine
 * (`pulumi.runtime.setMocks`) and returns the record sets its `LyncEdgeDns`
 * components would create, its warnings and its configuration errors, as
 * data: what `npm start` shows, for the unit tests of your own stack. No
 * Pulumi CLI and no cloud account; the program runs with your project's own
 * `@pulumi/pulumi`.
 */
export { runProgram, type ProgramRun, type ProgramRunOptions, type PublishedRecordSet } from "./program-run";
export type { RegisteredResource } from "./engine";
