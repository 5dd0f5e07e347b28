import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { durationSchema } from './ingest/refresh/interval.js';
import { listSourcesSchema } from './ingest/refresh/sources.js';
import { PROJECT_ROOT } from './paths.js';

/** Every environment variable the service reads, each described; README's configuration table mirrors this. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port to listen on (0 picks a free port).'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on; use 0.0.0.0 in a container.'),
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'var', 'screening.db'))
    .describe('SQLite database file (created and migrated on start); `:memory:` for a throw-away database.'),
  DATA_DIR: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'data'))
    .describe('Folder of the curated dataset (YAML); loaded on start when its content hash differs from the loaded version.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level.'),
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024)
    .describe('Largest accepted request body in bytes; larger bodies get 413.'),
  DATA_REFRESH_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(2000)
    .describe('How often to look for a dataset another process imported, and swap it in once built (0: never).'),
  WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)])
    .default(1)
    .describe('HTTP server processes sharing the port (Node cluster): a number, or `auto` for one per available core.'),
  RATE_LIMIT_PER_SECOND: z.coerce
    .number()
    .positive()
    .default(50)
    .describe('Average requests per second allowed per API key (per client address without a key); /healthz and /readyz are exempt.'),
  RATE_LIMIT_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .describe('Requests a key may send at once: RATE_LIMIT_BURST per window of RATE_LIMIT_BURST / RATE_LIMIT_PER_SECOND seconds; over it, 429 with Retry-After.'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL holding the shared write path (`postgres://user@host:5432/db`), shared by every replica: today API keys, the audit trail and decisions (monitors, alerts, webhooks and refresh bookkeeping are not yet moved); migrated on start unless MIGRATE_ON_START=false. Unset: all of it stays in the SQLite file of DATABASE_PATH. The lists stay in SQLite either way.'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(10)
    .describe('Connections each process keeps open to DATABASE_URL.'),
  MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('`true`: each replica applies the PostgreSQL migrations DATABASE_URL lacks as it starts (under an advisory lock, so replicas take turns). `false`: a replica, and the keys, audit and screen commands, refuse a PostgreSQL missing one; run `screening migrate` once first. The SQLite file of DATABASE_PATH is migrated on start either way.'),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .optional()
    .describe('Redis holding the rate-limit counters (`redis://host:6379`), so a key\'s limit holds across WORKERS and replicas; unset: each process counts in its own memory. Unreachable: requests are let through and a warning is logged.'),
  REDIS_KEY_PREFIX: z
    .string()
    .min(1)
    .default('screening:')
    .describe('Prefix of every Redis key the service writes, so deployments sharing a Redis keep apart.'),
  METRICS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('`false` turns off GET /metrics and the recording behind it (only to measure what they cost).'),
  QUERY_LIMIT_PER_SECOND: z.coerce
    .number()
    .positive()
    .default(2000)
    .describe('Average screenings per second allowed per API key (per client address without a key): a request spends 1 per query it carries, the row count for a batch.'),
  QUERY_LIMIT_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .default(10_000)
    .describe('Screenings a key may ask for at once; over its budget, 429 with Retry-After; a request carrying more queries than this, 413.'),
  MAX_SCREENINGS_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(1)
    .default(() => 64 * os.availableParallelism())
    .describe('Screening requests the service runs at once (default 64 per core), shared out among the WORKERS; beyond it, 503 /problems/overloaded with Retry-After at once.'),
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(1825)
    .describe('How long screenings are kept in the audit trail; applied only by `npm run audit -- prune`, never silently.'),
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30_000)
    .describe('Longest time a client may take to send a whole request (headers and body); a slower one is cut off with 408, so slow senders cannot hold connections open.'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .describe('Comma-separated origins (`https://console.example.com`) whose pages may call the API from a browser; empty: no CORS headers, so only same-origin pages (the console, /docs) can.'),
  LIST_KEEP_VERSIONS: z.coerce
    .number()
    .int()
    .min(2)
    .default(30)
    .describe('How many of the newest versions of each list keep their parties, so any two of them can be compared (GET /v1/datasets/{id}/changes); older versions keep their record and change summary.'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10_000)
    .describe('How long a graceful shutdown waits for in-flight requests before closing anyway.'),
  LIST_SOURCES: listSourcesSchema.describe(
    'Official lists to keep current, as JSON: `[{ "format": "ofac-xml", "url": "https://…", "interval": "12h" }]` (`url` may be a file path; `interval` as `30m`, `12h`, `1d`); unset: nothing is ever fetched.',
  ),
  LIST_MAX_AGE: durationSchema
    .default(48 * 3_600_000)
    .describe('A configured list whose last successful check is older than this (`30m`, `12h`, `1d`) is `stale` in GET /v1/datasets and /readyz.'),
  LIST_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(60_000)
    .describe('First wait before retrying a failed refresh; doubled at each further failure (with jitter), never beyond the source interval.'),
  LIST_DOWNLOAD_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(120_000)
    .describe('Longest time a refresh download may take, headers to last byte.'),
  LIST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 * 1024)
    .describe('Largest list download accepted, in bytes; a larger one fails the refresh and the serving version stays.'),
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('`true` lets webhooks reach private, loopback and link-local addresses and use plain http (a receiver on this host or network, tests); `false`: https to public addresses only.'),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('Longest time one webhook attempt may take, name resolution to the end of the answer; a slower receiver counts as failed and is retried.'),
  WEBHOOK_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(5000)
    .describe('Wait before the first retry of a failed webhook delivery; doubled at each further failure (with jitter), at most an hour.'),
  WEBHOOK_RETRY_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 3_600_000)
    .describe('How long after an event its webhook delivery is retried; a failure after it marks the delivery failed (it stays listed).'),
  WEBHOOK_POLL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe('How often each server process looks for webhook deliveries that are due (0: this process sends none).'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads the configuration from `env`; a bad value throws a one-line message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [variable = 'environment', ...within] = issue?.path.map(String) ?? [];
  // An issue inside a JSON variable (LIST_SOURCES) names the entry too: `LIST_SOURCES[1].format`.
  const where = within.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
  throw new ConfigError(
    `Invalid configuration: ${variable}${where}: ${issue?.message ?? 'invalid value'} (got ${JSON.stringify(env[variable])})`,
  );
}

/**
 * Configuration for tests and scripts: defaults with an in-memory database, quiet logs and a rate limit and query
 * budget no test reaches (tests that check them set their own), then `overrides`.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...configSchema.parse({}),
    DATABASE_PATH: ':memory:',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_SECOND: 1_000_000,
    RATE_LIMIT_BURST: 1_000_000,
    QUERY_LIMIT_PER_SECOND: 1_000_000,
    QUERY_LIMIT_BURST: 1_000_000,
    ...overrides,
  };
}
