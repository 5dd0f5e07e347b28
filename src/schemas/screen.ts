import { z } from 'zod';
import { citationSchema, designationSchema, entitySummarySchema, named, nameTypeSchema } from './common.js';

export const kindFilterSchema = z
  .enum(['person', 'organization', 'group', 'vessel', 'any'])
  .describe('Kind of party screened; `organization` and `group` also find each other. Default `any`.');

export const screenRequestSchema = named(
  'ScreenRequest',
  z
    .object({
      name: z.string().trim().min(1).max(300).describe('The name or organisation to screen (1–300 characters).'),
      kind: kindFilterSchema.default('any'),
      threshold: z.number().min(0).max(1).optional().describe('Lowest score returned, 0–1 (default: the matcher’s threshold).'),
      limit: z.number().int().min(1).max(50).default(10).describe('Most matches returned, 1–50 (default 10).'),
    })
    .strict(),
  [{ name: 'Lazarus Group', kind: 'any', limit: 10 }],
);

export const explanationSchema = named(
  'MatchExplanation',
  z
    .object({
      summary: z.string().describe('One line an analyst can read.'),
      pairs: z.array(
        z.object({
          query: z.string().nullable(),
          candidate: z.string().nullable(),
          rule: z.string().describe('How the tokens were linked: exact, unmatched, …'),
        }),
      ),
    })
    .describe('Why the name matched: the aligned token pairs and the rule that linked each.'),
);

export const screenMatchSchema = named(
  'ScreenMatch',
  z.object({
    entity: entitySummarySchema,
    score: z.number().min(0).max(1),
    matchedName: z.string().describe('The name or alias of the entity that matched.'),
    matchedNameType: nameTypeSchema,
    explanation: explanationSchema,
    designations: z.array(designationSchema),
    citations: z.array(citationSchema),
  }),
);

export const screenResponseSchema = named(
  'ScreenResponse',
  z.object({
    screenedAt: z.string().describe('When the screening ran (ISO 8601).'),
    datasets: z.array(z.object({ id: z.string(), version: z.string() })).describe('The dataset versions searched.'),
    query: z.object({
      name: z.string(),
      normalized: z.string(),
      kind: kindFilterSchema,
      threshold: z.number(),
    }),
    matches: z.array(screenMatchSchema),
  }),
);
