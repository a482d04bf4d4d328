/** The command line of `npm start`: checked in full, so that a typo is a usage error and not a silent default. */
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../cli/errors";
import { nearestName } from "../components/core/config/schema";

/** Printed after a usage error and by `--help`. */
export const START_USAGE = "Usage: npm start [-- [--stack NAME | --config-file FILE] [--provider route53|azure] [--out DIR]]";

/** What `npm start` was asked to do. */
export interface StartArgs {
    help: boolean;
    /** The stack's name, shown in the output and given to the program. */
    stack: string;
    /** The stack file to read; `undefined` means `Pulumi.<stack>.yaml` in the project. */
    configFile?: string;
    provider?: "route53" | "azure";
    out: string;
}

const OPTIONS = {
    stack: { type: "string" },
    "config-file": { type: "string" },
    provider: { type: "string" },
    out: { type: "string", default: "out" },
    help: { type: "boolean", short: "h" },
} as const;

/** A Pulumi stack name: letters, digits, `-`, `_` and `.` (and it names a file here, so no `/`). */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function reword(error: NodeJS.ErrnoException): string {
    const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
    switch (error.code) {
        case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
            const name = quoted.replace(/^-+/, "").split("=")[0];
            // A typo (--prvider), else a shortened or lengthened name (--conf, --stackname).
            const near = nearestName(name, Object.keys(OPTIONS)) ??
                Object.keys(OPTIONS).find((o) => name.length >= 3 && (o.startsWith(name.slice(0, 3)) || name.startsWith(o.slice(0, 3))));
            return `unknown option '${quoted}'${near ? ` (did you mean --${near}?)` : ""}`;
        }
        case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
            return `unexpected argument '${quoted}': every value follows its option (--stack NAME)`;
        case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
            return error.message.replace(/^Option/, "option");
        default:
            return error.message;
    }
}

/** The stack name of `Pulumi.NAME.yaml`, or the file's base name. */
function stackOfFile(file: string): string {
    const match = /^Pulumi\.(.+)\.ya?ml$/.exec(basename(file));
    return match ? match[1] : basename(file).replace(/\.[^.]*$/, "");
}

/** The parsed arguments. Throws `UsageError` for anything it does not understand. */
export function parseStartArgs(argv: string[]): StartArgs {
    let values: { stack?: string; "config-file"?: string; provider?: string; out?: string; help?: boolean };
    try {
        ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
    } catch (error) {
        throw new UsageError(reword(error as NodeJS.ErrnoException));
    }
    const { provider, stack, "config-file": configFile } = values;
    if (stack !== undefined && configFile !== undefined) throw new UsageError("give --stack NAME or --config-file FILE, not both");
    if (stack !== undefined && !STACK_NAME.test(stack)) throw new UsageError(`--stack ${JSON.stringify(stack)}: a stack name is letters, digits, '-', '_' and '.' (it reads Pulumi.NAME.yaml)`);
    if (provider !== undefined && provider !== "route53" && provider !== "azure") throw new UsageError(`--provider ${JSON.stringify(provider)}: give route53 or azure`);
    if (values.out === "") throw new UsageError("--out needs a folder");
    return {
        help: values.help ?? false,
        stack: stack ?? (configFile !== undefined ? stackOfFile(configFile) : "example"),
        configFile,
        provider,
        out: values.out ?? "out",
    };
}
