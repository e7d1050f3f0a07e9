/**
 * A plain-text body as runs of own text and quoted text ("> " lines, nested as ">> "), so long
 * quotes can be folded away. Quote depth counts the ">" marks, spaces between them allowed.
 */
export interface TextBlock {
  /** 0 for the writer's own text. */
  depth: number;
  lines: string[];
}

const QUOTE_MARKS = /^((?:>[ \t]?)+)/;

export function depthOf(line: string): number {
  return (QUOTE_MARKS.exec(line)?.[1]?.match(/>/g) ?? []).length;
}

/** Consecutive lines with depth 0 form one block, consecutive quoted lines (any depth) another. */
export function quoteBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const depth = depthOf(line);
    const last = blocks.at(-1);
    if (last && (last.depth > 0) === (depth > 0)) {
      last.lines.push(line);
      last.depth = Math.max(last.depth, depth);
    } else blocks.push({ depth, lines: [line] });
  }
  return blocks;
}

/** Quotes of more than this many lines start folded; short ones stay readable in place. */
export const FOLD_QUOTES_LONGER_THAN = 3;
