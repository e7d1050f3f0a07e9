export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, and value / that figure. */
  against?: { name: string; value: number; ratio: number };
  target?: string;
  note?: string;
}

export interface BenchContext {
  bench: string;
}

export const figures: Figure[] = [];

export function record(figure: Figure): Figure {
  figures.push(figure);
  console.error(`   ${figure.name}: ${figure.value} ${figure.unit}${figure.against ? ` (${figure.against.ratio.toFixed(2)}x ${figure.against.name})` : ''}`);
  return figure;
}

/** value relative to a baseline figure already recorded. */
export function compare(value: number, baseline: Figure): Figure['against'] {
  return { name: baseline.name, value: baseline.value, ratio: value / baseline.value };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function printReport(all: Figure[]): void {
  console.log(JSON.stringify({ figures: all }, null, 2));
  const rows = all.map((f) => [
    f.bench,
    f.name,
    `${Number.isInteger(f.value) ? f.value : f.value.toFixed(3)} ${f.unit}`,
    f.against ? `${f.against.ratio.toFixed(2)}x ${f.against.name}` : '',
    f.target ?? '',
  ]);
  const header = ['bench', 'figure', 'value', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
