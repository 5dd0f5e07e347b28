import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config.js';
import type { ScreeningRecord } from '../../src/db/audit-repo.js';
import { AuditWriter } from '../../src/db/audit-writer.js';
import type { Store } from '../../src/store/store.js';
import type { BudgetSpend, QueryBudget } from '../../src/limits/query-budget.js';
import { FIXTURE_DATA_DIR } from '../helpers/app.js';

/** Resolves the promises handed out by `hold` once released; says when a given number are held. */
class Holds {
  private held: (() => void)[] = [];
  private watchers: { count: number; notify: () => void }[] = [];
  holding = true;

  hold(): Promise<void> {
    if (!this.holding) return Promise.resolve();
    return new Promise((resolve) => {
      this.held.push(resolve);
      for (const w of this.watchers.filter((w) => this.held.length >= w.count)) w.notify();
    });
  }

  /** Resolves once `count` callers wait. */
  until(count: number): Promise<void> {
    if (this.held.length >= count) return Promise.resolve();
    return new Promise((notify) => this.watchers.push({ count, notify }));
  }

  release(): void {
    this.holding = false;
    for (const resolve of this.held.splice(0)) resolve();
  }
}

/** The real audit writer, whose commits wait until the test releases them: answers pile up as under load. */
class HeldAuditWriter extends AuditWriter {
  constructor(
    store: Store,
    private readonly commits: Holds,
  ) {
    super(store);
  }

  override async record(records: ScreeningRecord[]): Promise<void> {
    await this.commits.hold();
    return super.record(records);
  }
}

/** A shared budget store (as Redis will be) that answers only when the test releases it, then grants everything. */
class HeldQueryBudget implements QueryBudget {
  readonly answers = new Holds();
  readonly burst = 10_000;
  readonly perSecond = 2_000;

  async spend(): Promise<BudgetSpend> {
    await this.answers.hold();
    return { granted: true, remaining: this.burst };
  }
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(overrides: Partial<Config>, options: Parameters<typeof buildApp>[1] = {}): Promise<FastifyInstance> {
  app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, ...overrides }), options);
  await app.ready();
  return app;
}

const screen = (target: FastifyInstance) => target.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } });
const lookUpAddress = (target: FastifyInstance) => target.inject({ url: '/v1/addresses/0x098B716B8Aaf21512996dC57EB0615e2383E2f96' });
const batch = (target: FastifyInstance) =>
  target.inject({ method: 'POST', url: '/v1/screen/batch', payload: { queries: [{ name: 'Crimson Group' }, { name: 'Nobody Here' }] } });
const recorded = (target: FastifyInstance) =>
  (target.catalog.db.prepare('SELECT count(*) AS n FROM screenings').get() as { n: number }).n;

const overloaded = (instance: string, max: number) => ({
  type: '/problems/overloaded',
  title: 'Service overloaded',
  status: 503,
  detail: `This server already runs as many screening requests as it may at once (${max}, MAX_SCREENINGS_IN_FLIGHT); nothing was screened: retry in 1 s.`,
  instance,
  requestId: expect.any(String),
});

describe('load shedding (issue 17: at most MAX_SCREENINGS_IN_FLIGHT screenings at once)', () => {
  it('issue 17: answers 503 with Retry-After at once while screenings wait on their audit commit, and serves again once they are answered', async () => {
    const commits = new Holds();
    const target = await start({ MAX_SCREENINGS_IN_FLIGHT: 2 }, { auditWriter: (db) => new HeldAuditWriter(db, commits) });
    const waiting = [screen(target), lookUpAddress(target)];
    await commits.until(2);

    for (const [shed, instance] of [
      [await screen(target), '/v1/screen'],
      [await lookUpAddress(target), '/v1/addresses/0x098B716B8Aaf21512996dC57EB0615e2383E2f96'],
      [await batch(target), '/v1/screen/batch'],
    ] as const) {
      expect(shed.statusCode).toBe(503);
      expect(shed.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(shed.headers['retry-after']).toBe('1');
      expect(shed.json()).toEqual(overloaded(instance, 2));
    }
    // The probes always answer.
    expect((await target.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await target.inject({ url: '/readyz' })).statusCode).toBe(200);

    commits.release();
    expect((await Promise.all(waiting)).map((r) => r.statusCode)).toEqual([200, 200]);
    // Only the two admitted were recorded; the places they held are free again.
    expect(recorded(target)).toBe(2);
    expect((await screen(target)).statusCode).toBe(200);
    expect((await batch(target)).statusCode).toBe(200);
  });

  it('takes nothing from the query budget of a request it sheds', async () => {
    const commits = new Holds();
    const target = await start(
      { MAX_SCREENINGS_IN_FLIGHT: 1, QUERY_LIMIT_BURST: 2, QUERY_LIMIT_PER_SECOND: 0.001 },
      { auditWriter: (db) => new HeldAuditWriter(db, commits) },
    );
    const waiting = screen(target);
    await commits.until(1);
    for (let i = 0; i < 3; i++) expect((await screen(target)).statusCode).toBe(503);
    commits.release();
    expect((await waiting).statusCode).toBe(200);
    expect((await screen(target)).statusCode).toBe(200);
    expect((await screen(target)).statusCode).toBe(429);
  });

  it('counts a batch waiting on a shared query budget store as in flight', async () => {
    const budget = new HeldQueryBudget();
    const target = await start({ MAX_SCREENINGS_IN_FLIGHT: 1 }, { queryBudget: budget });
    const waiting = batch(target);
    await budget.answers.until(1);
    expect((await screen(target)).json()).toEqual(overloaded('/v1/screen', 1));
    budget.answers.release();
    expect((await waiting).statusCode).toBe(200);
    expect((await screen(target)).statusCode).toBe(200);
  });

  it('shares MAX_SCREENINGS_IN_FLIGHT out among the processes serving the port', async () => {
    expect((await start({ MAX_SCREENINGS_IN_FLIGHT: 5, WORKERS: 2 })).screeningGate.maxInFlight).toBe(3);
  });
});
