import { z } from 'zod';
import { named } from './common.js';

export const datasetSchema = named(
  'Dataset',
  z.object({
    id: z.string(),
    title: z.string(),
    version: z.string().describe('Content hash of the loaded data (prefixed by the list date for official lists).'),
    loadedAt: z.string(),
    listDate: z.string().nullable().describe('The publication date the list gives itself (official lists); null for the curated dataset.'),
    counts: z.record(z.string(), z.number().int()),
  }),
);

export const datasetListSchema = named('DatasetList', z.object({ datasets: z.array(datasetSchema) }));
