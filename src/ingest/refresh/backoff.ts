/**
 * How long to wait before retrying after `failures` failed refreshes in a row: `baseMs` doubled at each further
 * failure, never beyond `capMs` (the source's own interval), then jittered into its upper half so that servers
 * that failed together do not all retry together. `random` returns a number in [0, 1).
 * Example: retryDelayMs(3, 60_000, 43_200_000, () => 0.5) === 180_000.
 */
export function retryDelayMs(failures: number, baseMs: number, capMs: number, random: () => number): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}
