import { z } from 'zod';
import {
  citationSchema,
  cursorSchema,
  designationSchema,
  entityKindSchema,
  entityStatusSchema,
  entitySummarySchema,
  limitSchema,
  named,
  nameTypeSchema,
  queryParameters,
} from './common.js';
import { BIRTH_DATE_PRECISIONS } from '../model.js';
import { exposureSchema } from './exposure.js';

export const entityListQuerySchema = queryParameters({
  q: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe('Text contained in any of the entity’s names or aliases, in any case; every character is itself (no wildcards).'),
  kind: entityKindSchema.optional(),
  status: entityStatusSchema.optional(),
  limit: limitSchema(200, 50),
  cursor: cursorSchema,
});

export const entityListSchema = named(
  'EntityList',
  z.object({ entities: z.array(entitySummarySchema), nextCursor: z.string().nullable() }),
);

const qualifierSchema = z.object({
  value: z.string().nullable().describe('The printed text read into a typed value; null when it could not be read (a bare `Korea`).'),
  printed: z.string().describe('The text as the list prints it.'),
  citations: z.array(citationSchema).describe('The list entry (or article) it comes from.'),
});

export const entityDetailSchema = named(
  'EntityDetail',
  z.object({
    id: z.string(),
    kind: entityKindSchema,
    name: z.string(),
    status: entityStatusSchema,
    datasetId: z.string(),
    sameAs: z
      .array(z.object({ id: z.string(), datasetId: z.string(), name: z.string() }))
      .describe('Other records of the same real-world party, merged into this view.'),
    summary: z.string().nullable(),
    details: z.object({
      addresses: z.array(z.string()).optional(),
      remarks: z.string().optional(),
    }),
    birthDates: z
      .array(
        qualifierSchema.extend({
          precision: z
            .enum(BIRTH_DATE_PRECISIONS)
            .nullable()
            .describe('How much of the date the list prints; null when the printed text could not be read.'),
        }),
      )
      .describe(
        'Birth dates as the lists print them (several per party); `value` is `1944-10-13`, `1944-10`, `1944`, `1962 to 1964` or `circa 1964`.',
      ),
    birthPlaces: z.array(qualifierSchema).describe('Places of birth as printed; `value` is the country’s ISO 3166-1 alpha-2 code when known.'),
    nationalities: z.array(qualifierSchema).describe('Nationalities and citizenships; `value` is the ISO 3166-1 alpha-2 code.'),
    countries: z.array(qualifierSchema).describe('Countries of address (or, for curated records, of the party); `value` is the ISO code.'),
    gender: qualifierSchema.nullable().describe('`value` is `male`, `female` or `other`; null when no list prints one.'),
    names: z.array(
      z.object({
        name: z.string(),
        type: nameTypeSchema,
        script: z.string().nullable(),
        lang: z.string().nullable(),
        citations: z.array(citationSchema),
      }),
    ),
    designations: z.array(designationSchema),
    identifiers: z.array(
      z.object({
        type: z.string(),
        value: z.string(),
        chain: z.string().nullable(),
        country: z.string().nullable(),
        citations: z.array(citationSchema),
      }),
    ),
    relations: z.array(
      z.object({
        type: z.string(),
        direction: z.enum(['outgoing', 'incoming']).describe('`outgoing`: this entity is `type` of the other.'),
        entity: entitySummarySchema,
        citations: z.array(citationSchema),
      }),
    ),
    events: z.array(
      z.object({
        event: z.object({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          startDate: z.string(),
          endDate: z.string(),
          status: z.string(),
        }),
        role: z.string(),
        citations: z.array(citationSchema),
      }),
    ),
    citations: z.array(citationSchema),
    exposure: exposureSchema,
  }),
);
