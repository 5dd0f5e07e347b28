import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../../src/paths.js';

export const REFRESH_FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists', 'refresh');
export const listFixture = (name: string) => fs.readFileSync(path.join(REFRESH_FIXTURES, name));

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A list publisher on 127.0.0.1: answers with whatever handler the test set last, and records each request. */
export async function startListServer(): Promise<{
  url: string;
  answer: (handler: Handler) => void;
  requests: http.IncomingHttpHeaders[];
  close: () => Promise<void>;
}> {
  let current: Handler = (_req, res) => res.writeHead(404).end();
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    current(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/consolidated.xml`,
    answer: (handler) => {
      current = handler;
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves `body` as a list publisher does, with an ETag, and answers 304 to a request that names it. */
export const serveList =
  (body: Buffer, etag: string): Handler =>
  (req, res) => {
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { etag, 'content-type': 'application/xml', 'content-length': body.length }).end(body);
  };

/** The dataset as GET /v1/datasets shows it, once its source was checked and no refresh of it is running. */
export async function settledDataset(app: FastifyInstance, id: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  for (;;) {
    const datasets = (await app.inject({ method: 'GET', url: '/v1/datasets', headers })).json().datasets as Record<string, unknown>[];
    const dataset = datasets.find((d) => d.id === id);
    if (dataset && dataset.status !== 'running' && dataset.status !== 'pending') return dataset;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
