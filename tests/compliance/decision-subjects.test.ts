import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, copyFixtures, tempDir } from '../helpers/app.js';

// Wallet addresses of our own, listed for the Crimson Group in this test's copy of the fixtures.
const ADDRESS = '0x00000000000000000000000000000000c0ffee01';
const SECOND_ADDRESS = '0x00000000000000000000000000000000c0ffee02';
const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  const dataDir = path.join(work.dir, 'data');
  fs.mkdirSync(dataDir);
  copyFixtures(dataDir);
  const file = path.join(dataDir, 'entities.yaml');
  const identifier = (value: string) => `
      - type: crypto_address
        value: '${value}'
        chain: ETH
        citations:
          - source: list-x
            listEntry: X-1`;
  const listed = `    summary: A designated hacking group.\n    identifiers:${identifier(ADDRESS)}${identifier(SECOND_ADDRESS)}`;
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('    summary: A designated hacking group.', listed));
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'subjects.db'), DATA_DIR: dataDir });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const screen = async (payload: object) => (await app.inject({ method: 'POST', url: '/v1/screen', payload })).json();
const falsePositive = async (subject: object) => {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/decisions',
    payload: { subject, entityId: 'crimson-group', decision: 'false_positive', reason: 'checked the file', reviewer: 'analyst-1' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
const crimson = (body: { matches: { entity: { id: string } }[] }) => body.matches.filter((m) => m.entity.id === 'crimson-group');

describe('issue 16 item 1: a decision applies only to the matches its own subject produced', () => {
  it('a false positive on the name Jane Doe does not clear a listed address screened beside it', async () => {
    await falsePositive({ name: 'Jane Doe' });
    const body = await screen({ name: 'Jane Doe', address: ADDRESS });
    expect(body.verdict).toBe('match');
    expect(crimson(body)).toEqual([
      expect.objectContaining({ subjectKind: 'address', score: 1, verdict: 'match', previouslyReviewed: null, matchedAddress: expect.objectContaining({ canonical: ADDRESS }) }),
    ]);
    const recorded = (await app.inject({ method: 'GET', url: `/v1/screenings/${body.screeningId}` })).json();
    expect(recorded.verdict).toBe('match');
    expect(recorded.matches[0]).toMatchObject({ entityId: 'crimson-group', subjectKind: 'address', previouslyReviewed: null });
  });

  it('a false positive on a placeholder name does not clear a listed address screened with it', async () => {
    await falsePositive({ name: 'N/A' });
    expect((await screen({ name: 'N/A', address: ADDRESS })).verdict).toBe('match');
  });

  it('a false positive on the address does not clear the exact name screened beside it: the un-reviewed hit stands', async () => {
    const decisionId = await falsePositive({ address: ADDRESS });
    // The address alone is cleared by its own decision.
    const alone = await screen({ address: ADDRESS });
    expect(alone.verdict).toBe('clear');
    expect(crimson(alone)).toEqual([
      expect.objectContaining({ subjectKind: 'address', previouslyReviewed: expect.objectContaining({ decisionId, subject: `address:${ADDRESS}` }) }),
    ]);
    // With the exact name beside it, the party is one match, shown by its name hit, which no decision reviewed.
    const both = await screen({ name: 'Crimson Group', address: ADDRESS });
    expect(both.verdict).toBe('match');
    expect(crimson(both)).toEqual([
      expect.objectContaining({ subjectKind: 'name', matchedName: 'Crimson Group', score: 1, matchedAddress: null, previouslyReviewed: null }),
    ]);
  });

  it('a party is cleared when the hits of both subjects were each reviewed as false positives', async () => {
    const nameDecision = await falsePositive({ name: 'Crimson Grup' });
    await falsePositive({ address: SECOND_ADDRESS });
    const body = await screen({ name: 'Crimson Grup', address: SECOND_ADDRESS });
    expect(body.verdict).toBe('clear');
    expect(crimson(body)).toEqual([
      expect.objectContaining({ subjectKind: 'address', previouslyReviewed: expect.objectContaining({ decision: 'false_positive' }) }),
    ]);
    expect(crimson(await screen({ name: 'Crimson Grup' }))[0]).toMatchObject({
      subjectKind: 'name',
      previouslyReviewed: { decisionId: nameDecision, subject: 'name:crimson grup' },
    });
  });
});
