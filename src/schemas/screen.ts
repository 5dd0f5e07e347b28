import { z } from 'zod';
import { NO_SUBJECT, hasSubject, identityFields, vesselImoIssues } from '../screening/identity-input.js';
import { nameInputSchema } from '../screening/name-input.js';
import { CHAIN_WITHOUT_ADDRESS } from '../screening/screen.js';
import { citationSchema, designationSchema, entitySummarySchema, named, nameTypeSchema, queryParameters } from './common.js';
import { exposureSchema } from './exposure.js';

export const kindFilterSchema = z
  .enum(['person', 'organization', 'group', 'vessel', 'any'])
  .describe('Kind of party screened; `organization` and `group` also find each other. Default `any`.');

const datasetsField = z
  .array(z.string().min(1).max(50))
  .min(1)
  .max(20)
  .optional()
  .describe('Only search these datasets (ids as in GET /v1/datasets, e.g. `curated`, `ofac-sdn`, `un-sc`). Default: all.');

const chainField = z
  .string()
  .trim()
  .min(2)
  .max(20)
  .optional()
  .describe(
    'The chain or token ticker the address is on (`XBT`/`BTC`, `ETH`, `USDT`, `TRX`, …, any case); the address must be ' +
      'valid on it. A ticker neither validated here nor used by a loaded list is a 400, and so is a `chain` without an `address`.',
  );

type ScreenedSubject = Parameters<typeof hasSubject>[0] & Parameters<typeof vesselImoIssues>[0] & { chain?: string | undefined };

/**
 * The checks across fields of anything screened (a screening request, a monitor): something to screen, a chain only
 * beside an address, a vessel IMO's check digit. Applied at the edge to an object schema kept unrefined, whose shape
 * others build on (a refined schema's shape, spread into another object, leaves its checks behind).
 */
export const screenedSubjectChecks = <S extends z.ZodType<ScreenedSubject>>(schema: S): S =>
  schema
    .refine(hasSubject, { message: NO_SUBJECT, path: ['name'] })
    .refine((r) => r.chain === undefined || r.address !== undefined, { message: CHAIN_WITHOUT_ADDRESS, path: ['chain'] })
    .superRefine(vesselImoIssues);

/** The screening request's fields, without the checks across them: build on its `shape`, refine with screenedSubjectChecks. */
export const screenRequestObjectSchema = z
  .object({
    ref: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Your own reference for the subject (a customer id, as in a batch): echoed as `ref` and kept in the audit record.'),
    name: nameInputSchema.optional().describe('The name or organisation to screen: 1–300 characters, with at least one letter or digit.'),
    address: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A wallet address to screen: compared in canonical form against every listed digital currency address.'),
    chain: chainField,
    kind: kindFilterSchema.default('any'),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Match threshold, 0–1 (default 0.78). Scores in the band below it (from 0.60, or the threshold if lower) are returned as `review`.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(10)
      .describe(
        'Most matches returned, 1–50 (default 10). The 32 names retrieved best are scored first, and up to 2,048 while ' +
          'fewer than `limit` parties score and the last names scored still bring new ones. Only names sharing enough of ' +
          'the query’s index keys are retrieved, so a threshold far below the review band can return fewer.',
      ),
    datasets: datasetsField,
    ...identityFields('strict'),
  })
  .strict();

export const screenRequestSchema = named(
  'ScreenRequest',
  screenedSubjectChecks(screenRequestObjectSchema),
  [
    { ref: 'cust-1', name: 'Lazarus Group', kind: 'any', limit: 10 },
    { address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', chain: 'ETH' },
    { ref: 'cust-2', name: 'Kim Chol', kind: 'person', birthDate: '1990-05-04', nationality: 'DE' },
    { identifiers: [{ type: 'imo', number: 'IMO 9187629' }], kind: 'vessel' },
  ],
);

export const addressParamsSchema = z.object({ address: z.string().min(1).max(200).describe('The wallet address.') });

export const addressQuerySchema = queryParameters({
  chain: chainField,
  datasets: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .transform((s) => s?.split(',').map((d) => d.trim()).filter(Boolean))
    .describe('Comma-separated dataset ids to search. Default: all.'),
});

export const matchRuleSchema = z
  .enum(['exact', 'romanization', 'transliteration', 'edit_distance', 'phonetic', 'acronym', 'initial', 'legal_form_ignored', 'unmatched'])
  .describe(
    'How two tokens were linked: `exact`; `romanization` (same Korean romanization key: Pak/Park, Chol/Cheol); ' +
      '`transliteration` (another script, or the consonant skeleton of one); `edit_distance` (a typo within the ' +
      'budget for the token length; `distance` gives the edits); `phonetic` (same Double Metaphone code); ' +
      '`acronym` (RGB = Reconnaissance General Bureau); `initial` (J. = John); `legal_form_ignored` (Ltd, LLC…, ' +
      'weighing little); `unmatched` (left over, its weight counts against the score).',
  );

export const qualifierRowSchema = named(
  'QualifierRow',
  z
    .object({
      field: z.enum(['birthDate', 'nationality', 'country', 'gender', 'identifier']),
      query: z.string().describe('The query’s value, as given (an identifier as `<type> <number>`).'),
      listed: z.string().describe('The listed value that decided the outcome, or every listed value when none did; empty when the party’s records print none.'),
      listedSource: z.string().optional().describe('The list entry that printed `listed` (`UN KPi.012`, `OFAC 12218`).'),
      outcome: z.enum(['corroborates', 'contradicts', 'not_comparable']),
      effect: z.number().describe('What the row adds to the name score (negative when it contradicts; 0 when not comparable).'),
    })
    .describe('One qualifier of the query beside what the lists print about the party (README: "How matching works" → "Identities").'),
);

export const explanationSchema = named(
  'MatchExplanation',
  z
    .object({
      algorithm: z.enum(['default', 'ofac', 'address']).describe('`address` for an exact wallet-address hit.'),
      score: z.number(),
      summary: z.string().describe('One line an analyst can read.'),
      pairs: z.array(
        z.object({
          query: z.string().describe('Query token(s); empty when a name token found no partner.'),
          candidate: z.string().describe('Name token(s); empty when a query token found no partner.'),
          rule: matchRuleSchema,
          distance: z.number().int().optional().describe('Edit distance, for `edit_distance`.'),
          similarity: z.number().describe('How alike the two sides are, 0–1.'),
          weight: z.number().describe('What the pair weighs in the score (a surname 1, `Ltd` 0.1).'),
          contribution: z.number().describe('Its share of the score; the contributions add up to the score.'),
        }),
      ),
      alternative: z
        .string()
        .nullable()
        .describe(
          'A listed name can write alternatives in one (`Polar Star/Northern Star`), each also compared on its own: the ' +
            'alternative that scored, or null when the whole name did (or for an address hit). A query is always compared whole.',
        ),
      nameScore: z
        .number()
        .optional()
        .describe('Only with qualifiers: the name’s own score (the pairs’ contributions add up to it); `score` is it plus the qualifiers’ effects, clamped to 0–1.'),
      qualifiers: z
        .array(qualifierRowSchema)
        .optional()
        .describe('Only when the query carries a birth date, nationality, country, gender or identifiers: one row per qualifier.'),
    })
    .describe('Why the name matched: the aligned token pairs, the rule that linked each, and its share of the score.'),
);

export const previousReviewSchema = named(
  'PreviousReview',
  z
    .object({
      decisionId: z.string(),
      subject: z.string().describe('The subject decided on, as this match’s `subjectKind`: `name:<tokens>` or `address:<canonical>`.'),
      decision: z.enum(['false_positive', 'true_match']),
      reason: z.string(),
      reviewer: z.string(),
      decidedAt: z.string(),
      expiresAt: z.string().nullable(),
    })
    .describe(
      'An analyst’s decision on this subject and party that still applies (not withdrawn, superseded or expired, and ' +
        'the party’s list records unchanged since). Only decisions on the subject that produced this hit apply: a ' +
        'name’s review never clears an address hit, nor the reverse. A false positive no longer counts towards the ' +
        'overall verdict; a true match counts whatever the score.',
    ),
);

export const verdictSchema = z
  .enum(['match', 'review'])
  .describe('`match`: score at or above the threshold; `review`: in the review band below it, for an analyst.');

export const screenMatchSchema = named(
  'ScreenMatch',
  z.object({
    entity: entitySummarySchema.describe('The party: its lead record (the curated one where there is one).'),
    sameAs: z
      .array(z.object({ id: z.string(), datasetId: z.string(), name: z.string() }))
      .describe('The other records of the same real-world party in the datasets searched.'),
    score: z.number().min(0).max(1),
    matchedName: z.string().nullable().describe('The name or alias that matched (null for an address hit).'),
    matchedNameType: nameTypeSchema.nullable(),
    matchedEntityId: z.string().describe('The record whose name or address matched.'),
    subjectKind: z
      .enum(['name', 'address'])
      .describe(
        'Which part of the query this hit came from, and so whose decisions apply to it. A party hit by both the ' +
          'name and the address is one match, shown by the hit that counts most after review: a hit of one subject ' +
          'reviewed as a false positive does not hide an un-reviewed hit of the other.',
      ),
    verdict: verdictSchema,
    previouslyReviewed: previousReviewSchema.nullable(),
    matchedAddress: z
      .object({ value: z.string(), canonical: z.string(), chain: z.string().nullable(), citations: z.array(citationSchema) })
      .nullable()
      .describe('For an address hit: the listed address, its chain as the list gives it, and the list entry.'),
    explanation: explanationSchema,
    designations: z.array(designationSchema).describe('The designations of every record of the party.'),
    citations: z.array(citationSchema),
    exposure: exposureSchema,
  }),
);

export const screenResponseSchema = named(
  'ScreenResponse',
  z.object({
    screeningId: z.string().describe('The id of this screening in the audit trail (UUIDv7): GET /v1/screenings/{id}.'),
    screenedAt: z.string().describe('When the screening ran (ISO 8601).'),
    ref: z.string().nullable().describe('The caller’s `ref` for the subject, as given with the query, else null.'),
    verdict: z
      .enum(['match', 'review', 'clear'])
      .describe(
        'Overall: `match` if a match stands (or an analyst confirmed one), `review` if one is in the review band, ' +
          'else `clear` (also when every match was reviewed as a false positive).',
      ),
    datasets: z.array(z.object({ id: z.string(), version: z.string() })).describe('The dataset versions searched.'),
    query: z.object({
      name: z.string().nullable(),
      normalized: z.string().nullable(),
      address: z
        .object({ input: z.string(), canonical: z.string(), family: z.string(), chain: z.string().nullable() })
        .nullable(),
      kind: kindFilterSchema,
      threshold: z.number().describe('Match threshold used.'),
      reviewThreshold: z.number().describe('Lower edge of the review band: scores from here up to the threshold are `review`.'),
    }),
    matches: z
      .array(screenMatchSchema)
      .describe('One per real-world party, at most `limit`: highest score first, and of equal scores the name spelt closest to the query first.'),
  }),
);
