/**
 * The usage line a command prints after a usage error, built from its
 * options so it stays in step with them, and wrapped to the width like
 * everything else for people.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { EXIT } from "./errors";
import { usageLines } from "./text-layout";

function commandPath(command: Command): string {
    const names: string[] = [];
    for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
    return names.join(" ");
}

/** `--config <file> [--server <host[:port]>] [--json]`: required options bare, the others in brackets. */
function optionSynopsis(command: Command): string {
    return command.options
        .filter((o) => !o.hidden && o.long !== "--help")
        .map((o) => {
            const flags = o.flags.replace(/^-\w, /, "");
            return o.mandatory || REQUIRED.get(command)?.includes(o.attributeName()) ? flags : `[${flags}]`;
        })
        .join(" ");
}

/** `Usage: lync-edge-dns verify --config <file> [--server <host[:port]>] ...` for `command`, on one line. */
export function usageLine(command: Command): string {
    return `Usage: ${commandPath(command)} ${command.usage()}`.trimEnd();
}

/** Options a command checks itself after the rest of its command line (see `requireOptions`). */
const REQUIRED = new WeakMap<Command, string[]>();

/**
 * Options the command cannot run without, checked once the rest of the
 * command line has been read: commander checks its own required options
 * before unknown ones, so `plan --confg x` would say "--config not
 * specified" instead of "did you mean --config?". The usage line still
 * shows them as required.
 */
export function requireOptions(command: Command, ...names: string[]): Command {
    REQUIRED.set(command, names);
    return command.hook("preAction", (self) => {
        for (const option of self.options) {
            if (names.includes(option.attributeName()) && self.getOptionValue(option.attributeName()) === undefined) {
                self.error(`error: required option '${option.flags}' not specified`, { exitCode: EXIT.usage, code: "commander.missingMandatoryOptionValue" });
            }
        }
    });
}

/**
 * Sets the command's usage (shown by --help) from its options and prints
 * it, wrapped to `width`, with where to find more, after every usage error;
 * an unknown option suggests the nearest known one. Call it once the
 * command's options are all defined.
 */
export function withUsage(command: Command, width: number, synopsis: string = optionSynopsis(command)): Command {
    command.usage(synopsis);
    command.showSuggestionAfterError(true);
    command.showHelpAfterError(`${usageLines(usageLine(command), width).join("\n")}\n(run "${commandPath(command)} --help" for the options and examples)`);
    return command;
}

/**
 * An option's parser whose refusal is its own sentence (`error: --timeout
 * "soon": give ...`): commander would put "option '--timeout <ms>' argument
 * 'soon' is invalid." before it, saying the same thing twice.
 */
export function refusing<T>(command: () => Command, parse: (value: string, previous: T) => T): (value: string, previous: T) => T {
    return (value, previous) => {
        try {
            return parse(value, previous);
        } catch (error) {
            if (!(error instanceof InvalidArgumentError)) throw error;
            // Not commander's own code for this, which would make it add its sentence after all.
            return command().error(`error: ${error.message}`, { exitCode: EXIT.usage, code: "lync-edge-dns.invalidOptionValue" });
        }
    };
}

/**
 * `--format <format>`: one of `choices` (listed in --help), `fallback` when
 * not given. A value it does not know is refused in the CLI's own words,
 * `error: --format "csv": give table, json, zone or mermaid`, as every other
 * wrong option value is.
 */
export function formatOption(command: () => Command, description: string, choices: readonly string[], fallback: string): Option {
    const listed = `${choices.slice(0, -1).join(", ")} or ${choices[choices.length - 1]}`;
    return new Option("--format <format>", description)
        .choices(choices)
        .default(fallback)
        // After choices(), which sets commander's own check: this one replaces it, the list stays for --help.
        .argParser(refusing<string>(command, (value) => {
            if (!choices.includes(value)) throw new InvalidArgumentError(`--format ${JSON.stringify(value)}: give ${listed}`);
            return value;
        }));
}
