/**
 * The baseline the screening route is compared with: Fastify answering `POST /echo` with the body it received, on
 * PORT, started as the service is (`WORKERS=<n>|auto`: a cluster primary forks that many workers on the same port;
 * `GET /readyz` answers 200 only once every worker listens). No logging, no validation, no work.
 */
import cluster from 'node:cluster';
import os from 'node:os';
import Fastify from 'fastify';

const READY_MESSAGE = 'all-workers-listening';

function workerCount(value: string | undefined): number {
  if (value === undefined || value === '' || value === '1') return 1;
  if (value === 'auto') return os.availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WORKERS must be a positive integer or "auto", got ${JSON.stringify(value)}`);
  return n;
}

async function serve(port: number, readyFromStart: boolean): Promise<void> {
  let ready = readyFromStart;
  process.on('message', (message) => {
    if (message === READY_MESSAGE) ready = true;
  });
  const app = Fastify({ logger: false });
  app.post('/echo', async (request) => request.body);
  app.get('/readyz', async (_request, reply) => reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'starting' }));
  await app.listen({ port, host: '127.0.0.1' });
  const close = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

function primary(workers: number): void {
  let listening = 0;
  let stopping = false;
  cluster.on('listening', () => {
    listening++;
    if (listening === workers) for (const w of Object.values(cluster.workers ?? {})) w?.send(READY_MESSAGE);
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      // The primary leaves last, so nothing it started outlives it.
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`echo worker ${worker.process.pid} exited (${code}); stopping\n`);
    process.exit(1);
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < workers; i++) cluster.fork();
}

const port = Number(process.env.PORT ?? 3001);
const workers = workerCount(process.env.WORKERS);
const run = cluster.isPrimary && workers > 1 ? Promise.resolve(primary(workers)) : serve(port, cluster.isPrimary);
run.catch((err: unknown) => {
  process.stderr.write(`echo server failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
