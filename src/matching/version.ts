/**
 * The version of the screening logic a screening was answered with, kept in its audit record so that a score can be
 * explained years later. Bump it with any change that can change, for some query, a score, a verdict or which
 * matches are returned: name cleaning, tokenising, classification, token rules, alignment, scoring, the default
 * thresholds, or which candidates are retrieved and scored (src/screening). A change that only makes the same
 * answers faster keeps it.
 */
export const MATCHER_VERSION = '6';
