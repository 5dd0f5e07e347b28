/**
 * Mine Korean romanization variants from the lists: on each DPRK-programme person entry, the
 * primary name and its a.k.a.s (and Hangul originals) spell the same syllables differently.
 * Names with the same number of syllables are aligned position by position; where two
 * spellings differ but the rest of the name agrees, they are the same syllable. Spellings are
 * grouped (union–find) and each group gets one canonical key; the table is written to
 * src/matching/data/korean-syllables.json, which the matcher imports.
 *
 * Run: npx tsx scripts/learn-romanization.ts [shared-data-dir]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { distance as levenshtein } from 'fastest-levenshtein';
import { cleanName } from '../src/matching/clean-text.js';
import { looksRomanizedKorean, ruleRomanKey } from '../src/matching/korean-romanization.js';
import { tokenizeName } from '../src/matching/tokenize.js';
import { readDprkEntries } from './eval-lib.js';

const projectRoot = resolve(import.meta.dirname, '..');
const dataDir = process.argv[2] ?? resolve(projectRoot, '../shared/data');
const outputPath = resolve(projectRoot, 'src/matching/data/korean-syllables.json');

function syllablesOf(name: string): string[] | undefined {
  const tokens = tokenizeName(cleanName(name), 'person')[0]?.tokens ?? [];
  if (tokens.some((token) => token.writing === 'han')) return undefined;
  const latin = tokens.map((token) => token.latin);
  return latin.length >= 2 && latin.length <= 4 && latin.every((t) => looksRomanizedKorean(t)) ? latin : undefined;
}

/**
 * Two spellings may be one syllable when their rule keys differ by one letter (Chol/Chul,
 * Pak/Park, No/Ro); anything further apart is more often a different name given as an alias.
 */
function plausibleVariant(left: string, right: string): boolean {
  const a = ruleRomanKey(left);
  const b = ruleRomanKey(right);
  const sameStart = a.charAt(0) === b.charAt(0) || /^[rn]$/.test(a.charAt(0)) === /^[rn]$/.test(b.charAt(0)) && /^[rn]/.test(a + b.charAt(0));
  return levenshtein(a, b) === 1 && Math.min(a.length, b.length) >= 2 && sameStart;
}

const entries = (await readDprkEntries(dataDir)).filter((entry) => entry.kind === 'person');
const pairCounts = new Map<string, number>();
const spellingCounts = new Map<string, number>();
let alignedNamePairs = 0;
let unifiedByRules = 0;
for (const entry of entries) {
  const spelled = entry.names.map(syllablesOf).filter((s): s is string[] => s !== undefined);
  for (const syllables of spelled) for (const s of syllables) spellingCounts.set(s, (spellingCounts.get(s) ?? 0) + 1);
  for (let i = 0; i < spelled.length; i += 1) {
    for (let j = i + 1; j < spelled.length; j += 1) {
      const [left, right] = [spelled[i] ?? [], spelled[j] ?? []];
      if (left.length !== right.length) continue;
      const differing = left.map((s, k) => [s, right[k] ?? ''] as const).filter(([a, b]) => ruleRomanKey(a) !== ruleRomanKey(b));
      // Different people listed as aliases share nothing; require most of the name to agree.
      if (differing.length === 0 || differing.length * 2 > left.length) {
        if (differing.length === 0) unifiedByRules += left.filter((s, k) => s !== right[k]).length;
        continue;
      }
      if (!differing.every(([a, b]) => plausibleVariant(a, b))) continue;
      alignedNamePairs += 1;
      for (const [a, b] of differing) {
        const key = [a, b].sort().join('|');
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
      }
    }
  }
}

const parent = new Map<string, string>();
const find = (s: string): string => {
  const p = parent.get(s) ?? s;
  if (p === s) return s;
  const root = find(p);
  parent.set(s, root);
  return root;
};
// Groups are formed over rule keys, so a variant joins every spelling the rules already unify.
for (const key of pairCounts.keys()) {
  const [a = '', b = ''] = key.split('|').map(ruleRomanKey);
  for (const ruleKey of [a, b]) if (!parent.has(ruleKey)) parent.set(ruleKey, ruleKey);
  parent.set(find(a), find(b));
}
const keyCounts = new Map<string, number>();
for (const [spelling, count] of spellingCounts) {
  const key = ruleRomanKey(spelling);
  keyCounts.set(key, (keyCounts.get(key) ?? 0) + count);
}
const groups = new Map<string, string[]>();
for (const spelling of parent.keys()) {
  const root = find(spelling);
  groups.set(root, [...(groups.get(root) ?? []), spelling]);
}
const syllables: Record<string, string> = {};
for (const members of groups.values()) {
  // The rule key spelled most often in the lists names the group.
  const [key = ''] = [...members].sort((a, b) => (keyCounts.get(b) ?? 0) - (keyCounts.get(a) ?? 0) || a.localeCompare(b));
  for (const member of members.sort()) if (member !== key) syllables[member] = key;
}
const sortedSyllables = Object.fromEntries(Object.entries(syllables).sort(([a], [b]) => a.localeCompare(b)));
const minedPairs = [...pairCounts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([pair, count]) => `${pair}:${count}`);
const counts = {
  personEntries: entries.length,
  distinctSpellings: spellingCounts.size,
  alignedNamePairs,
  syllablePairsAlreadyUnifiedByRules: unifiedByRules,
  minedVariantPairs: pairCounts.size,
  variantGroups: groups.size,
  tableEntries: Object.keys(sortedSyllables).length,
};
const output = {
  description:
    'Korean syllable rule key (see ruleRomanKey) → canonical romanization key, mined by scripts/learn-romanization.ts from names on the ' +
    'same DPRK-programme person entry (OFAC advanced XML 2025-11-19, UN consolidated 2026-02-27, EU 2017/1509). ' +
    'Generated: do not edit by hand; re-run the script.',
  counts,
  minedPairs,
  syllables: sortedSyllables,
};
writeFileSync(outputPath, `${JSON.stringify(output, null, 2)}\n`);
console.log(JSON.stringify(counts, null, 2));
console.log(`wrote ${outputPath}`);
