import { openDatabase } from '../../src/db/database.js';
import { readingPersonIdentities } from '../../src/db/identity-facts-repo.js';
import { samePartyLinks } from '../../src/db/screening-repo.js';
import { linkGroups, mergingByIdentity } from '../../src/screening/identity-merges.js';
import { runToEnd } from '../../src/steps.js';
const db = openDatabase(process.argv[2] ?? '/tmp/h19-full.db');
for (let i = 0; i < 2; i++) {
let t = performance.now();
const people = runToEnd(readingPersonIdentities(db));
const t1 = performance.now() - t; t = performance.now();
const links = samePartyLinks(db);
const t2 = performance.now() - t; t = performance.now();
const merges = runToEnd(mergingByIdentity(people, linkGroups(links)));
const t3 = performance.now() - t;
console.log('read', t1.toFixed(0), 'links', t2.toFixed(0), 'rule', t3.toFixed(0), people.length, merges.length);
}
