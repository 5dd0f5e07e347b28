import { z } from 'zod';
import { DATASET_OF, LIST_FORMATS } from '../import-list.js';
import { durationSchema } from './interval.js';

// The legacy CSV set carries no list date, so a download of it could not be dated: it is imported by hand only.
const SCHEDULABLE_FORMATS = LIST_FORMATS.filter((f) => f !== 'ofac-csv');

const listSourceSchema = z.strictObject({
  format: z.enum(SCHEDULABLE_FORMATS, {
    error: `must be one of ${SCHEDULABLE_FORMATS.join(', ')} (ofac-csv carries no list date: schedule ofac-xml)`,
  }),
  url: z.string().min(1).describe('An http(s) URL, or a file path.'),
  interval: durationSchema,
});

export type ListSource = z.infer<typeof listSourceSchema> & { datasetId: string };

function parseJson(text: string, ctx: z.RefinementCtx): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not JSON: ${err instanceof Error ? err.message : String(err)}` });
    return z.NEVER;
  }
}

/** LIST_SOURCES: a JSON array of `{ format, url, interval }`, at most one source per dataset; empty when unset. */
export const listSourcesSchema = z
  .string()
  .default('[]')
  .transform(parseJson)
  .pipe(z.array(listSourceSchema))
  .transform((sources, ctx): ListSource[] => {
    const withDataset = sources.map((s) => ({ ...s, datasetId: DATASET_OF[s.format] }));
    withDataset.forEach((s, i) => {
      const first = withDataset.findIndex((o) => o.datasetId === s.datasetId);
      if (first !== i) ctx.addIssue({ code: 'custom', path: [i, 'format'], message: `a second source of dataset ${s.datasetId} (entry ${first} is one)` });
    });
    return withDataset;
  });
