export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  perSecond: number;
}

/** The value below which `p` of the sorted samples fall (nearest rank). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Percentiles of per-call durations, and calls per second over the whole loop's wall time. */
export function summarise(durationsMs: Float64Array, wallMs: number): LatencySummary {
  const sorted = Float64Array.from(durationsMs).sort();
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    perSecond: sorted.length / (wallMs / 1000),
  };
}

/** Times `run` over every input after `warmup` untimed calls, so the figures are of JIT-compiled code. */
export function timeEach<T, R>(inputs: readonly T[], warmup: number, run: (input: T) => R, onResult?: (input: T, result: R) => void) {
  for (let i = 0; i < Math.min(warmup, inputs.length); i++) {
    const input = inputs[i];
    if (input !== undefined) run(input);
  }
  const durations = new Float64Array(inputs.length);
  const started = performance.now();
  inputs.forEach((input, i) => {
    const t0 = performance.now();
    const result = run(input);
    durations[i] = performance.now() - t0;
    onResult?.(input, result);
  });
  return summarise(durations, performance.now() - started);
}
