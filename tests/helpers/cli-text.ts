/** Reading what the CLI and `npm start` print for people: wrapped blocks, line widths. */

/**
 * A wrapped block with its continuation lines joined back: for messages
 * holding a temporary path, whose length moves the line breaks. A new list
 * item (`  - `) stays on its own line.
 */
export function unwrapped(text: string): string {
    return text.replace(/\n +(?!- |\s)/g, " ");
}

/** The lines of `text` longer than `width` columns. */
export function longLines(text: string, width = 100): string[] {
    return text.split("\n").filter((line) => line.length > width);
}
