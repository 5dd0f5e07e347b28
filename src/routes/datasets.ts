import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { listDatasets } from '../db/datasets-repo.js';
import { changeCounts, partyChangePage } from '../db/version-changes-repo.js';
import { type RecordedVersion, datasetRecorded, findVersion, listVersions, versionById } from '../db/versions-repo.js';
import { HttpProblem } from '../errors.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import {
  changesQuerySchema,
  datasetChangesSchema,
  datasetListSchema,
  datasetParamsSchema,
  datasetSchema,
  datasetVersionListSchema,
  refreshStartedSchema,
  versionListQuerySchema,
} from '../schemas/datasets.js';
import { changesCsvHeader, changesCsvRow } from './changes-csv.js';
import { type App, typed } from './types.js';

function assertRecorded(db: Db, id: string): void {
  if (!datasetRecorded(db, id)) throw new HttpProblem(404, 'notFound', `No dataset has the id "${id}".`);
}

/** A version to compare: it must exist, and its parties must still be kept. */
function comparable(dataset: string, version: RecordedVersion | undefined, asked: string | undefined): RecordedVersion {
  if (!version) {
    throw new HttpProblem(404, 'notFound', `Dataset "${dataset}" has no version "${asked ?? ''}" (GET /v1/datasets/${dataset}/versions lists them).`);
  }
  if (!version.partiesKept) {
    throw new HttpProblem(
      410,
      'versionNotKept',
      `The parties of version "${version.version}" of "${dataset}" are no longer kept (only the newest LIST_KEEP_VERSIONS versions' ` +
        `are); its record and change summary remain at GET /v1/datasets/${dataset}/versions.`,
    );
  }
  return version;
}

// A `+` sent unencoded in a query string reads as a space; versions never contain one.
const versionAsked = (value: string) => value.replaceAll(' ', '+');

/** Every change between two versions, a page at a time (no statement stays open between chunks of the response). */
function* changeLines(db: Db, from: number | null, to: number): Generator<string> {
  yield changesCsvHeader();
  let cursor: string | undefined;
  do {
    const page = partyChangePage(db, from, to, { limit: 500, cursor });
    for (const c of page.items) yield changesCsvRow(c);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function datasetRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/datasets',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listDatasets',
        summary: 'What is loaded, and every configured list source (loaded or not) with its last checks',
        tags: ['datasets'],
        response: { 200: datasetListSchema, ...problemResponses },
      },
    },
    async () => ({ datasets: app.listRefresher.statuses(listDatasets(app.catalog.db)) }),
  );

  typed(app).get(
    '/v1/datasets/:id',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'getDataset',
        summary: 'One dataset or configured list source, with the state of its latest refresh',
        tags: ['datasets'],
        params: idParamsSchema,
        response: { 200: datasetSchema, 404: problemResponse('No dataset or configured source has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const dataset = app.listRefresher.statuses(listDatasets(app.catalog.db)).find((d) => d.id === request.params.id);
      if (!dataset) throw new HttpProblem(404, 'notFound', `No dataset ${request.params.id}.`);
      return dataset;
    },
  );

  typed(app).post(
    '/v1/datasets/:id/refresh',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'refreshDataset',
        summary: 'Check the dataset’s configured source now, and import it when it changed',
        description:
          'Starts a refresh and answers at once; `GET /v1/datasets` shows its progress and outcome. A failed download ' +
          'or a malformed file leaves the serving version in place.',
        tags: ['datasets'],
        params: idParamsSchema,
        response: {
          202: {
            description: 'The refresh started.',
            content: { 'application/json': { schema: refreshStartedSchema } },
            headers: { Location: { type: 'string', description: 'The datasets list, which shows the refresh.' } },
          },
          404: problemResponse('No dataset or configured source has this id.'),
          409: problemResponse('A refresh of this dataset is already running, or the dataset has no configured source.'),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const refresher = app.listRefresher;
      const source = refresher.sourceOf(id);
      if (!source) {
        if (!listDatasets(app.catalog.db).some((d) => d.id === id)) throw new HttpProblem(404, 'notFound', `No dataset ${id}.`);
        throw new HttpProblem(409, 'conflict', `Dataset ${id} has no configured source: only lists named in LIST_SOURCES are refreshed.`);
      }
      const run = refresher.start(source);
      if (!run) throw new HttpProblem(409, 'conflict', `A refresh of dataset ${id} is already running.`);
      void run.done;
      return reply
        .code(202)
        .header('location', `/v1/datasets/${encodeURIComponent(id)}`)
        .send({ dataset: id, refresh: { id: run.id, status: 'running' as const, startedAt: run.startedAt } });
    },
  );

  typed(app).get(
    '/v1/datasets/:id/versions',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listDatasetVersions',
        summary: 'Every recorded version of a dataset, newest first, with its counts and what it changed',
        tags: ['datasets'],
        params: datasetParamsSchema.meta({ examples: [{ id: 'ofac-sdn' }] }),
        querystring: versionListQuerySchema,
        response: { 200: datasetVersionListSchema, 404: problemResponse('No dataset has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertRecorded(app.catalog.db, id);
      const { items, nextCursor } = listVersions(app.catalog.db, id, request.query);
      return { dataset: id, versions: items, nextCursor };
    },
  );

  typed(app).get(
    '/v1/datasets/:id/changes',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listDatasetChanges',
        summary: 'The parties added, removed and changed between two versions of a dataset: the list to re-screen',
        description:
          'Compares two kept versions (`from` defaults to the version `to` replaced, `to` to the serving one) party by ' +
          'party, with what changed in each: names, designations, addresses, identifiers, birth dates, relations. ' +
          'Versions contain `+`: percent-encode it (`%2B`). `format=csv` answers every change as CSV.',
        tags: ['datasets'],
        params: datasetParamsSchema.meta({ examples: [{ id: 'ofac-sdn' }] }),
        querystring: changesQuerySchema,
        response: {
          200: {
            description: 'The changes (JSON, paged), or every change as CSV.',
            content: { 'application/json': { schema: datasetChangesSchema }, 'text/csv': { schema: z.string() } },
          },
          404: problemResponse('No dataset has this id, or it has no such version.'),
          410: problemResponse('The parties of a version asked for are no longer kept; its record and summary remain.'),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { from: fromAsked, to: toAsked, format, limit, cursor } = request.query;
      const db = app.catalog.db;
      assertRecorded(db, id);
      const to = comparable(id, findVersion(db, id, toAsked === undefined ? 'serving' : { version: versionAsked(toAsked) }), toAsked);
      const from =
        fromAsked !== undefined
          ? comparable(id, findVersion(db, id, { version: versionAsked(fromAsked) }), fromAsked)
          : to.previousId === null
            ? null
            : comparable(id, versionById(db, to.previousId), to.previousVersion ?? undefined);
      if (format === 'csv') {
        // The body is a stream of text, which the typed reply (declared as JSON or text) does not know about.
        return (reply as unknown as FastifyReply)
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${id}-changes.csv"`)
          .send(Readable.from(changeLines(db, from?.id ?? null, to.id)));
      }
      const page = partyChangePage(db, from?.id ?? null, to.id, { limit: limit ?? 100, cursor });
      return {
        dataset: id,
        from: from && { version: from.version, listDate: from.listDate },
        to: { version: to.version, listDate: to.listDate },
        summary: changeCounts(db, from?.id ?? null, to.id),
        changes: page.items,
        nextCursor: page.nextCursor,
      };
    },
  );
}
