/**
 * The verify options' defaults and bounds, apart from the resolver code so
 * that the CLI can declare its options without loading the network modules.
 */

/** The defaults of `VerifyOptions`. */
export const VERIFY_DEFAULTS = { timeoutMs: 2000, concurrency: 32, tries: 2, deadlineMs: 300_000 } as const;

/** The longest deadline taken: a day. Anything longer is a typo (milliseconds given as seconds), not a plan. */
export const MAX_DEADLINE_MS = 86_400_000;
