import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateIdentityPairs } from '../../scripts/eval-identity.js';
import { evaluationSetsExist } from '../../scripts/eval-lib.js';
import { DEFAULT_THRESHOLD } from '../../src/matching/index.js';

const evalDir = resolve(import.meta.dirname, '../../../shared/eval');
const setsExist = evaluationSetsExist(evalDir);

describe.skipIf(!setsExist)('identity matching on identity_pairs_dev.csv', () => {
  const report = setsExist ? evaluateIdentityPairs(evalDir, DEFAULT_THRESHOLD) : undefined;

  it('reaches recall and rejection of 0.95 with qualifiers, and matches no customer-negative', () => {
    expect(report?.overall.yes.withQualifiers).toBeGreaterThanOrEqual(0.95);
    expect(report?.overall.no.withQualifiers).toBeGreaterThanOrEqual(0.95);
    expect(report?.byCategory['customer-negative']?.withQualifiers).toBe(1);
  });

  it('does no worse with qualifiers than name-only in any category', () => {
    for (const figures of Object.values(report?.byCategory ?? {})) expect(figures.withQualifiers).toBeGreaterThanOrEqual(figures.nameOnly);
  });
});
