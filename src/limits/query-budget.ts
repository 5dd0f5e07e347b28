/** What spending from a client's budget came to: granted (and what is left), or refused with the wait that refills it. */
export type BudgetSpend = { granted: true; remaining: number } | { granted: false; retryAfterSeconds: number };

/**
 * A budget of screenings per client (an API key, or a client address in open mode). Asynchronous so that a shared
 * store (Redis, once the service scales out) can implement it as well as this process's memory.
 */
export interface QueryBudget {
  /** Screenings a client may ask for at once; a request carrying more can never be granted. */
  readonly burst: number;
  readonly perSecond: number;
  /** Takes `queries` from `client`'s budget when it holds that many; otherwise takes nothing. */
  spend(client: string, queries: number): Promise<BudgetSpend>;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was counted, in milliseconds of `now`. */
  at: number;
}

/** Buckets kept before the first sweep of full ones; each sweep sets the next at twice what survived it. */
const SWEEP_FROM = 10_000;

/**
 * A token bucket per client in this process's memory: it holds up to `burst` screenings and refills at `perSecond`.
 * A bucket that has refilled to the brim is the same as no bucket, so those are dropped once many accumulate: memory
 * grows with the clients of the last burst / perSecond seconds, not with every address ever seen.
 */
export class MemoryQueryBudget implements QueryBudget {
  private readonly buckets = new Map<string, Bucket>();
  private sweepAbove = SWEEP_FROM;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How many clients have a bucket in memory (those refilled to the brim are dropped in sweeps). */
  get clientCount(): number {
    return this.buckets.size;
  }

  async spend(client: string, queries: number): Promise<BudgetSpend> {
    const at = this.now();
    const tokens = this.tokensAt(this.buckets.get(client), at);
    if (tokens < queries) return { granted: false, retryAfterSeconds: Math.ceil((queries - tokens) / this.perSecond) };
    this.buckets.set(client, { tokens: tokens - queries, at });
    if (this.buckets.size > this.sweepAbove) this.dropFullBuckets(at);
    return { granted: true, remaining: Math.floor(tokens - queries) };
  }

  private tokensAt(bucket: Bucket | undefined, at: number): number {
    if (!bucket) return this.burst;
    return Math.min(this.burst, bucket.tokens + ((at - bucket.at) / 1000) * this.perSecond);
  }

  private dropFullBuckets(at: number): void {
    for (const [client, bucket] of this.buckets) if (this.tokensAt(bucket, at) >= this.burst) this.buckets.delete(client);
    this.sweepAbove = Math.max(SWEEP_FROM, 2 * this.buckets.size);
  }
}
