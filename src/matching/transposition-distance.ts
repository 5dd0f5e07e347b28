/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions at cost 1.
 * Only called on short tokens that just missed the edit budget, so a plain table is fine.
 */
export function transpositionDistance(left: string, right: string): number {
  const width = right.length + 1;
  const table = new Uint16Array((left.length + 1) * width);
  for (let i = 0; i <= left.length; i += 1) table[i * width] = i;
  for (let j = 0; j <= right.length; j += 1) table[j] = j;
  for (let i = 1; i <= left.length; i += 1) {
    for (let j = 1; j <= right.length; j += 1) {
      const cost = left.charCodeAt(i - 1) === right.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(
        (table[(i - 1) * width + j] ?? 0) + 1,
        (table[i * width + j - 1] ?? 0) + 1,
        (table[(i - 1) * width + j - 1] ?? 0) + cost,
      );
      const swapped = i > 1 && j > 1 && left.charCodeAt(i - 1) === right.charCodeAt(j - 2) && left.charCodeAt(i - 2) === right.charCodeAt(j - 1);
      if (swapped) best = Math.min(best, (table[(i - 2) * width + j - 2] ?? 0) + 1);
      table[i * width + j] = best;
    }
  }
  return table[left.length * width + right.length] ?? 0;
}
