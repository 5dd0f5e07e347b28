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

/**
 * The limits on screening work, beside the per-request rate limit: a request spends its number of queries from
 * its client's query budget. Called once the body is parsed (a CSV batch's row count is known only then) and before
 * anything is screened, so a refused request leaves no audit record.
 */
export class ScreeningGate {
  constructor(private readonly budget: QueryBudget) {}

  /** Runs `screen` for a request carrying `queries` screenings, or throws 413 or 429 (with Retry-After). */
  async admit<T>(request: FastifyRequest, reply: FastifyReply, queries: number, screen: () => Promise<T>): Promise<T> {
    const { burst, perSecond } = this.budget;
    const carried = `This request carries ${queries} ${queries === 1 ? 'query' : 'queries'}`;
    if (queries > burst) {
      throw new HttpProblem(
        413,
        'payloadTooLarge',
        `${carried}, more than the ${burst} a client may ask for at once (QUERY_LIMIT_BURST); send them in smaller batches.`,
      );
    }
    const client = limitedClient(request);
    const spend = await this.budget.spend(client.id, queries);
    if (!spend.granted) {
      reply.header('retry-after', spend.retryAfterSeconds);
      throw new HttpProblem(
        429,
        'rateLimited',
        `${carried}, more than ${client.description} has left of its budget of ${perSecond} ` +
          `screenings a second (bursts of ${burst}); retry in ${spend.retryAfterSeconds} s.`,
      );
    }
    return screen();
  }
}
