import { z } from 'zod';
import { LIST_FORMATS } from '../ingest/import-list.js';
import { named } from './common.js';

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

export const refreshStartedSchema = named(
  'RefreshStarted',
  z.object({ dataset: z.string(), refresh: refreshSchema }),
);
