import fs from 'node:fs';
import net from 'node:net';
import autocannon, { type AutocannonClient, type AutocannonRequest } from 'autocannon';
import { type Spawned, type StopOutcome, start, stop } from './processes.js';

export const HOST = '127.0.0.1';

/** A free loopback port, as the OS hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export type ServerKind = 'screening' | 'echo';

export interface RunningServer {
  kind: ServerKind;
  spawned: Spawned;
  baseUrl: string;
  /** From spawning the process to the first 200 of GET /readyz (polled every 20 ms). */
  startToReadyMs: number;
}

/** How many processes serve: the primary and its direct children (cluster workers), read from /proc on Linux. */
export function serverProcesses(server: RunningServer): number | null {
  const pid = server.spawned.child.pid;
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return 1 + (children === '' ? 0 : children.split(/\s+/).length);
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readyStatus(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * Starts the service from the compiled build (`node dist/server.js`) or the echo server, and waits for /readyz.
 * `nodeOptions` go before the script (a preload, `--cpu-prof`). On failure the process is stopped and the error
 * carries the end of its stderr.
 */
export async function startServer(
  kind: ServerKind,
  env: Record<string, string>,
  timeoutMs = 180_000,
  nodeOptions: string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const args = [...nodeOptions, ...(kind === 'screening' ? ['dist/server.js'] : ['--import', 'tsx', 'bench/echo-server.ts'])];
  const started = performance.now();
  const spawned = start(process.execPath, args, { ...env, PORT: String(port), HOST, LOG_LEVEL: 'warn' });
  const baseUrl = `http://${HOST}:${port}`;
  let exited = false;
  void spawned.exited.then(() => {
    exited = true;
  });
  while (!exited && performance.now() - started < timeoutMs) {
    if ((await readyStatus(`${baseUrl}/readyz`)) === 200) {
      return { kind, spawned, baseUrl, startToReadyMs: performance.now() - started };
    }
    await sleep(20);
  }
  await stop(spawned);
  const why = exited ? 'exited before it was ready' : `was not ready after ${timeoutMs / 1000} s`;
  throw new Error(`${kind} server ${why}:\n${spawned.stderrTail()}`);
}

export const stopServer = (server: RunningServer): Promise<StopOutcome> => stop(server.spawned);

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  /** Responses by status code. */
  statusCodes: Record<string, number>;
}

/**
 * Runs autocannon against `baseUrl` for `seconds`: each connection cycles through `requests`, starting at its own
 * offset so the connections do not send the same request at the same moment.
 */
export async function load(baseUrl: string, requests: AutocannonRequest[], seconds: number, connections: number): Promise<LoadFigures> {
  let nextClient = 0;
  const setupClient = (client: AutocannonClient) => {
    const offset = (nextClient++ * 7919) % requests.length;
    client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
  };
  const result = await autocannon({ url: baseUrl, connections, pipelining: 1, duration: seconds, requests, setupClient });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)])),
  };
}

/** `POST path` with a JSON body, for each body. */
export const jsonPosts = (path: string, bodies: readonly object[], headers: Record<string, string> = {}): AutocannonRequest[] =>
  bodies.map((body) => ({ method: 'POST', path, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
