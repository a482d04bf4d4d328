/** A config or stack file through the check pipeline, as every CLI command reads it. */
import { checkDeployment, type CheckResult } from "../components/core/check";
import { ConfigError } from "../components/core/config/errors";
import type { PlanResult } from "../components/core/plan/planner";
import { readDeploymentFile } from "./config-file";

/**
 * Reads the file and runs the pipeline the component runs, with the stack
 * file's `<project>:dns` when it has one (required in a stack file of the
 * root program's own project, as the program requires it); throws
 * `ConfigError` for any problem, so `plan` refuses exactly what `pulumi up`
 * would.
 */
export function loadChecked(file: string): CheckResult & { planned: PlanResult } {
    const { config, dns, requireDns } = readDeploymentFile(file);
    const result = checkDeployment({ config, dns, requireDns });
    if (result.issues.length > 0 || !result.planned) throw new ConfigError(result.issues);
    return { ...result, planned: result.planned };
}
