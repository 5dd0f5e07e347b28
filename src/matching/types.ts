/** What kind of party a name belongs to; drives which words count as legal forms or generic. */
export type NameKind = 'person' | 'organization' | 'group' | 'vessel' | 'any';

/** `default` is our matcher; `ofac` reproduces the score of OFAC's Sanctions List Search. */
export type MatchAlgorithm = 'default' | 'ofac';

export interface CompareOptions {
  kind?: NameKind;
  algorithm?: MatchAlgorithm;
  /**
   * Explain only a score at least this high; below it the explanation has no pairs. A screening discards such
   * candidates unread, and building the text of every pair was an eighth of a long name's screening.
   */
  explainFrom?: number;
}

/** How much a token says about identity: a surname says a lot, `Ltd` almost nothing. */
export type TokenRole = 'name' | 'number' | 'initial' | 'particle' | 'generic' | 'legal_form';

export type WritingSystem = 'latin' | 'cyrillic' | 'greek' | 'hangul' | 'han' | 'arabic' | 'hebrew' | 'other';

export interface PreparedToken {
  /** The token as it appeared (after cleaning), for explanations. */
  readonly text: string;
  /** Lower-case ASCII form: transliterated when the source was another script. */
  readonly latin: string;
  /** Normalised original-script form when the source was not Latin, else ''. */
  readonly native: string;
  readonly writing: WritingSystem;
  /** Canonical Korean romanization key when the token reads as romanized Korean, else ''. */
  readonly romanKey: string;
  /** Key shared by a Korean syllable in Cyrillic (Kontsevich) and its romanizations (russian-korean.ts), else ''. */
  readonly russianKey: string;
  /** Consonant skeleton used for abjad and abugida transliterations (Arabic, Hebrew, Thai…). */
  readonly skeleton: string;
  /** Double Metaphone codes (primary, alternate), '' when not meaningful. */
  readonly phonetic: readonly [string, string];
  readonly role: TokenRole;
  readonly weight: number;
}

/** Adjacent tokens glued together, so `Kimjongun` can meet `Kim Jong Un`. */
export interface TokenCompound {
  /** Indices of the glued tokens, in gluing order. */
  readonly members: readonly number[];
  readonly latin: string;
  readonly romanKey: string;
  readonly skeleton: string;
  /** True when a member came from an abjad or abugida script, so the skeleton may decide. */
  readonly fromAbjad: boolean;
  /** True when every member is a Han or Hangul syllable. */
  readonly syllables: boolean;
}

/** How a reading reads Han characters: in pinyin or in Sino-Korean; null for a name without any. */
export type HanReading = 'pinyin' | 'sino-korean' | null;

/** One way of reading a name; Han names get a Chinese and a Sino-Korean reading. */
export interface NameReading {
  readonly tokens: readonly PreparedToken[];
  readonly compounds: readonly TokenCompound[];
  /** The alternative this reading reads (`Northern Star` of a listed `Polar Star/Northern Star`); null: the whole name. */
  readonly alternative: string | null;
  readonly han: HanReading;
}

export interface PreparedName {
  readonly original: string;
  readonly kind: NameKind;
  readonly readings: readonly NameReading[];
  /** Upper-case tokens as OFAC's search splits them, for `algorithm: "ofac"`. */
  readonly ofacTokens: readonly string[];
}

export type MatchRule =
  | 'exact'
  | 'romanization'
  | 'transliteration'
  | 'edit_distance'
  | 'phonetic'
  | 'acronym'
  | 'initial'
  | 'legal_form_ignored'
  | 'unmatched';

export interface AlignedPair {
  /** Query token(s), space-joined; '' when a candidate token found no partner. */
  readonly query: string;
  /** Candidate token(s), space-joined; '' when a query token found no partner. */
  readonly candidate: string;
  readonly rule: MatchRule;
  /** Levenshtein distance, present for `edit_distance`. */
  readonly distance?: number;
  /** How alike the two sides are, 0..1. */
  readonly similarity: number;
  /** The weight the pair carries in the score's denominator. */
  readonly weight: number;
  /** The share of the final score this pair adds (all contributions sum to the score). */
  readonly contribution: number;
}

export interface Explanation {
  readonly algorithm: MatchAlgorithm;
  readonly score: number;
  readonly pairs: readonly AlignedPair[];
  /** The alternative of the candidate name that scored (see NameReading), or null when the whole name did. */
  readonly alternative: string | null;
  readonly summary: string;
}

export interface NameComparison {
  readonly score: number;
  readonly match: boolean;
  readonly explanation: Explanation;
}
