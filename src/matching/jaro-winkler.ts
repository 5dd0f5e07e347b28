/**
 * Jaro and Jaro–Winkler, written here because OFAC's search applies the Winkler prefix bonus
 * unconditionally (SimMetrics style) while common libraries gate it on Jaro ≥ 0.7.
 */

/** Jaro similarity, e.g. `jaro("MARTHA", "MARHTA")` ≈ 0.944. */
export function jaro(left: string, right: string): number {
  if (left === right) return left.length === 0 ? 0 : 1;
  const leftLength = left.length;
  const rightLength = right.length;
  if (leftLength === 0 || rightLength === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(leftLength, rightLength) / 2) - 1);
  const leftMatched = new Uint8Array(leftLength);
  const rightMatched = new Uint8Array(rightLength);
  let matches = 0;
  for (let i = 0; i < leftLength; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(rightLength - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (rightMatched[j] === 1 || left.charCodeAt(i) !== right.charCodeAt(j)) continue;
      leftMatched[i] = 1;
      rightMatched[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < leftLength; i += 1) {
    if (leftMatched[i] !== 1) continue;
    while (rightMatched[j] !== 1) j += 1;
    if (left.charCodeAt(i) !== right.charCodeAt(j)) transpositions += 1;
    j += 1;
  }
  return (matches / leftLength + matches / rightLength + (matches - transpositions / 2) / matches) / 3;
}

function commonPrefixLength(left: string, right: string, limit: number): number {
  let length = 0;
  while (length < limit && length < left.length && left.charCodeAt(length) === right.charCodeAt(length)) length += 1;
  return length;
}

/** Jaro–Winkler; `boostThreshold` 0.7 is Winkler's original gate, 0 applies the bonus always. */
export function jaroWinkler(left: string, right: string, boostThreshold = 0.7): number {
  const similarity = jaro(left, right);
  if (similarity < boostThreshold) return similarity;
  return similarity + commonPrefixLength(left, right, 4) * 0.1 * (1 - similarity);
}
