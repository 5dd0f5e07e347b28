import { describe, expect, it } from 'vitest';
import { lintOpenapi } from '../scripts/lint-openapi.js';

describe('the OpenAPI document under Redocly’s recommended rules', () => {
  it('has no error and no warning', async () => {
    expect(await lintOpenapi()).toEqual([]);
  }, 60_000);
});
