/** An input that is not the list format a parser expects, or is truncated or empty. Never a partial result. */
export class ListFormatError extends Error {
  override readonly name = 'ListFormatError';
}
