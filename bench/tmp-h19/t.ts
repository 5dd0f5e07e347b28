import { prepareListedName } from '../../src/matching/index.js';
for (const n of ['YUN HO-JIN', 'YUN, Ho-Jin', 'Ho Jin YUN', 'RI Song-hyok', 'Kim Jong Un']) {
  const p = prepareListedName(n, 'person');
  console.log(n, JSON.stringify(p.readings[0]?.tokens.map((t) => t.latin)));
}
