import type { CaseResult, Stats } from './measure.js';

/** One line of the table: a measured case, and when it has a target, its ratio to the baseline. */
export interface Row {
  bench: string;
  label: string;
  stats: Stats;
  unit: 'ms' | 'MB';
  /** Median of the peak RSS, when the case measured it. */
  rssMb?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
}

export function timeRow(bench: string, label: string, result: CaseResult): Row {
  return { bench, label, stats: result.ms, unit: 'ms', rssMb: result.rssMb?.median };
}

/** A subject measured against its baseline; with a `limit`, the ratio of medians must stay at or under it. */
export function versusRow(bench: string, label: string, subject: CaseResult, baseline: CaseResult, limit?: number): Row {
  const ratio = subject.ms.median / baseline.ms.median;
  const row = { ...timeRow(bench, label, subject), ratio };
  return limit === undefined ? row : { ...row, target: `≤ ${limit.toFixed(2)}×`, met: ratio <= limit };
}

function format(value: number, unit: 'ms' | 'MB'): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function formatTable(rows: Row[]): string {
  const header = ['#', 'case', 'runs', 'median', 'min', 'max', 'peak RSS', 'ratio', 'target', 'met'];
  const cells = rows.map((row) => [
    row.bench,
    row.label,
    String(row.stats.runs),
    format(row.stats.median, row.unit),
    format(row.stats.min, row.unit),
    format(row.stats.max, row.unit),
    row.rssMb === undefined ? '' : format(row.rssMb, 'MB'),
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7]);
  const line = (values: string[]) =>
    values.map((value, column) => (numeric.has(column) ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}
