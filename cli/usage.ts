/**
 * The usage line a command prints after a usage error, built from its
 * options so it stays in step with them, and wrapped to the width like
 * everything else for people.
 */
import type { Command } from "commander";
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
