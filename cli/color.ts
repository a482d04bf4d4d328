/**
 * Minimal colour for people at a terminal: FAIL in red, warnings in yellow.
 * Only when the stream is a TTY and `NO_COLOR` is not set (no-color.org),
 * so that files, pipes and tests always get plain text.
 */

/** The few styles the CLI uses; identity functions when colour is off. */
export interface Palette {
    red(text: string): string;
    yellow(text: string): string;
}

const PLAIN: Palette = { red: (t) => t, yellow: (t) => t };
const ANSI: Palette = {
    red: (t) => `\u001b[31m${t}\u001b[39m`,
    yellow: (t) => `\u001b[33m${t}\u001b[39m`,
};

/** Colour for `stream` if it is a terminal and `NO_COLOR` is empty or unset. */
export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
    return stream.isTTY === true && !env.NO_COLOR ? ANSI : PLAIN;
}

/** Plain text, for output that must not carry escape codes. */
export const NO_COLOR: Palette = PLAIN;
