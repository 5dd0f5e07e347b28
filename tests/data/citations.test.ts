import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCitations, type CitedFact, loadCuratedDataset, seedsDir } from './curated.js';
import { collapseWhitespace, externalQuotes, unverifiedQuotes } from './quotes.js';

describe('unverifiedQuotes', () => {
  const sources = [
    { id: 'article-x', documentFile: 'x.txt' },
    { id: 'press-y' },
    { id: 'press-z', url: 'https://example.org/press-z' },
  ];
  const documents: Record<string, string> = { 'x.txt': 'North Korea’s infamous hacking\n   group, Lazarus.\nMore text.' };
  const read = (file: string): string | undefined => documents[file];
  const fact = (quote: string, source = 'article-x'): CitedFact => ({ fact: 'entity lazarus-group', citation: { source, quote } });

  it('accepts a quote that differs from the document only in whitespace', () => {
    expect(unverifiedQuotes([fact('infamous hacking group, Lazarus.')], sources, read)).toEqual([]);
  });

  it('rejects a quote that is not in its document, naming the record and the quote', () => {
    expect(unverifiedQuotes([fact('infamous hacking group, Andariel.')], sources, read)).toEqual([
      'entity lazarus-group: quote "infamous hacking group, Andariel." from article-x: not found verbatim in x.txt',
    ]);
  });

  it('rejects a paraphrase with straight quotes where the document has curly ones', () => {
    expect(unverifiedQuotes([fact("North Korea's infamous")], sources, read)).toHaveLength(1);
  });

  it('rejects a quote whose source has no document or whose document is missing', () => {
    expect(unverifiedQuotes([fact('anything', 'press-y')], sources, read)).toEqual([
      'entity lazarus-group: quote "anything" from press-y: the source has no documentFile to check the quote against',
    ]);
    expect(unverifiedQuotes([fact('anything')], sources, () => undefined)).toEqual([
      'entity lazarus-group: quote "anything" from article-x: document x.txt not found',
    ]);
  });

  it('leaves a quote of a published page (URL, no local document) to the online check, listing it', () => {
    expect(unverifiedQuotes([fact('anything', 'press-z')], sources, read)).toEqual([]);
    expect(externalQuotes([fact('anything', 'press-z'), fact('infamous')], sources)).toEqual([
      'entity lazarus-group: "anything" (https://example.org/press-z)',
    ]);
  });

  it('ignores list-entry citations', () => {
    const listFact: CitedFact = { fact: 'entity lazarus-group', citation: { source: 'ofac', listEntry: '27307' } };
    expect(unverifiedQuotes([listFact], sources, read)).toEqual([]);
  });

  it('collapses every kind of whitespace run to one space', () => {
    expect(collapseWhitespace(' a\t\n b  c ')).toBe('a b c');
  });
});

const seedsPresent = fs.existsSync(seedsDir);
if (!seedsPresent) console.warn(`SKIPPED: quote checks need the source articles in ${seedsDir}, which is absent.`);

describe.skipIf(!seedsPresent)('every quote in data/ is verbatim in its source article', () => {
  const dataset = loadCuratedDataset();
  const facts = allCitations(dataset);

  it('finds quotes to check', () => {
    expect(facts.filter((f) => f.citation.quote !== undefined).length).toBeGreaterThan(0);
  });

  it('finds each quote in ../shared/seeds/<documentFile>', () => {
    const read = (file: string): string | undefined => {
      const full = path.join(seedsDir, file);
      return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
    };
    const sources = dataset.sources.map((s) => s.record);
    expect(unverifiedQuotes(facts, sources, read)).toEqual([]);
    const external = externalQuotes(facts, sources);
    if (external.length > 0) {
      console.info(`${external.length} quotes cite published pages and are checked online only:\n${external.join('\n')}`);
    }
  });
});
