/** One problem with a deployment description. */
export interface ConfigIssue {
    /** Where: a field path such as `sipDomains[1].name`, or `(root)`. */
    path: string;
    /** What is wrong, what was given and what is allowed. */
    message: string;
}

/**
 * Thrown when a deployment description is invalid. It carries every problem
 * found, not just the first, and nothing has been created when it is thrown.
 *
 * Pulumi prints a `RunError` as its message alone, without a stack trace; the
 * engine recognises it by the `__pulumiRunError` brand, which is set here so
 * that the planner does not have to load any Pulumi module.
 */
export class ConfigError extends Error {
    /** Every problem found, in field order. */
    readonly issues: readonly ConfigIssue[];
    /** @internal Pulumi's brand for a clean, trace-free program error. */
    readonly __pulumiRunError = true;

    constructor(issues: readonly ConfigIssue[], subject = "Invalid lync-edge-dns configuration") {
        super(`${subject} (${issues.length} ${issues.length === 1 ? "problem" : "problems"}):\n` +
            issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n"));
        this.name = "ConfigError";
        this.issues = issues;
    }

    /** True for a `ConfigError`, also one from another copy of this package. */
    static isInstance(value: unknown): value is ConfigError {
        return value instanceof ConfigError ||
            (value instanceof Error && value.name === "ConfigError" && Array.isArray((value as ConfigError).issues));
    }
}

/** Collects issues and warnings while a description is checked. */
export class IssueCollector {
    readonly issues: ConfigIssue[] = [];
    readonly warnings: string[] = [];

    error(path: string, message: string): void {
        this.issues.push({ path, message });
    }

    warn(path: string, message: string): void {
        this.warnings.push(`${path}: ${message}`);
    }

    /** Throws one `ConfigError` with everything collected, if anything was. */
    throwIfAny(): void {
        if (this.issues.length > 0) throw new ConfigError(this.issues);
    }
}
