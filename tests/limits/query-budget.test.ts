import { describe, expect, it } from 'vitest';
import { MemoryQueryBudget } from '../../src/limits/query-budget.js';

/** A budget on a clock the test moves by hand, in milliseconds. */
function budgetAt(perSecond: number, burst: number) {
  const clock = { ms: 0 };
  return { clock, budget: new MemoryQueryBudget(perSecond, burst, () => clock.ms) };
}

describe('MemoryQueryBudget (a token bucket per client)', () => {
  it('grants a whole burst at once, then refuses until it has refilled at perSecond', async () => {
    const { clock, budget } = budgetAt(100, 1000);
    expect(await budget.spend('key:a', 1000)).toEqual({ granted: true, remaining: 0 });
    expect(await budget.spend('key:a', 1)).toEqual({ granted: false, retryAfterSeconds: 1 });
    clock.ms = 2500;
    expect(await budget.spend('key:a', 250)).toEqual({ granted: true, remaining: 0 });
    clock.ms = 1_000_000;
    expect(await budget.spend('key:a', 1)).toEqual({ granted: true, remaining: 999 });
  });

  it('asks a refused client to wait the whole seconds that refill what it lacks', async () => {
    const { clock, budget } = budgetAt(100, 1000);
    await budget.spend('key:a', 900);
    expect(await budget.spend('key:a', 1000)).toEqual({ granted: false, retryAfterSeconds: 9 });
    clock.ms = 10;
    // 101 left, 899 lacking: 8.99 s at 100 a second.
    expect(await budget.spend('key:a', 1000)).toEqual({ granted: false, retryAfterSeconds: 9 });
    clock.ms = 9000;
    expect(await budget.spend('key:a', 1000)).toEqual({ granted: true, remaining: 0 });
  });

  it('takes nothing from a refused request, so a retry after Retry-After is granted', async () => {
    const { clock, budget } = budgetAt(10, 100);
    await budget.spend('key:a', 95);
    const refused = await budget.spend('key:a', 50);
    expect(refused).toEqual({ granted: false, retryAfterSeconds: 5 });
    expect(await budget.spend('key:a', 5)).toEqual({ granted: true, remaining: 0 });
    clock.ms = 5000;
    expect(await budget.spend('key:a', 50)).toEqual({ granted: true, remaining: 0 });
  });

  it('counts each client on its own', async () => {
    const { budget } = budgetAt(1, 10);
    expect(await budget.spend('key:a', 10)).toEqual({ granted: true, remaining: 0 });
    expect(await budget.spend('key:b', 10)).toEqual({ granted: true, remaining: 0 });
    expect(await budget.spend('ip:127.0.0.1', 3)).toEqual({ granted: true, remaining: 7 });
    expect((await budget.spend('key:a', 1)).granted).toBe(false);
  });

  it('forgets the clients whose bucket has refilled, so memory does not grow with every address ever seen', async () => {
    const { clock, budget } = budgetAt(1, 10);
    for (let i = 0; i < 10_000; i++) await budget.spend(`ip:10.0.${i >> 8}.${i & 255}`, 1);
    expect(budget.clientCount).toBe(10_000);
    clock.ms = 1000;
    await budget.spend('ip:192.0.2.1', 1);
    expect(budget.clientCount).toBe(1);
    // A client whose bucket was dropped starts again from a full burst, as it would have refilled to.
    expect(await budget.spend('ip:10.0.0.0', 10)).toEqual({ granted: true, remaining: 0 });
  });
});
