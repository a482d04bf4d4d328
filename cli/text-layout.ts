/**
 * Plain-text layout for people: word wrapping and tables whose cells wrap
 * onto continuation lines within their column, so that output fits a
 * terminal instead of being folded by it. Nothing is ever cut off.
 *
 * Written for tables of any size: widths are found with loops (a spread
 * into `Math.max` overflows the call stack past ~125,000 rows) and lines are
 * returned one by one for the caller to write in chunks.
 */

/** The width of everything the CLI prints for people, unless the terminal is wider or `--wide` is given. */
export const DEFAULT_WIDTH = 100;

/**
 * Where to break `text` so that the line fits `width`: the last space that
 * does, preferring one outside parentheses ("Access Edge host" / "(SRV
 * target)" rather than "Access Edge host (SRV" / "target)"). -1 for none.
 */
function breakAt(text: string, width: number, parentheses: boolean): number {
    // No "(" in reach: every space is outside parentheses (an unmatched ")"
    // opens nothing), and the last one is found without a loop, as for
    // most lines of a long list of warnings.
    const open = text.indexOf("(");
    if (open === -1 || open > width) return text.lastIndexOf(" ", width);
    let last = -1;
    let outside = -1;
    let depth = 0;
    for (let i = 0; i <= width && i < text.length; i++) {
        const c = text[i];
        if (c === "(") depth++;
        else if (c === ")") depth = Math.max(0, depth - 1);
        else if (c === " ") {
            last = i;
            if (depth === 0) outside = i;
        }
    }
    // Not at the price of a line much shorter than the width.
    return parentheses && outside > width / 3 ? outside : last;
}

/**
 * Splits `text` into lines of at most `width` characters (`restWidth` for
 * all but the first), breaking after spaces; a word longer than the width
 * is broken where it must be. `keepParentheses` (the default) prefers
 * breaks outside parentheses.
 */
export function wrapText(text: string, width: number, keepParentheses = true, restWidth = width): string[] {
    if (width < 1 || restWidth < 1 || text.length <= width) return [text];
    const lines: string[] = [];
    let rest = text;
    for (let room = width; rest.length > room; room = restWidth) {
        const space = breakAt(rest, room, keepParentheses);
        if (space > 0) {
            lines.push(rest.slice(0, space).trimEnd());
            rest = rest.slice(space + 1).trimStart();
        } else {
            lines.push(rest.slice(0, room));
            rest = rest.slice(room);
        }
    }
    if (rest.length > 0 || lines.length === 0) lines.push(rest);
    return lines;
}

/**
 * `text` wrapped to `width` with `first` before the first line and `indent`
 * before the others: a list item or a labelled paragraph.
 */
export function hangingWrap(text: string, width: number, first: string, indent: string = " ".repeat(first.length), keepParentheses = true): string[] {
    return wrapText(text, Math.max(1, width - first.length), keepParentheses, Math.max(1, width - indent.length)).map((line, i) => `${i === 0 ? first : indent}${line}`.trimEnd());
}

/**
 * A message for people, every line wrapped to `width` at spaces: a line
 * continues under its own text, after its indent and list dash (`  - `), or
 * two columns in from a line that has none. Tabs indent as two spaces.
 */
export function wrapBlock(text: string, width: number): string[] {
    const lines: string[] = [];
    for (const raw of text.replace(/\n$/, "").split("\n")) {
        const line = raw.replace(/^\t+/, (tabs) => "  ".repeat(tabs.length));
        const first = /^\s*(?:- )?/.exec(line)?.[0] ?? "";
        const indent = " ".repeat(first.length) + (first.endsWith("- ") ? "" : "  ");
        for (const part of hangingWrap(line.slice(first.length), width, first, indent)) lines.push(part);
    }
    return lines;
}

/**
 * The longest word among `cells`: the narrowest a column may wrap to
 * without cutting a host name or an address in two.
 */
export function longestWord(cells: readonly string[]): number {
    let longest = 0;
    for (const cell of cells) for (const word of cell.split(" ")) if (word.length > longest) longest = word.length;
    return longest;
}

/** `text` with the spaces nested deeper than `depth` in brackets (`[--timeout <ms>]`) made unbreakable. */
function glue(text: string, depth: number): string {
    let level = 0;
    let out = "";
    for (const c of text) {
        if (c === "[" || c === "<") level++;
        else if (c === "]" || c === ">") level = Math.max(0, level - 1);
        out += c === " " && level > depth ? "\u00a0" : c;
    }
    return out;
}

/**
 * A usage line wrapped to `width`: breaks between options, never inside one
 * (`[--timeout <ms>]` stays whole) unless an option alone is too long, and
 * continuation lines start under the first option.
 */
export function usageLines(line: string, width: number): string[] {
    const start = line.search(/ [[<-]/);
    const indent = " ".repeat(start < 0 ? 2 : start + 1);
    let glued = line;
    for (let depth = 0; depth < 8; depth++) {
        glued = glue(line, depth);
        if (longestWord([glued]) <= width - indent.length) break;
    }
    return hangingWrap(glued, width, "", indent, false).map((l) => l.replace(/\u00a0/g, " "));
}

/** How one column of a table behaves when the table is too wide. */
export interface ColumnSpec {
    header: string;
    /**
     * The narrowest the column may become by wrapping its cells; absent for
     * a column that never wraps (short codes such as TYPE).
     */
    minWidth?: number;
    /**
     * The last resort: when the table does not fit with every column at its
     * `minWidth`, columns give up more, in the same order, down to this.
     * For a minWidth that keeps words whole (`longestWord`), so that a word
     * is cut only when nothing else makes the table fit. @default minWidth
     */
    floor?: number;
    /** Columns with a lower number give up width first. @default 0 */
    shrinkOrder?: number;
}

/** A table's layout options. */
export interface TableOptions {
    /** Total width of a line, indent included; `Infinity` never wraps. */
    width: number;
    /** Before every line. @default "  " */
    indent?: string;
    /** Between columns. @default "  " */
    gap?: string;
    /** Print the headers as the first line. @default true */
    header?: boolean;
}

/**
 * The table as lines: a header row, then each row, cells wrapped within
 * their column when the natural widths do not fit `options.width`.
 * Wrappable columns give up width in `shrinkOrder`, down to `minWidth`,
 * then, if need be, down to `floor`; if even that does not fit, the lines
 * are longer than the width.
 */
export function tableLines(columns: readonly ColumnSpec[], rows: readonly (readonly string[])[], options: TableOptions): string[] {
    const lines: string[] = [];
    for (const row of tableRows(columns, rows, options)) for (const line of row) lines.push(line);
    return lines;
}

/** As `tableLines`, with the lines of each row apart (the header first, if shown): for a caller that adds lines after a row. */
export function tableRows(columns: readonly ColumnSpec[], rows: readonly (readonly string[])[], options: TableOptions): string[][] {
    const indent = options.indent ?? "  ";
    const gap = options.gap ?? "  ";
    const widths = fitWidths(columns, rows, options.width - indent.length - gap.length * (columns.length - 1));
    const last = columns.length - 1;
    const layout = (cells: readonly string[]): string[] => {
        const wrapped = cells.map((cell, i) => wrapText(cell, widths[i]));
        let height = 1;
        for (const w of wrapped) if (w.length > height) height = w.length;
        const lines: string[] = [];
        for (let line = 0; line < height; line++) {
            const parts = wrapped.map((w, i) => (i === last ? (w[line] ?? "") : (w[line] ?? "").padEnd(widths[i])));
            lines.push(`${indent}${parts.join(gap)}`.trimEnd());
        }
        return lines;
    };
    const result = (options.header ?? true) ? [layout(columns.map((c) => c.header))] : [];
    for (const row of rows) result.push(layout(row));
    return result;
}

/** Each column's width: its widest cell, less what wrappable columns give up so that the sum fits `room`. */
function fitWidths(columns: readonly ColumnSpec[], rows: readonly (readonly string[])[], room: number): number[] {
    const widths = columns.map((c) => c.header.length);
    for (const row of rows) {
        for (let i = 0; i < widths.length; i++) if (row[i].length > widths[i]) widths[i] = row[i].length;
    }
    const order = columns
        .map((c, i) => ({ i, min: c.minWidth ?? Infinity, floor: c.floor ?? c.minWidth ?? Infinity, rank: c.shrinkOrder ?? 0 }))
        .filter((c) => Number.isFinite(c.min))
        .sort((a, b) => a.rank - b.rank || b.i - a.i);
    for (const pass of ["min", "floor"] as const) {
        for (const column of order) {
            const excess = widths.reduce((sum, w) => sum + w, 0) - room;
            if (excess <= 0) return widths;
            const { i } = column;
            widths[i] = Math.min(widths[i], Math.max(column[pass], columns[i].header.length, widths[i] - excess));
        }
    }
    return widths;
}
