import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';
import { exitOf, listeningAddress, startServer } from '../helpers/server.js';
import { total } from './prometheus-text.js';

const work = tempDir();
afterAll(() => work.cleanup());

/** One request on a connection of its own, so the cluster hands each to the next worker in turn. */
function request(base: string, pathname: string, body?: object): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, {
      method: body ? 'POST' : 'GET',
      agent: false,
      headers: body ? { 'content-type': 'application/json' } : {},
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('metrics with WORKERS=2', () => {
  // Three processes start under tsx: on a loaded 2-core machine that alone can take more than vitest's 30 s default.
  it('combines every worker’s figures in each scrape, whichever worker answers it', { timeout: 120_000 }, async () => {
    const child = startServer({
      PORT: '0',
      HOST: '127.0.0.1',
      WORKERS: '2',
      DATABASE_PATH: path.join(work.dir, 'cluster.db'),
      DATA_DIR: FIXTURE_DATA_DIR,
    });
    const exited = exitOf(child);
    try {
      const base = await listeningAddress(child);
      let status = 0;
      for (let i = 0; i < 200 && status !== 200; i++) {
        status = (await request(base, '/readyz')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(200);
      for (let i = 0; i < 20; i++) expect((await request(base, '/v1/screen', { name: 'Crimson Group' })).status).toBe(200);

      // Four scrapes on new connections reach both workers; each must count all 20, not its own share.
      for (let i = 0; i < 4; i++) {
        const scrape = await request(base, '/metrics');
        expect(scrape.status).toBe(200);
        expect(total(scrape.text, 'screenings_total', { verdict: 'match', channel: 'api' })).toBe(20);
        expect(total(scrape.text, 'http_request_duration_seconds_count', { route: '/v1/screen' })).toBe(20);
        expect(total(scrape.text, 'dataset_info', { dataset: 'curated' })).toBe(1);
      }
    } finally {
      child.kill('SIGTERM');
    }
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    // Both workers answered screenings (their request logs carry their pids), so the sums above really combine two.
    const pids = new Set(
      stdout
        .split('\n')
        .filter((l) => l.includes('"url":"/v1/screen"') && l.includes('incoming request'))
        .map((l) => (JSON.parse(l) as { pid: number }).pid),
    );
    expect(pids.size).toBe(2);
  });
});
