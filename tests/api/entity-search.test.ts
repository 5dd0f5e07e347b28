import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceDataset } from '../../src/db/version-store.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { madeUpList, madeUpParty as party } from '../helpers/made-up-list.js';

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'search.db'), DATA_REFRESH_MS: 0 });
  replaceDataset(
    app.catalog.db,
    madeUpList([
      party('t-underscore', 'Blade_Runner Ltd'),
      party('t-percent', '100% Pure Trading'),
      party('t-quote', 'Quote "Q" Holdings'),
      party('t-cyrillic', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ ТЕСТ'),
      party('t-han', '王军'),
      party('t-plus', 'C++ Labs'),
    ]),
  );
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const found = async (q: string) => {
  const res = await app.inject({ method: 'GET', url: `/v1/entities?q=${encodeURIComponent(q)}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().entities.map((e: { id: string }) => e.id);
};

describe('issue 16 item 13: GET /v1/entities?q= searches the text as text', () => {
  it.each([
    ['_', ['t-underscore']],
    ['%', ['t-percent']],
    ['_R', ['t-underscore']],
    ['0% P', ['t-percent']],
    ['"Q"', ['t-quote']],
    ['c++', ['t-plus']],
    ['*', []],
    ['王军', ['t-han']],
    ['runner', ['t-underscore']],
  ])('q=%s finds %o and nothing else', async (q, ids) => {
    expect(await found(q)).toEqual(ids);
  });

  it('ignores case beyond ASCII: q=общество finds ОБЩЕСТВО (LIKE folded only A–Z)', async () => {
    expect(await found('общество с ограниченной')).toEqual(['t-cyrillic']);
  });
});
