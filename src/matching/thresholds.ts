/**
 * Chosen with `npx tsx scripts/eval.ts <threshold>` on the development sets (../shared/eval).
 * Name pairs F1: 0.833 at 0.70, 0.851 at 0.75, 0.851 at 0.78, 0.845 at 0.80, 0.820 at 0.85.
 * 0.78 keeps the best F1 with the higher precision (0.933 vs 0.918 at 0.75) and fewer synthetic
 * negatives matching a DPRK name (1.2% vs 1.4%); DPRK person recall, different-person
 * rejection and cross-script recall do not change between 0.75 and 0.80.
 */
export const DEFAULT_THRESHOLD = 0.78;

/**
 * Lower edge of the "review" band [0.60, 0.78): an analyst looks, nothing is blocked. At 0.60 the
 * name-pair recall rises from 0.783 to 0.858 while precision falls to 0.774 and synthetic
 * negatives reaching the band triple (1.2% → 3.4%); lower, the band fills with unrelated people
 * who share one given name.
 */
export const REVIEW_THRESHOLD = 0.6;
