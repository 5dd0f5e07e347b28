export type Cell = string | number | null | undefined;

/** A number with a fixed count of decimals and thousands separators; '–' for a figure that was not measured. */
export function fmt(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${fmt((100 * part) / whole, 1)}%`);

/** An aligned plain-text table: text columns left-aligned, numeric-looking ones right-aligned. */
export function table(title: string, header: string[], rows: Cell[][]): string {
  const text = rows.map((row) => header.map((_, i) => String(row[i] ?? '–')));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) => text.length > 0 && text.every((row) => /^[-–\d.,%×x ]+$|^–$/.test(row[i] ?? '')));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [`\n${title}`, line(header), rule, ...text.map(line)].join('\n');
}
