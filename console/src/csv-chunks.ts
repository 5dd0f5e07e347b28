/**
 * Splits CSV text into its header line and its records, each record kept as written (a quoted field may hold line
 * breaks and commas), so chunks of records can be sent on with the header and answered row for row.
 */
export function csvRecords(text: string): { header: string; records: string[] } {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      records.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start).replace(/\r$/, ''));
  const [header = '', ...rest] = records.filter((r) => r !== '');
  return { header, records: rest };
}

/** The records in chunks of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
