/**
 * `npm run readme-examples`: runs every example of README.md against a server with the curated dataset and writes
 * what it answered between the example's markers, so the examples stay true. `--check` only compares (ids and
 * times aside) and exits 1 when README is stale; a test runs that.
 *
 * An example in README is a block between `<!-- example: NAME -->` and `<!-- /example -->`; NAME is a key of
 * EXAMPLES below, which says what to send and how much of the answer to show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { decisionListSchema, decisionSchema } from '../src/schemas/audit.js';
import { batchResponseSchema } from '../src/schemas/batch.js';
import { screenResponseSchema } from '../src/schemas/screen.js';

export const README_FILE = path.join(PROJECT_ROOT, 'README.md');

/** The JSON answers of the example's earlier steps, so a step can use an id one of them returned. */
type Earlier = Record<string, unknown>[];

interface Step {
  method?: 'GET' | 'POST' | 'DELETE';
  url: string | ((earlier: Earlier) => string);
  /** A JSON body, or CSV text (sent as text/csv). */
  body?: unknown | ((earlier: Earlier) => unknown);
  csv?: string;
  /** Show the status line and content type, as `curl -i` does. */
  headers?: boolean;
  /** Arrays in the answer are cut to this many items (default 1); `0` shows them whole. */
  items?: number;
  /** Keep only these top-level keys of a JSON answer (in this order). */
  pick?: string[];
  /** What of a JSON answer to show, when it is long and the example is about part of it. */
  show?: (answer: unknown) => unknown;
}

/** A `show` over an answer of the response schema named (the answer is what the API validated against it). */
const showing =
  <T extends z.ZodType>(_schema: T, show: (answer: z.infer<T>) => unknown) =>
  (answer: unknown) =>
    show(answer as z.infer<T>);

/** A decision by what an analyst reads first. */
const brief = showing(decisionSchema, (d) => ({
  id: d.id,
  subject: d.subject,
  entityId: d.entityId,
  decision: d.decision,
  status: d.status,
  supersedes: d.supersedes,
  supersededBy: d.supersededBy,
}));

export const EXAMPLES: Record<string, Step[]> = {
  'screen-name': [{ method: 'POST', url: '/v1/screen', body: { name: 'Lazarus Grup', limit: 1 } }],
  'screen-address': [
    {
      url: '/v1/addresses/0x098b716b8aaf21512996dc57eb0615e2383e2f96?chain=ETH',
      show: showing(screenResponseSchema, (a) => ({
        verdict: a.verdict,
        query: { address: a.query.address },
        matches: a.matches.map((m) => ({ entity: m.entity, score: m.score, verdict: m.verdict, matchedAddress: m.matchedAddress, explanation: { summary: m.explanation.summary } })),
      })),
    },
    { url: '/v1/addresses/0x098B716B8Aaf21512996dC57EB0615e2383E2f97' },
  ],
  'events-2019': [{ url: '/v1/events?from=2019-01-01&to=2019-12-31' }],
  'entities-datasets': [
    { url: '/v1/entities?q=lazarus', items: 0 },
    { url: '/v1/datasets' },
    { url: '/healthz' },
    { url: '/readyz', items: 0 },
  ],
  error: [{ url: '/v1/events?from=2019-02-30', headers: true }],
  'batch-json': [
    {
      method: 'POST',
      url: '/v1/screen/batch',
      body: { queries: [{ ref: 'c-1', name: 'Lazarus Group' }, { ref: 'c-2' }, { ref: 'c-3', name: 'Jane Doe' }] },
      items: 3,
      show: showing(batchResponseSchema, (a) => ({
        results: a.results.map((r) => ({
          ...r,
          result: r.result && { screeningId: r.result.screeningId, verdict: r.result.verdict, matches: r.result.matches.map((m) => m.entity.name) },
          error: r.error && { type: r.error.type, status: r.error.status, detail: r.error.detail },
        })),
      })),
    },
  ],
  'batch-csv': [
    {
      method: 'POST',
      url: '/v1/screen/batch',
      csv: 'ref,name,address,country\nc-1,Lazarus Grup,,KP\nc-2,Jane Doe,,GB\nc-3,,0x098B716B8Aaf21512996dC57EB0615e2383E2f96,\nc-4,,,US\n',
    },
  ],
  decisions: [
    {
      method: 'POST',
      url: '/v1/decisions',
      body: {
        subject: { name: 'Lazarus Smith' },
        entityId: 'lazarus-group',
        decision: 'false_positive',
        reason: 'UK customer born 1984, not the DPRK group',
        reviewer: 'j.doe',
      },
      show: brief,
    },
    {
      url: '/v1/decisions?name=Lazarus%20Smith&status=active',
      show: showing(decisionListSchema, (a) => ({ decisions: a.decisions.map(brief), nextCursor: a.nextCursor })),
    },
    {
      method: 'POST',
      url: '/v1/decisions',
      body: (earlier: Earlier) => ({
        subject: { name: 'Lazarus Smith' },
        entityId: 'lazarus-group',
        decision: 'true_match',
        reason: 'same passport as the listed person',
        reviewer: 'k.lee',
        supersedes: earlier[0]?.id,
      }),
      show: brief,
    },
    { method: 'DELETE', url: (earlier) => `/v1/decisions/${String(earlier[2]?.id)}`, show: brief },
  ],
};

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** A step with its url and body worked out from the earlier answers. */
interface ResolvedStep extends Step {
  url: string;
}

function resolve(step: Step, earlier: Earlier): ResolvedStep {
  const url = typeof step.url === 'function' ? step.url(earlier) : step.url;
  const body = typeof step.body === 'function' ? (step.body as (e: Earlier) => unknown)(earlier) : step.body;
  return { ...step, url, ...(body !== undefined ? { body } : {}) };
}

/** The curl command a reader types for a step. */
function curlOf(step: ResolvedStep): string {
  const parts = ['curl -s'];
  if (step.headers) parts.push('-i');
  if (step.method && step.method !== 'GET') parts.push(`-X ${step.method}`);
  parts.push(step.url.includes('?') ? shellQuote(`localhost:3000${step.url}`) : `localhost:3000${step.url}`);
  if (step.csv !== undefined) {
    return `printf ${shellQuote(step.csv.replaceAll('\n', '\\n'))} | ${parts.join(' ')} -H 'content-type: text/csv' --data-binary @-`;
  }
  if (step.body !== undefined) parts.push(`-H 'content-type: application/json' -d ${shellQuote(JSON.stringify(step.body))}`);
  return parts.join(' ');
}

/** A cited source is shown by its id and kind: GET /v1/sources/{id} has the rest. */
function briefSource(source: Record<string, unknown>): Record<string, unknown> {
  const rest = Object.keys(source).length - 2;
  return { id: source.id, kind: source.kind, ...(rest > 0 ? { '…': `${rest} more fields` } : {}) };
}

/** Cuts arrays to `items` (with a note of how many more), long strings and cited sources, for reading. */
function trimmed(value: unknown, items: number): unknown {
  if (Array.isArray(value)) {
    const kept = items > 0 ? value.slice(0, items) : value;
    const rest = value.length - kept.length;
    return [...kept.map((v) => trimmed(v, items)), ...(rest > 0 ? [`… ${rest} more`] : [])];
  }
  if (typeof value === 'string' && value.length > 160) return `${value.slice(0, 157)}…`;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'source' && v !== null && typeof v === 'object' ? briefSource(v as Record<string, unknown>) : trimmed(v, items),
      ]),
    );
  }
  return value;
}

/**
 * JSON laid out for reading: a value that fits on one line (within 132 characters at its indent) stays on one line,
 * as a person would write it; larger ones open up.
 */
function layout(value: unknown, indent = ''): string {
  const inline = JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']') ?? 'null';
  if (inline.length + indent.length <= 132 || value === null || typeof value !== 'object') return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + layout(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${layout(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

async function answerOf(app: FastifyInstance, step: ResolvedStep, earlier: Earlier): Promise<string> {
  const res = await app.inject({
    method: step.method ?? 'GET',
    url: step.url,
    ...(step.csv !== undefined ? { headers: { 'content-type': 'text/csv' }, payload: step.csv } : {}),
    ...(step.body !== undefined ? { payload: step.body as Record<string, unknown> } : {}),
  });
  const type = String(res.headers['content-type'] ?? '');
  let body = res.body.trimEnd();
  if (type.includes('json')) {
    let parsed = res.json() as Record<string, unknown>;
    earlier.push(parsed);
    if (step.pick) parsed = Object.fromEntries(step.pick.map((k) => [k, parsed[k]]));
    body = layout(trimmed(step.show ? step.show(parsed) : parsed, step.items ?? 1));
  } else earlier.push({});
  if (!step.headers) return body;
  return `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\ncontent-type: ${type}\n\n${body}`;
}

/** The Markdown of one example: each command, then what it answered. */
async function render(app: FastifyInstance, steps: Step[]): Promise<string> {
  const blocks: string[] = [];
  const earlier: Earlier = [];
  for (const unresolved of steps) {
    const step = resolve(unresolved, earlier);
    const answer = await answerOf(app, step, earlier);
    const lang = step.headers ? '' : answer.startsWith('{') || answer.startsWith('[') ? 'json' : '';
    blocks.push(`\`\`\`sh\n${curlOf(step)}\n\`\`\`\n\`\`\`${lang}\n${answer}\n\`\`\``);
  }
  return blocks.join('\n');
}

const BLOCK = /<!-- example: ([\w-]+) -->\n[\s\S]*?<!-- \/example -->/g;

/** README with every example block rewritten from a fresh server over the curated dataset. */
export async function regenerate(readme: string): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-examples-'));
  const app = await buildApp(testConfig({ DATA_DIR: path.join(PROJECT_ROOT, 'data'), DATABASE_PATH: path.join(work, 'db.sqlite') }));
  try {
    await app.ready();
    const rendered = new Map<string, string>();
    for (const [name, steps] of Object.entries(EXAMPLES)) rendered.set(name, await render(app, steps));
    return readme.replace(BLOCK, (whole, name: string) => {
      const body = rendered.get(name);
      if (body === undefined) throw new Error(`README.md has an example "${name}" that scripts/readme-examples.ts does not define`);
      return `<!-- example: ${name} -->\n${body}\n<!-- /example -->`;
    });
  } finally {
    await app.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** What differs from run to run (ids, times, request ids) is masked before comparing. */
export const masked = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = fs.readFileSync(README_FILE, 'utf8');
  const fresh = await regenerate(readme);
  if (process.argv.includes('--check')) {
    const stale = masked(fresh) !== masked(readme);
    process.stdout.write(stale ? 'README.md examples are stale: run `npm run readme-examples`\n' : 'README.md examples are current\n');
    process.exitCode = stale ? 1 : 0;
  } else {
    fs.writeFileSync(README_FILE, fresh);
    process.stdout.write(`wrote ${(fresh.match(BLOCK) ?? []).length} examples into README.md\n`);
  }
}
