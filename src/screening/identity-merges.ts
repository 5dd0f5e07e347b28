import type { Db } from '../db/database.js';
import { type PersonIdentity, readingPersonIdentities } from '../db/identity-facts-repo.js';
import { samePartyLinks } from '../db/screening-repo.js';
import { type Steps, pacer, runToEnd } from '../steps.js';
import { identifierComparisonKey, readCountry, readIdentifierNumbers } from '../matching/identity/index.js';
import anyAscii from 'any-ascii';
import { cleanName } from '../matching/clean-text.js';

export interface MergedRecord {
  id: string;
  datasetId: string;
  name: string;
}

/** Two records of different lists merged as one person by the identity rule, and what they share. */
export interface IdentityMerge {
  a: MergedRecord;
  b: MergedRecord;
  rule: 'name_and_birth_date' | 'passport';
  /** What both print: `yun ho jin, born 1944-10-13`, `passport 472220097`. */
  shared: string;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Shorter numbers are too often shared by chance (and by placeholders such as "000").
const MIN_PASSPORT_LENGTH = 6;

/**
 * A name as the rule compares it: its words in ASCII, lower case, in alphabetical order (`YUN, Ho-Jin` and `Ho Jin
 * YUN` agree; `Hojin` does not). Not the matcher's prepared form: preparing every listed person's names took 11.7 s
 * for curated + OFAC + UN, this takes milliseconds, and an exact rule needs no more.
 */
function nameKey(name: string): string {
  return anyAscii(cleanName(name)).toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '').sort().join(' ');
}

function countryCode(country: string | null): string | null {
  if (country === null) return null;
  const read = readCountry(country);
  return typeof read === 'object' ? read.code : null;
}

interface Claim {
  key: string;
  rule: IdentityMerge['rule'];
  shared: string;
  record: MergedRecord;
  /** The passport's issuing country where printed and readable. */
  country: string | null;
}

function claimsOf(p: PersonIdentity): Claim[] {
  const base = { record: { id: p.entityId, datasetId: p.datasetId, name: p.names[0] ?? p.entityId }, country: null };
  const names = [...new Set(p.names.map(nameKey).filter((k) => k.includes(' ')))];
  const dates = [...new Set(p.birthDates.filter((d) => FULL_DATE.test(d)))];
  const byName = names.flatMap((n) =>
    dates.map((d): Claim => ({ ...base, key: `n:${n}|${d}`, rule: 'name_and_birth_date', shared: `${n}, born ${d}` })),
  );
  const byPassport = p.passports.flatMap(({ number, country }) =>
    readIdentifierNumbers(number, 'passport')
      .map(identifierComparisonKey)
      .filter((n) => n.length >= MIN_PASSPORT_LENGTH)
      .map((n): Claim => ({ ...base, key: `p:${n}`, rule: 'passport', shared: `passport ${n}`, country: countryCode(country) })),
  );
  return [...byName, ...byPassport];
}

/**
 * The identity rule, for persons on different lists that no printed reference (UN reference number, IMO, a curated
 * citation) links: two records are one person when they share a normalised name (Latin tokens in any order, at least
 * two) and a full birth date, or a passport number (with its series letters dropped) issued by the same country
 * where both print one. It never merges what it cannot tell apart or what the references keep apart: a claim that
 * two records of one list share is no evidence, and a merge that would put two records of one list into one party
 * is not made.
 *
 * `referenceGroups` gives each record's party by the printed references (records it does not name stand alone).
 */
export function* mergingByIdentity(people: readonly PersonIdentity[], referenceGroups: (id: string) => string): Steps<IdentityMerge[]> {
  const pace = pacer(64);
  const byKey = new Map<string, Claim[]>();
  for (const person of people) {
    if (pace()) yield;
    for (const claim of claimsOf(person)) {
      const list = byKey.get(claim.key);
      if (list) list.push(claim);
      else byKey.set(claim.key, [claim]);
    }
  }
  // Union-find over reference groups, with the datasets each merged group holds.
  const parent = new Map<string, string>();
  const datasets = new Map<string, Set<string>>();
  const find = (g: string): string => {
    let root = g;
    while (parent.has(root)) root = parent.get(root) ?? root;
    return root;
  };
  for (const p of people) {
    const g = referenceGroups(p.entityId);
    datasets.set(g, (datasets.get(g) ?? new Set()).add(p.datasetId));
  }
  const merges: IdentityMerge[] = [];
  for (const claims of [...byKey.values()].filter((c) => c.length > 1)) {
    if (pace()) yield;
    const perDataset = new Map<string, Set<string>>();
    for (const { record } of claims) {
      perDataset.set(record.datasetId, (perDataset.get(record.datasetId) ?? new Set()).add(find(referenceGroups(record.id))));
    }
    // Two people of one list with the same claim: it tells neither apart from the other.
    if (perDataset.size < 2 || [...perDataset.values()].some((groups) => groups.size > 1)) continue;
    const countries = new Set(claims.flatMap((c) => (c.country === null ? [] : [c.country])));
    if (countries.size > 1) continue;
    const [first, ...rest] = claims;
    if (!first) continue;
    for (const other of rest) {
      const ra = find(referenceGroups(first.record.id));
      const rb = find(referenceGroups(other.record.id));
      if (ra === rb) continue;
      const da = datasets.get(ra) ?? new Set<string>();
      const db = datasets.get(rb) ?? new Set<string>();
      if ([...da].some((d) => db.has(d))) continue;
      parent.set(rb, ra);
      datasets.set(ra, new Set([...da, ...db]));
      merges.push({ a: first.record, b: other.record, rule: first.rule, shared: first.shared });
    }
  }
  return merges;
}

/** Each record's group by `links` (union-find): records linked directly or through others share one id. */
export function linkGroups(links: readonly [string, string][]): (id: string) => string {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root)) root = parent.get(root) ?? root;
    return root;
  };
  for (const [a, b] of links) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  }
  return find;
}

/** The identity-rule merges of the data as it is now (what `npm run import` lists), read in one transaction. */
export function identityMergesIn(db: Db): IdentityMerge[] {
  return db.transaction(() => runToEnd(mergingByIdentity(runToEnd(readingPersonIdentities(db)), linkGroups(samePartyLinks(db)))))();
}
