/**
 * `npm run lint:openapi`: Redocly's recommended rules over openapi/openapi.json. Prints every problem and exits 1 on
 * any, warnings included; a test runs the same check.
 */
import { createConfig, lint } from '@redocly/openapi-core';
import { OPENAPI_FILE } from './write-openapi.js';

export interface LintProblem {
  severity: string;
  rule: string;
  message: string;
  where: string;
}

export async function lintOpenapi(file = OPENAPI_FILE): Promise<LintProblem[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lint({ ref: file, config });
  return problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, where: p.location[0]?.pointer ?? '' }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await lintOpenapi();
  for (const p of problems) process.stdout.write(`${p.severity} ${p.rule} ${p.where}: ${p.message}\n`);
  process.stdout.write(problems.length === 0 ? 'openapi/openapi.json: no problems (redocly recommended)\n' : `${problems.length} problems\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
