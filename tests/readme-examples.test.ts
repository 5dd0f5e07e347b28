import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, README_FILE, masked, regenerate } from '../scripts/readme-examples.js';

describe('README examples', () => {
  const readme = fs.readFileSync(README_FILE, 'utf8');

  it('are the answers the server gives today (run `npm run readme-examples` after changing one)', async () => {
    expect(masked(await regenerate(readme)), 'README.md examples are stale: run `npm run readme-examples`').toBe(masked(readme));
  }, 60_000);

  it('are each in README once', () => {
    for (const name of Object.keys(EXAMPLES)) expect(readme.split(`<!-- example: ${name} -->`)).toHaveLength(2);
  });

  it('mask only what differs between runs', () => {
    expect(masked('"screeningId": "01a2310d-00ca-7507-9a9a-8205916d6349", "at": "2026-12-01T10:01:05.472Z", "score": 0.9194')).toBe(
      '"screeningId": "<uuid>", "at": "<time>", "score": 0.9194',
    );
  });
});
