import { describe, expect, it } from 'vitest';
import { compareNames, romanKey } from '../../src/matching/index.js';

describe('Korean romanization keys: one key per syllable however it is spelled', () => {
  it.each([
    ['Pak/Park/Bak', ['pak', 'park', 'bak']],
    ['Ri/Li/Yi/Rhee/Lee/I', ['ri', 'li', 'yi', 'rhee', 'lee', 'i']],
    ['Choe/Choi', ['choe', 'choi']],
    ['Jo/Cho', ['jo', 'cho']],
    ['Jong/Jeong/Chong', ['jong', 'jeong', 'chong']],
    ['Chol/Cheol/Chul (MR breve dropped: Ch’ŏl)', ['chol', 'cheol', 'chul']],
    ['Yong/Young', ['yong', 'young']],
    ['Kwang/Gwang', ['kwang', 'gwang']],
    ['Kum/Geum', ['kum', 'geum']],
    ['Un/Eun', ['un', 'eun']],
    ['Hyok/Hyeok', ['hyok', 'hyeok']],
    ['Sin/Shin', ['sin', 'shin']],
  ])('%s', (_case, spellings) => {
    const keys = new Set(spellings.map((spelling) => romanKey(spelling)));
    expect(keys.size).toBe(1);
  });

  it.each([
    ['Kim/Lim', 'kim', 'lim'],
    ['Yong/Tong', 'yong', 'tong'],
    ['Su/Gil', 'su', 'gil'],
  ])('keeps different syllables apart: %s', (_case, left, right) => {
    expect(romanKey(left)).not.toBe(romanKey(right));
  });
});

describe('Korean names across romanization systems', () => {
  it.each([
    ['McCune–Reischauer with apostrophes vs plain', "PAK Ch'ŏl-su", 'Pak Chol Su'],
    ['MR apostrophes typed as ASCII', "Ch'oe Yo'ng-sam", 'Choe Yong Sam'],
    ['Revised Romanization vs MR', 'Choi Yeong-cheol', 'Ch’oe Yŏng-ch’ŏl'],
    ['Rhee vs Ri surname', 'Rhee Kwang Su', 'RI Kwang Su'],
    ['Park vs Pak surname', 'Park Myong Hak', 'PAK Myong Hak'],
    ['O vs Oh surname', 'OH Song Il', 'O Song Il'],
    ['Hangul to Latin (김정은 finds Kim Jong Un)', '김정은', 'KIM, Jong Un'],
    ['Hangul to RR spelling', '박명학', 'Bak Myeong Hak'],
    ['Han written Korean name via its Sino-Korean reading', '金日成', 'KIM Il Sung'],
  ])('%s: %s ~ %s', (_case, left, right) => {
    expect(compareNames(left, right, { kind: 'person' }).match).toBe(true);
  });

  it.each([
    ['one given-name syllable differs', 'KIM Myong Hak', 'KIM Myong Su'],
    ['surname differs', 'PAK Song Hak', 'CHOE Song Hak'],
    ['one Hangul syllable is never two glued ones (성, seong, is not 서나, seona)', '성일', '서나일'],
  ])('different people stay apart: %s', (_case, left, right) => {
    expect(compareNames(left, right, { kind: 'person' }).match).toBe(false);
  });
});
