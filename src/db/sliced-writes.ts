import type { Db } from './database.js';

/**
 * How a long write shares SQLite's one write lock: it holds it for at most `sliceMs` at a time and then leaves it
 * free for `pauseMs`, so a screening's audit write waits a slice at most instead of a whole import. (A waiting writer
 * polls the lock every few milliseconds: without the pause the import would take it again before any poll saw it
 * free.)
 */
export interface WritePacing {
  sliceMs: number;
  pauseMs: number;
}

export const IMPORT_PACING: WritePacing = { sliceMs: 10, pauseMs: 10 };

/** A long write as small steps, each one synchronous: the generator yields after each step. */
export type WriteSteps<T> = Generator<void, T>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `steps` in successive short transactions (as many steps as fit in `sliceMs` each), pausing between them.
 * A failing step rolls back its own transaction only: the steps committed before it stay written.
 */
export async function runSliced<T>(db: Db, steps: WriteSteps<T>, pacing: WritePacing = IMPORT_PACING): Promise<T> {
  const slice = db.transaction(() => {
    const until = performance.now() + pacing.sliceMs;
    let step = steps.next();
    while (!step.done && performance.now() < until) step = steps.next();
    return step;
  });
  for (;;) {
    const step = slice.immediate();
    if (step.done) return step.value;
    await sleep(pacing.pauseMs);
  }
}

/** Runs every step of `steps` in the caller's transaction (or none): for small writes, and writes that must be one. */
export function runWhole<T>(steps: WriteSteps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}
