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

/**
 * The records in chunks of at most `maxRows` records and, with the header, about `maxBytes` UTF-8 bytes (a record
 * longer than that goes alone, for the service to judge).
 */
export function chunked(header: string, records: readonly string[], maxRows: number, maxBytes: number): string[][] {
  const encoder = new TextEncoder();
  const headerBytes = encoder.encode(header).length + 1;
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let bytes = headerBytes;
  for (const record of records) {
    const size = encoder.encode(record).length + 1;
    if (chunk.length > 0 && (chunk.length === maxRows || bytes + size > maxBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = headerBytes;
    }
    chunk.push(record);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
