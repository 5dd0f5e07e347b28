import type { FastifyReply, FastifyRequest } from 'fastify';
import { limitedClient } from '../auth/plugin.js';
import { HttpProblem } from '../errors.js';
import type { QueryBudget } from './query-budget.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Admits screening work: every screening route runs its screenings through it. */
    screeningGate: ScreeningGate;
  }
}

/** In flight drains within a turn or two of the event loop, so the shortest wait HTTP can say is enough. */
const OVERLOADED_RETRY_AFTER_SECONDS = 1;

/**
 * The limits on screening work, beside the per-request rate limit. A request spends its number of queries from its
 * client's query budget, and holds a place among the screenings in flight from before it is screened until its
 * audit record is committed: screening is synchronous, so what piles up under load is answers waiting on the
 * group commit (and, with a shared budget store, requests waiting on it). A batch holds one place: it screens its
 * rows one after another. Called once the body is parsed (a CSV batch's row count is known only then) and before
 * anything is screened, so a refused request leaves no audit record.
 */
export class ScreeningGate {
  private inFlight = 0;

  constructor(
    private readonly budget: QueryBudget,
    /** Screening requests this process runs at once; beyond it, a 503 at once rather than a queue without end. */
    readonly maxInFlight: number,
  ) {}

  /** Runs `screen` for a request carrying `queries` screenings, or throws 413, 503 or 429 (with Retry-After). */
  async admit<T>(request: FastifyRequest, reply: FastifyReply, queries: number, screen: () => Promise<T>): Promise<T> {
    this.refuseLargerThanBurst(queries);
    // Shed before spending: a request turned away for load costs its client nothing.
    this.shedWhenFull(reply);
    this.inFlight += 1;
    try {
      await this.spend(request, reply, queries);
      return await screen();
    } finally {
      this.inFlight -= 1;
    }
  }

  private refuseLargerThanBurst(queries: number): void {
    if (queries <= this.budget.burst) return;
    throw new HttpProblem(
      413,
      'payloadTooLarge',
      `${carrying(queries)}, more than the ${this.budget.burst} a client may ask for at once (QUERY_LIMIT_BURST); send them in smaller batches.`,
    );
  }

  private shedWhenFull(reply: FastifyReply): void {
    if (this.inFlight < this.maxInFlight) return;
    reply.header('retry-after', OVERLOADED_RETRY_AFTER_SECONDS);
    throw new HttpProblem(
      503,
      'overloaded',
      `This server already runs as many screening requests as it may at once (${this.maxInFlight}, MAX_SCREENINGS_IN_FLIGHT); ` +
        `nothing was screened: retry in ${OVERLOADED_RETRY_AFTER_SECONDS} s.`,
    );
  }

  private async spend(request: FastifyRequest, reply: FastifyReply, queries: number): Promise<void> {
    const client = limitedClient(request);
    const spend = await this.budget.spend(client.id, queries);
    if (spend.granted) return;
    reply.header('retry-after', spend.retryAfterSeconds);
    throw new HttpProblem(
      429,
      'rateLimited',
      `${carrying(queries)}, more than ${client.description} has left of its budget of ${this.budget.perSecond} ` +
        `screenings a second (bursts of ${this.budget.burst}); retry in ${spend.retryAfterSeconds} s.`,
    );
  }
}

const carrying = (queries: number) => `This request carries ${queries} ${queries === 1 ? 'query' : 'queries'}`;
