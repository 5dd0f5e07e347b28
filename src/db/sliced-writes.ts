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

/** How a paced write held the lock: in how many transactions, and the longest of them. */
export interface WriteStats {
  transactions: number;
  longestMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Writes to one database in short transactions, counting them and timing the longest. */
export class PacedWrites {
  readonly stats: WriteStats = { transactions: 0, longestMs: 0 };

  constructor(
    private readonly db: Db,
    private readonly pacing: WritePacing = IMPORT_PACING,
  ) {}

  /** Runs `write` in one immediate transaction. */
  once<T>(write: () => T): T {
    const started = performance.now();
    try {
      return this.db.transaction(write).immediate();
    } finally {
      this.stats.transactions++;
      this.stats.longestMs = Math.max(this.stats.longestMs, performance.now() - started);
    }
  }

  /**
   * Runs `steps` in successive short transactions (as many steps as fit in `sliceMs` each), pausing between them.
   * A failing step rolls back its own transaction only: the steps committed before it stay written.
   */
  async run<T>(steps: WriteSteps<T>): Promise<T> {
    const slice = () => {
      const until = performance.now() + this.pacing.sliceMs;
      let step = steps.next();
      while (!step.done && performance.now() < until) step = steps.next();
      return step;
    };
    for (;;) {
      const step = this.once(slice);
      if (step.done) return step.value;
      await sleep(this.pacing.pauseMs);
    }
  }
}

/** Runs every step of `steps` in the caller's transaction (or none): for small writes, and writes that must be one. */
export function runWhole<T>(steps: WriteSteps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}
