/** Writes the OpenAPI document generated from the routes to openapi/openapi.json (`npm run openapi`). */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { PROJECT_ROOT } from '../src/paths.js';

export const OPENAPI_FILE = path.join(PROJECT_ROOT, 'openapi', 'openapi.json');

/** The OpenAPI document as committed: generated from an app over an empty database, pretty-printed. */
export async function generateOpenapi(): Promise<string> {
  const app = await buildApp(testConfig({ DATA_DIR: path.join(PROJECT_ROOT, 'data') }));
  await app.ready();
  const document = app.swagger();
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.mkdirSync(path.dirname(OPENAPI_FILE), { recursive: true });
  fs.writeFileSync(OPENAPI_FILE, await generateOpenapi());
  process.stdout.write(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}\n`);
}
