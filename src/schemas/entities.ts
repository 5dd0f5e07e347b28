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
      countries: z.array(z.string()).optional(),
      birthDates: z.array(z.string()).optional(),
      nationalities: z.array(z.string()).optional(),
      remarks: z.string().optional(),
    }),
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
