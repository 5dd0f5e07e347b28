import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { HttpProblem } from '../errors.js';
import { PROJECT_ROOT } from '../paths.js';
import type { App } from './types.js';

/** Where `npm run console:build` writes the analyst console. */
export const CONSOLE_DIST = path.join(PROJECT_ROOT, 'console', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

interface ConsoleFile {
  body: Buffer;
  type: string;
}

/**
 * The built files by their path below /console/, read once: only these are ever served, so no request path can
 * reach outside the build (no traversal to check), and each goes out with the type of its extension.
 */
function readBuild(dir: string): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const type = CONTENT_TYPES[path.extname(entry.name)];
    if (!entry.isFile() || !type) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), { body: fs.readFileSync(full), type });
  }
  return files;
}

/**
 * The analyst console at /console: its built files, and index.html for every other /console/… path (the console's
 * own pages: /console/review, /console/entities/lazarus-group). Open to every caller like the documentation UI: the
 * console asks for an API key where the API needs one.
 */
export async function consoleRoutes(app: App, options: { dir?: string } = {}): Promise<void> {
  const files = readBuild(options.dir ?? CONSOLE_DIST);
  const send = (reply: FastifyReply, name: string, file: ConsoleFile) =>
    reply
      .type(file.type)
      // Hashed asset names change with their content; the page itself is checked on every load.
      .header('cache-control', name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(file.body);
  const page = (reply: FastifyReply) => {
    const index = files.get('index.html');
    if (!index) throw new HttpProblem(404, 'notFound', 'The console is not built: run npm run console:build (npm start does).');
    return send(reply, 'index.html', index);
  };

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console', 302));
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => page(reply));
  app.get<{ Params: { '*': string } }>('/console/*', { schema: { hide: true } }, async (request, reply) => {
    const name = request.params['*'];
    const file = files.get(name);
    if (file) return send(reply, name, file);
    // A missing script or style is a 404, never the page in its place (which the browser would fail to run).
    if (name.startsWith('assets/') || path.extname(name) !== '') {
      throw new HttpProblem(404, 'notFound', `The console has no file "${name}".`);
    }
    return page(reply);
  });
}
