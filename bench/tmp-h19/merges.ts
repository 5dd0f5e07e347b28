import { openDatabase } from '../../src/db/database.js';
import { identityMergesIn } from '../../src/screening/identity-merges.js';
const db = openDatabase(process.argv[2] ?? '/tmp/h19-full.db');
const t = performance.now();
const merges = identityMergesIn(db);
console.log('ms', (performance.now() - t).toFixed(0), 'merges', merges.length);
const pairs = new Map<string, number>();
for (const m of merges) { const k = [m.a.datasetId, m.b.datasetId, m.rule].join(' '); pairs.set(k, (pairs.get(k) ?? 0) + 1); }
console.log(pairs);
for (const m of merges.slice(0, 15)) console.log(m.a.id, m.a.name, '=', m.b.id, m.b.name, m.shared);
