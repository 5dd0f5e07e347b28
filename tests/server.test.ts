import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_DATA_DIR, tempDir } from './helpers/app.js';
import { exitOf, listeningAddress, startServer } from './helpers/server.js';

const work = tempDir();
afterAll(() => work.cleanup());

describe('the real server', () => {
  it('listens on port 0, serves over HTTP, and drains and exits cleanly on SIGTERM', async () => {
    const child = startServer({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: path.join(work.dir, 'server.db'),
      DATA_DIR: FIXTURE_DATA_DIR,
    });
    const exited = exitOf(child);
    const base = await listeningAddress(child);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const res = await fetch(`${base}/v1/screen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'over-http-1' },
      body: JSON.stringify({ name: 'Crimson Group' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('over-http-1');
    const body = (await res.json()) as { matches: { entity: { id: string } }[] };
    expect(body.matches[0]?.entity.id).toBe('crimson-group');

    const bad = await fetch(`${base}/v1/events?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // A request in flight when SIGTERM arrives still gets its answer.
    const inFlight = fetch(`${base}/v1/entities/crimson-group`);
    child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    expect(stdout).toContain('shutting down');
  });

  it('runs WORKERS=2 processes on one port, ready only once both are, and stops them all on SIGTERM', async () => {
    const child = startServer({
      PORT: '0',
      HOST: '127.0.0.1',
      WORKERS: '2',
      DATABASE_PATH: path.join(work.dir, 'cluster.db'),
      DATA_DIR: FIXTURE_DATA_DIR,
    });
    const exited = exitOf(child);
    const base = await listeningAddress(child);
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await fetch(`${base}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${base}/v1/screen`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Crimson Group' }),
        }).then((r) => r.status),
      ),
    );
    expect(answers).toEqual(Array(8).fill(200));
    child.kill('SIGTERM');
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    expect(stdout).toContain('all workers ready');
    expect(stdout.match(/Server listening at/g)).toHaveLength(2);
  });

  it('refuses to start with a bad setting, naming the variable in one line', async () => {
    const { code, stderr } = await exitOf(startServer({ PORT: 'not-a-port' }));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^Invalid configuration: PORT: .*\(got "not-a-port"\)$/);
  });
});
