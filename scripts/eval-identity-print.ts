/** Prints the identity section of npm run eval: per category, name-only beside with-qualifiers. */
import { evaluateIdentityPairs, type IdentityFigures } from './eval-identity.js';

function line(label: string, f: IdentityFigures): string {
  const measure = f.label === 'yes' ? 'recall   ' : 'rejection';
  return `  ${label.padEnd(18)} ${measure} name-only ${f.nameOnly.toFixed(3)}  with qualifiers ${f.withQualifiers.toFixed(3)}  (${f.rows} rows)`;
}

export function printIdentityEvaluation(evalDir: string, threshold: number): void {
  const report = evaluateIdentityPairs(evalDir, threshold);
  console.log('identity_pairs_dev.csv (compareEntities)');
  console.log(line('overall yes', report.overall.yes));
  console.log(line('overall no', report.overall.no));
  for (const [category, f] of Object.entries(report.byCategory)) console.log(line(category, f));
  const { nameOnly, withQualifiers } = report.micros;
  console.log(`  compareEntities: ${nameOnly.toFixed(1)} µs name-only, ${withQualifiers.toFixed(1)} µs with qualifiers per comparison`);
}
