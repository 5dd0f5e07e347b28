import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers its n-th request (0-based): a status, `hang` (never answer), or a redirect. */
export type Answer = number | 'hang' | { redirect: string };

/** A local webhook receiver: records every request and answers as `answer` says (default 204). */
export async function startReceiver(answer: (n: number, received: ReceivedWebhook) => Answer = () => 204) {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const hook = { path: request.url ?? '', headers: request.headers, body };
      const n = received.push(hook) - 1;
      const a = answer(n, hook);
      if (a === 'hang') {
        hanging.add(response);
        return;
      }
      if (typeof a === 'object') response.writeHead(302, { location: a.redirect }).end();
      else response.writeHead(a).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number): Promise<ReceivedWebhook[]> {
      while (received.length < count) await new Promise((r) => setTimeout(r, 10));
      return received;
    },
    async close(): Promise<void> {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
