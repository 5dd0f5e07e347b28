/**
 * Long computations written once as generators that `yield` between chunks of work, and run either to the end at once
 * (the CLI, tests) or in slices between other work (a server rebuilding its screening state while it answers).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end now. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `steps` in slices of about `sliceMs` of work, letting the event loop run between them, so a request arriving
 * meanwhile waits one slice at most (plus the longest single step).
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = 5): Promise<T> {
  for (;;) {
    const until = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= until) break;
    }
    await nextTurn();
  }
}

/** A pause point every `every` calls: `if (pace()) yield;` inside a loop over rows. */
export function pacer(every = 256): () => boolean {
  let n = 0;
  return () => ++n % every === 0;
}
