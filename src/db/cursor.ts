/** The `cursor` query parameter cannot be decoded; the client must start again without it. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid: pass back the nextCursor of a previous page unchanged');
  }
}

/** Encodes the sort key of a page's last row as an opaque cursor (keyset pagination: no skips, no repeats). */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, size: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === size && key.every((k) => typeof k === 'string')) return key;
  } catch {
    // fall through: any undecodable cursor is the client's error
  }
  throw new InvalidCursorError();
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function paginate<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last ? encodeCursor(keyOf(last)) : null };
}
