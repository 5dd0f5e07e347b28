/**
 * What each qualifier adds to or takes from the name score. Chosen on ../shared/eval/identity_pairs_dev.csv
 * (`npm run eval`, identity section) and README "How matching works" → "Identities"; the reasons:
 * - a contradiction of birth date or nationality alone takes an exact name (1.0) below the 0.78 threshold;
 * - a shared document is strong evidence but not proof: a matching passport with a contradicted birth date
 *   and nationality stays below the threshold;
 * - agreement on nationality or gender is weak evidence among DPRK designees, who nearly all share one.
 */
export const EFFECTS = {
  birthDate: { sameDay: 0.15, overlaps: 0.05, near: 0.03, contradicts: -0.3 },
  nationality: { corroborates: 0.03, contradicts: -0.25 },
  country: { corroborates: 0.02, contradicts: -0.1 },
  gender: { corroborates: 0.01, contradicts: -0.15 },
  identifier: { corroborates: 0.8, contradicts: -0.1, imoContradicts: -0.5 },
} as const;
