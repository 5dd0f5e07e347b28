import { describe, expect, it } from 'vitest';
import type { PersonIdentity } from '../../src/db/identity-facts-repo.js';
import { linkGroups, mergingByIdentity } from '../../src/screening/identity-merges.js';
import { runToEnd } from '../../src/steps.js';

const person = (entityId: string, datasetId: string, p: Partial<PersonIdentity>): PersonIdentity => ({
  entityId,
  datasetId,
  names: [],
  birthDates: [],
  passports: [],
  ...p,
});

const merged = (people: PersonIdentity[], links: [string, string][] = []) =>
  runToEnd(mergingByIdentity(people, linkGroups(links))).map((m) => [m.a.id, m.b.id, m.shared]);

describe('the identity rule', () => {
  const cases: { name: string; people: PersonIdentity[]; links?: [string, string][]; expected: string[][] }[] = [
    {
      name: 'issue 19: YUN HO-JIN on the UN list and YUN, Ho-Jin on OFAC, both born 1944-10-13, are one person',
      people: [
        person('un-kpi.001', 'un-sc', { names: ['YUN HO-JIN'], birthDates: ['1944-10-13'] }),
        person('ofac-12218', 'ofac-sdn', { names: ['YUN, Ho-Jin'], birthDates: ['1944-10-13'] }),
      ],
      expected: [['un-kpi.001', 'ofac-12218', 'ho jin yun, born 1944-10-13']],
    },
    {
      name: 'the same name born in the same year only is not enough',
      people: [
        person('un-a', 'un-sc', { names: ['KIM CHOL'], birthDates: ['1962'] }),
        person('ofac-a', 'ofac-sdn', { names: ['KIM, Chol'], birthDates: ['1962'] }),
      ],
      expected: [],
    },
    {
      name: 'the same name with different full birth dates is two people',
      people: [
        person('un-a', 'un-sc', { names: ['KIM CHOL'], birthDates: ['1962-01-01'] }),
        person('ofac-a', 'ofac-sdn', { names: ['KIM, Chol'], birthDates: ['1962-01-02'] }),
      ],
      expected: [],
    },
    {
      name: 'a passport printed with and without its series letters, issued by one country printed two ways',
      people: [
        person('un-a', 'un-sc', { names: ['RI A'], passports: [{ number: 'PS 472220097', country: "Democratic People's Republic of Korea" }] }),
        person('uk-1', 'uk', { names: ['RI B'], passports: [{ number: '472220097', country: 'North Korea' }] }),
      ],
      expected: [['un-a', 'uk-1', 'passport 472220097']],
    },
    {
      name: 'one passport number issued by two countries is two documents',
      people: [
        person('un-a', 'un-sc', { names: ['A'], passports: [{ number: '472220097', country: 'Egypt' }] }),
        person('uk-1', 'uk', { names: ['B'], passports: [{ number: '472220097', country: 'Lebanon' }] }),
      ],
      expected: [],
    },
    {
      name: 'a short passport number is too often shared by chance',
      people: [
        person('un-a', 'un-sc', { names: ['A'], passports: [{ number: '04283', country: null }] }),
        person('uk-1', 'uk', { names: ['B'], passports: [{ number: '04283', country: null }] }),
      ],
      expected: [],
    },
    {
      name: 'two people of one list sharing the claim: neither is told apart, nothing is merged',
      people: [
        person('un-a', 'un-sc', { names: ['KIM CHOL'], birthDates: ['1962-01-01'] }),
        person('un-b', 'un-sc', { names: ['KIM CHOL'], birthDates: ['1962-01-01'] }),
        person('ofac-a', 'ofac-sdn', { names: ['KIM, Chol'], birthDates: ['1962-01-01'] }),
      ],
      expected: [],
    },
    {
      name: 'records the references already link are not listed again',
      people: [
        person('uk-1', 'uk', { names: ['KIM CHOL'], birthDates: ['1962-01-01'] }),
        person('un-a', 'un-sc', { names: ['KIM CHOL'], birthDates: ['1962-01-01'] }),
      ],
      links: [['uk-1', 'un-a']],
      expected: [],
    },
    {
      name: 'a merge that would put two records of one list into one party (the references say another) is not made',
      people: [
        person('uk-1', 'uk', { names: ['KIM CHOL'], birthDates: ['1962-01-01'] }),
        person('un-a', 'un-sc', { names: ['KIM CHOL'], birthDates: ['1962-01-01'] }),
        person('un-b', 'un-sc', { names: ['PAK SU'] }),
      ],
      links: [['uk-1', 'un-b']],
      expected: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(merged(c.people, c.links)).toEqual(c.expected);
    });
  }
});
