import { z } from 'zod';
import { cursorSchema, limitSchema, named } from './common.js';

export const datasetSchema = named(
  'Dataset',
  z.object({
    id: z.string(),
    title: z.string(),
    version: z.string().describe('Content hash of the loaded data (prefixed by the list date for official lists).'),
    loadedAt: z.string(),
    counts: z.record(z.string(), z.number().int()),
  }),
);

export const datasetListSchema = named('DatasetList', z.object({ datasets: z.array(datasetSchema) }));

export const datasetParamsSchema = z.object({ id: z.string().min(1).max(200).describe('The dataset id, e.g. `ofac-sdn`.') });

export const versionListQuerySchema = z.object({ limit: limitSchema(200, 30), cursor: cursorSchema });

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
