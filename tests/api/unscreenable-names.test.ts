import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

const NO_LETTERS = 'the name has no letters or digits to screen';
const recordedScreenings = async () => (await app.inject({ method: 'GET', url: '/v1/screenings?limit=500' })).json().screenings.length;
const recordedDecisions = async () => (await app.inject({ method: 'GET', url: '/v1/decisions?limit=500' })).json().decisions.length;
const decide = (name: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/decisions',
    payload: { subject: { name }, entityId: 'crimson-group', decision: 'false_positive', reason: 'checked', reviewer: 'analyst-1' },
  });

describe('issue 16 item 3: names with nothing to screen', () => {
  it.each(['!!! ... ---', '???', '😀🎉', '-', 'ʼʼ'])('POST /v1/screen of %j is a 400 saying so, and nothing is recorded', async (name) => {
    const before = await recordedScreenings();
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: '/problems/validation-error',
      status: 400,
      detail: `body.name: ${NO_LETTERS}`,
      errors: [{ field: 'body.name', message: NO_LETTERS }],
    });
    expect(await recordedScreenings()).toBe(before);
  });

  it('a blank name says it is blank', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: '   ' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.name', message: 'the name is blank' }]);
  });

  it('a batch query with no letters or digits is rejected in place, the others screened', async () => {
    const before = await recordedScreenings();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen/batch',
      payload: { queries: [{ ref: 'a', name: '???' }, { ref: 'b', name: 'Crimson Group' }, { ref: 'c', name: ' ' }] },
    });
    const { results } = res.json();
    expect(results[0]).toMatchObject({ result: null, error: { errors: [{ field: 'queries[0].name', message: NO_LETTERS }] } });
    expect(results[1].result.verdict).toBe('match');
    expect(results[2]).toMatchObject({ result: null, error: { errors: [{ field: 'queries[2].name', message: 'the name is blank' }] } });
    expect(await recordedScreenings()).toBe(before + 1);
  });

  it('a CSV row with no letters or digits in its name is an error row, not clear', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen/batch',
      headers: { 'content-type': 'text/csv' },
      payload: 'ref,name\nr-1,!!! ... ---\n',
    });
    expect(res.statusCode).toBe(200);
    const [, row] = res.body.trim().split('\n');
    expect(row).toContain('error');
    expect(row).toContain(NO_LETTERS);
    expect(row).not.toContain('clear');
  });

  it('a decision on a name with no letters or digits is a 400, and nothing is recorded', async () => {
    const before = await recordedDecisions();
    const res = await decide('!!!');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.subject.name', message: NO_LETTERS }]);
    expect((await decide('  ')).json().errors).toEqual([{ field: 'body.subject.name', message: 'the name is blank' }]);
    expect(await recordedDecisions()).toBe(before);
  });
});
