import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { hostOf, nonPublicAddress } from './destinations.js';

/** Resolves a host name to its addresses (default: the system resolver, as every other connection would). */
export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  resolve: Resolver;
  /** Aborts the attempt (the process is stopping); the result is then `aborted`. */
  signal: AbortSignal;
}

export type SendResult =
  | { kind: 'answered'; status: number }
  | { kind: 'failed'; error: string }
  | { kind: 'aborted' };

class RefusedDestination extends Error {}

/** The address to connect to: the host itself when it is an address, else its first resolved one, all of them vetted. */
async function vettedAddress(url: URL, options: SendOptions): Promise<string> {
  const host = hostOf(url);
  if (url.protocol !== 'https:' && !options.allowPrivate) {
    throw new RefusedDestination('refused: plain http is allowed only with WEBHOOK_ALLOW_PRIVATE=true');
  }
  const addresses = isIP(host) !== 0 ? [host] : await options.resolve(host);
  const [first] = addresses;
  if (first === undefined) throw new RefusedDestination(`${host} resolves to no address`);
  if (!options.allowPrivate) {
    // Every address is checked, not only the one used: a name mixing public and private ones is refused whole.
    for (const address of addresses) {
      const kind = nonPublicAddress(address);
      if (kind !== null) throw new RefusedDestination(`refused: ${host} resolves to ${address}, ${kind}`);
    }
  }
  return first;
}

function describeError(err: unknown, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  if (err instanceof RefusedDestination) return err.message;
  const code = (err as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * POSTs `body` to `url` once. The host is resolved here and the connection made to the vetted address (so a name
 * cannot be re-resolved to another between the check and the connection), with the original name as Host and TLS
 * server name. Redirects are answers like any other: never followed. The whole attempt, resolution to the last
 * byte of the answer, is bounded by `timeoutMs`.
 */
export async function sendWebhook(url: URL, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendResult> {
  if (options.signal.aborted) return { kind: 'aborted' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const stop = () => controller.abort();
  options.signal.addEventListener('abort', stop);
  try {
    const address = await untilAborted(vettedAddress(url, options), controller.signal);
    const status = await post(url, address, headers, body, controller.signal);
    return { kind: 'answered', status };
  } catch (err) {
    if (options.signal.aborted && !timedOut) return { kind: 'aborted' };
    return { kind: 'failed', error: describeError(err, options.timeoutMs, timedOut) };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', stop);
  }
}

/** `work`, or a rejection as soon as `signal` aborts: the system resolver cannot be cancelled, only no longer awaited. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise((resolve, reject) => {
    const abort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function post(url: URL, address: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        method: 'POST',
        host: address,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        servername: isIP(hostOf(url)) === 0 ? hostOf(url) : undefined,
        headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
        signal,
      },
      (response) => {
        // The answer's body is not used; read it to the end so the attempt counts only once it is complete.
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
