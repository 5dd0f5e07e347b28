import { z } from 'zod';
import { cursorSchema, limitSchema, named, queryParameters } from './common.js';

const sourceFields = {
  id: z.string(),
  datasetId: z.string(),
  kind: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedAtNote: z.string().nullable().describe('How the publication date was established.'),
  url: z.string().nullable(),
  documentFile: z.string().nullable(),
};

export const sourceListQuerySchema = queryParameters({ limit: limitSchema(200, 50), cursor: cursorSchema });

export const sourceDetailQuerySchema = queryParameters({
  limit: limitSchema(500, 200).describe('How many of the citing records in a page, 1–500 (default 200).'),
  cursor: cursorSchema,
});

export const sourceSchema = named('Source', z.object(sourceFields));

export const sourceListSchema = named(
  'SourceList',
  z.object({ sources: z.array(sourceSchema), nextCursor: z.string().nullable() }),
);

export const sourceDetailSchema = named(
  'SourceDetail',
  z.object({
    ...sourceFields,
    citedBy: z
      .array(
        z.object({
          recordType: z.enum(['entity', 'event']),
          id: z.string(),
          label: z.string(),
          part: z.string().describe('Which part of the record the citation supports.'),
          quote: z.string().nullable(),
          listEntry: z.string().nullable(),
        }),
      )
      .describe('A page of the records that cite this source, in citation order: `limit` of them, from `cursor`.'),
    citedByCount: z.number().int().describe('How many citations refer to this source in all.'),
    nextCursor: z.string().nullable().describe('The `cursor` of the next page of `citedBy`; null on the last.'),
  }),
);
