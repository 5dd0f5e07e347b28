/**
 * How often a listed entry carries a two-part Korean person name whose parts are a strict subset of one of its own
 * three-part names (`KIM Chol` beside `KIM Yong Chol`), i.e. how often a dropped given-name syllable is the same
 * person's short form rather than another person. Usage: tsx scripts/count-korean-short-forms.ts
 */
import { resolve } from 'node:path';
import { prepareListedName } from '../src/matching/index.js';
import { readDprkEntries } from './eval-lib.js';

const dataDir = resolve(import.meta.dirname, '../../shared/data');

function koreanParts(name: string): string[] | undefined {
  const tokens = prepareListedName(name, 'person').readings[0]?.tokens ?? [];
  const korean = tokens.every((token) => token.role === 'name' && token.romanKey !== '');
  return korean ? tokens.map((token) => token.romanKey) : undefined;
}

const isSubset = (short: readonly string[], long: readonly string[]): boolean => short.every((part) => long.includes(part));

let twoPart = 0;
let sameEntry = 0;
let otherEntry = 0;
const persons = (await readDprkEntries(dataDir)).filter((entry) => entry.kind === 'person');
const namesByEntry = persons.map((entry) => entry.names.map(koreanParts).filter((name) => name !== undefined));
namesByEntry.forEach((names, index) => {
  for (const name of names.filter((candidate) => candidate.length === 2 && new Set(candidate).size === 2)) {
    twoPart += 1;
    if (names.some((three) => three.length === 3 && isSubset(name, three))) sameEntry += 1;
    const elsewhere = namesByEntry.some((other, k) => k !== index && other.some((three) => three.length === 3 && isSubset(name, three)));
    if (elsewhere) otherEntry += 1;
  }
});
console.log(`${persons.length} DPRK person entries (OFAC, UN, EU); ${twoPart} two-part Korean names;`);
console.log(`  a strict subset of a three-part name on the same entry: ${sameEntry}`);
console.log(`  a strict subset of a three-part name on another entry: ${otherEntry}`);
