import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { importList } from '../../src/ingest/import-list.js';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { parseOfacXml } from '../../src/ingest/lists/ofac-xml.js';
import { parseUnXml } from '../../src/ingest/lists/un-xml.js';
import { databaseEachTest } from '../helpers/app.js';
import { fixture, fromText } from './helpers.js';

/** The classic "billion laughs": ten levels of ten references each, a gigabyte of "lol" if a parser expanded it. */
function billionLaughs(root: string): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n${levels.join('\n')}\n]>\n<${root}>&lol9;</${root}>`;
}

/** An external entity (XXE): a parser that resolved it would read a local file into the list. */
const externalEntity = (root: string) =>
  `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<${root}>&xxe;</${root}>`;

describe('XML list files with a DOCTYPE or entity declarations are refused with the reason', () => {
  it.each([
    ['a billion-laughs UN list', () => parseUnXml(fromText(billionLaughs('CONSOLIDATED_LIST')))],
    ['a billion-laughs OFAC list', () => parseOfacXml(fromText(billionLaughs('Sanctions')))],
    ['an OFAC list with an external entity', () => parseOfacXml(fromText(externalEntity('Sanctions')))],
    ['a UN list whose DOCTYPE declares nothing', () => parseUnXml(fromText('<!DOCTYPE CONSOLIDATED_LIST><CONSOLIDATED_LIST/>'))],
  ])('%s', async (_case, parse) => {
    const rejection = parse();
    await expect(rejection).rejects.toBeInstanceOf(ListFormatError);
    await expect(rejection).rejects.toThrow(/has a DOCTYPE declaration.*refused/);
  });

  describe('through the import command', () => {
    const test = databaseEachTest('lists.db');

    it('leaves the serving version in place', async () => {
      const { db, dir } = test;
      const serving = await importList(db, 'un-xml', fixture('un-consolidated-sample.xml'));
      const sample = fs.readFileSync(fixture('un-consolidated-sample.xml'), 'utf8');
      const hostile = path.join(dir, 'hostile.xml');
      // The real list with a DTD slipped in before its root: the entries themselves are all valid.
      fs.writeFileSync(hostile, sample.replace('<CONSOLIDATED_LIST', '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "b">]>\n<CONSOLIDATED_LIST'));
      await expect(importList(db, 'un-xml', hostile)).rejects.toThrow(/DOCTYPE/);
      expect(datasetVersion(db, 'un-sc')).toBe(serving.version);
    });
  });
});
