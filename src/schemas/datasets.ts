import { z } from 'zod';
import { LIST_FORMATS } from '../ingest/import-list.js';
import { cursorSchema, limitSchema, named, queryParameters } from './common.js';

const refreshStatusSchema = z.enum(['pending', 'running', 'ok', 'failed']);

export const refreshSchema = named(
  'DatasetRefresh',
  z.object({
    id: z.string().describe('Id of this refresh.'),
    status: refreshStatusSchema.describe('`running`, then `ok` (imported, unchanged or not modified) or `failed`.'),
    startedAt: z.string(),
    finishedAt: z.string().nullable().optional(),
  }),
);

export const datasetSchema = named(
  'Dataset',
  z.object({
    id: z.string(),
    title: z.string(),
    version: z.string().nullable().describe('Content hash of the loaded data (prefixed by the list date for official lists); null while a configured list was never loaded.'),
    loadedAt: z.string().nullable(),
    listDate: z.string().nullable().describe('The list’s own publication date (null for the curated dataset).'),
    importedAt: z.string().nullable().describe('When the serving version was imported.'),
    counts: z.record(z.string(), z.number().int()).nullable(),
    status: z
      .enum(['unscheduled', 'pending', 'running', 'ok', 'failed'])
      .describe('The last refresh of its configured source (LIST_SOURCES): `pending` before the first; `unscheduled` for a dataset with no source.'),
    source: z.object({ format: z.enum(LIST_FORMATS), intervalMs: z.number().int() }).nullable().describe('Its configured source (the URL is not shown).'),
    refresh: refreshSchema.nullable().describe('The latest refresh, running or finished.'),
    lastCheckedAt: z.string().nullable().describe('When the source was last checked, successfully or not.'),
    lastSuccessAt: z.string().nullable().describe('When a check last succeeded (imported, unchanged or not modified).'),
    lastError: z.string().nullable().describe('Why the last check failed; null once one succeeds.'),
    nextCheckAt: z.string().nullable(),
    stale: z.boolean().describe('A configured list whose last successful check is older than LIST_MAX_AGE.'),
  }),
);

export const datasetListSchema = named('DatasetList', z.object({ datasets: z.array(datasetSchema) }));

export const datasetParamsSchema = z.object({ id: z.string().min(1).max(200).describe('The dataset id, e.g. `ofac-sdn`.') });

export const versionListQuerySchema = queryParameters({ limit: limitSchema(200, 30), cursor: cursorSchema });

export const datasetVersionSchema = named(
  'DatasetVersion',
  z.object({
    version: z.string().describe('The version: the list date, then a hash over what the list says of every party.'),
    listDate: z.string().nullable().describe("The list's own publication date (null for the curated dataset)."),
    importedAt: z.string(),
    serving: z.boolean().describe('Whether screening answers from this version now.'),
    partiesKept: z
      .boolean()
      .describe('Whether its parties are kept (the newest `LIST_KEEP_VERSIONS` versions), so it can be compared with another.'),
    previousVersion: z.string().nullable().describe('The version it replaced, which `changes` compares it with.'),
    counts: z.record(z.string(), z.number().int()),
    changes: z
      .object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() })
      .nullable()
      .describe('Parties added, removed and changed since `previousVersion`; null for a version loaded before versions were recorded.'),
  }),
);

export const datasetVersionListSchema = named(
  'DatasetVersionList',
  z.object({ dataset: z.string(), versions: z.array(datasetVersionSchema), nextCursor: z.string().nullable() }),
);

const versionParam = z
  .string()
  .min(1)
  .max(200)
  .describe('A version as `/versions` lists it, percent-encoded (`2025-11-19%2Bsha256:…`; a `+` sent as is reads as a space and is taken back as `+`).');

export const changesQuerySchema = queryParameters({
    from: versionParam.optional().describe('The version compared from; default: the version `to` replaced.'),
    to: versionParam.optional().describe('The version compared to; default: the serving version.'),
    limit: z.coerce.number().int().min(1).max(1000).optional().describe('Page size of the JSON answer, 1–1000 (default 100).'),
    cursor: cursorSchema,
    format: z.enum(['json', 'csv']).default('json').describe('`csv`: every change at once, one row per party (limit and cursor page JSON only).'),
  }).refine((q) => q.format === 'json' || (q.limit === undefined && q.cursor === undefined), {
    message: 'limit and cursor page the JSON answer; format=csv answers every change at once',
    path: ['format'],
  });

const fieldChangeSchema = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });

export const partyChangeSchema = named(
  'PartyChange',
  z.object({
    entityId: z.string(),
    name: z.string(),
    change: z.enum(['added', 'removed', 'changed']),
    fields: z
      .object({
        names: fieldChangeSchema.optional(),
        designations: fieldChangeSchema.optional(),
        addresses: fieldChangeSchema.optional(),
        identifiers: fieldChangeSchema.optional(),
        birthDates: fieldChangeSchema.optional(),
        relations: fieldChangeSchema.optional(),
        other: fieldChangeSchema.optional().describe('Kind, status, countries, nationalities, remarks, summary.'),
      })
      .nullable()
      .describe('What changed, field by field (only the fields that differ); null where a version loaded before versions were recorded is compared.'),
  }),
);

const versionRefSchema = z.object({ version: z.string(), listDate: z.string().nullable() });

export const datasetChangesSchema = named(
  'DatasetChanges',
  z.object({
    dataset: z.string(),
    from: versionRefSchema.nullable().describe('Null when `to` is the first version: every party is added.'),
    to: versionRefSchema,
    summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
    changes: z.array(partyChangeSchema).describe('The parties added, removed and changed, in id order.'),
    nextCursor: z.string().nullable(),
  }),
);

export const refreshStartedSchema = named(
  'RefreshStarted',
  z.object({ dataset: z.string(), refresh: refreshSchema }),
);
