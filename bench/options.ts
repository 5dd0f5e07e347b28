import { z } from 'zod';

export const CORPORA = ['a', 'b', 'c'] as const;
export type Corpus = (typeof CORPORA)[number];
const PARTS = ['a', 'b', 'c', 'http', 'address'] as const;
export type Part = (typeof PARTS)[number];

/** The benchmark's settings, from the environment; each has the default the figures are meant to be read at. */
const optionsSchema = z.object({
  BENCH_SYNTHETIC_NAMES: z.coerce.number().int().min(1).default(1_000_000).describe('Names in synthetic corpus (c).'),
  BENCH_QUERIES: z.coerce.number().int().min(1).default(10_000).describe('Name queries per corpus, in process.'),
  BENCH_HTTP_SECONDS: z.coerce.number().int().min(1).default(10).describe('Duration of each autocannon run.'),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).default(50).describe('autocannon connections.'),
  BENCH_HEAP_MB: z.coerce
    .number()
    .int()
    .min(256)
    .optional()
    .describe("--max-old-space-size of the in-process runs; unset, Node's default, as `npm start` runs."),
  BENCH_SEED: z.coerce.number().int().default(20_240_601).describe('Seed of the synthetic corpus and query mix.'),
  BENCH_ONLY: z
    .string()
    .default(PARTS.join(','))
    .transform((s) => s.split(',').map((p) => p.trim()).filter((p) => p !== ''))
    .pipe(z.array(z.enum(PARTS)).min(1))
    .describe('Comma-separated subset of a,b,c,http,address.'),
});

export type BenchOptions = z.infer<typeof optionsSchema>;

/** A BENCH_* variable with a value the benchmark cannot run with. */
export class BenchSettingsError extends Error {}

export function loadOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const parsed = optionsSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BenchSettingsError(`invalid benchmark setting ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`);
}
