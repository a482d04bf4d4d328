/** The usage line a command prints after a usage error, built from its options so it stays in step with them. */
import type { Command } from "commander";

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
            return o.mandatory ? flags : `[${flags}]`;
        })
        .join(" ");
}

/** `Usage: lync-edge-dns verify --config <file> [--server <host[:port]>] ...` for `command`. */
export function usageLine(command: Command): string {
    return `Usage: ${commandPath(command)} ${command.usage()}`.trimEnd();
}

/**
 * Sets the command's usage (shown by --help) from its options and prints
 * it, with where to find more, after every usage error. Call it once the
 * command's options are all defined.
 */
export function withUsage(command: Command, synopsis: string = optionSynopsis(command)): Command {
    command.usage(synopsis);
    command.showHelpAfterError(`${usageLine(command)}\n(run "${commandPath(command)} --help" for the options and examples)`);
    return command;
}
