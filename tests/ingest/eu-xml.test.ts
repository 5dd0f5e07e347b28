import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { parseEuXml } from '../../src/ingest/lists/eu-xml.js';
import { openFile } from '../../src/ingest/lists/input.js';
import { citing, fixture, fromText, qualifier } from './helpers.js';

const SAMPLE = fixture('eu-fsf-sample.xml');
const cite = citing('eu-fsf-2030-03-18');
const KOREA = "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF";
const designation = (program: string, ref: string, act: string, listedOn?: string) => ({
  authority: 'EU',
  list: 'EU Consolidated Financial Sanctions List',
  program,
  listRef: ref,
  ...(listedOn ? { listedOn } : {}),
  citations: cite(ref, `Regulation ${act}`),
});

describe('parseEuXml', () => {
  it('reads the generation date as the publication date, one party per logicalId', async () => {
    const list = await parseEuXml(openFile(SAMPLE));
    expect(list.datasetId).toBe('eu-fsf');
    expect(list.publishedAt).toBe('2030-03-18');
    expect(list.source).toEqual({
      id: 'eu-fsf-2030-03-18',
      kind: 'sanctions_list',
      title: 'EU Consolidated Financial Sanctions List (Financial Sanctions Files XML)',
      publisher: 'European Commission, Service for Foreign Policy Instruments',
      publishedAt: '2030-03-18',
    });
    expect(list.entities.map((e) => e.id)).toEqual(['eu-90001', 'eu-90002', 'eu-90003']);
  });

  it('a DPRK person: every name alias with its language and strength, dates, citizenship, passport, UN reference', async () => {
    const { entities } = await parseEuXml(openFile(SAMPLE));
    expect(entities[0]).toEqual({
      id: 'eu-90001',
      kind: 'person',
      name: 'Chol-su Kim',
      status: 'designated',
      details: { remarks: 'Listed as a trade representative of a designated entity.; Function: Trade representative' },
      qualifiers: [
        qualifier('birth_date', '1970-01-02', '1970-01-02', cite('EU.9001.11'), 'day'),
        qualifier('birth_date', '1971 to 1972', 'circa 1971 to 1972', cite('EU.9001.11'), 'range'),
        qualifier('birth_place', 'KP', `Hamhung, ${KOREA}`, cite('EU.9001.11')),
        qualifier('nationality', 'KP', KOREA, cite('EU.9001.11')),
        qualifier('gender', 'male', 'M', cite('EU.9001.11')),
      ],
      names: [
        { name: 'Chol-su Kim', type: 'primary', citations: cite('EU.9001.11') },
        { name: 'Chol Su KIM', type: 'alias', citations: cite('EU.9001.11') },
        { name: 'Kim Tcheul-sou', type: 'alias', lang: 'fr', citations: cite('EU.9001.11') },
        { name: 'Mr. Kim', type: 'weak_alias', citations: cite('EU.9001.11') },
        { name: '김철수', type: 'original_script', script: 'Hang', lang: 'ko', citations: cite('EU.9001.11') },
      ],
      designations: [designation('PRK', 'EU.9001.11', '2029/901 (OJ L901)', '2029-07-16')],
      identifiers: [
        {
          type: 'diplomatic_passport',
          value: '836410999',
          country: KOREA,
          citations: cite('EU.9001.11', 'National passport; diplomatic; valid to 2031-01-01; Issued in Pyongyang.'),
        },
        { type: 'un_reference', value: 'KPi.901', citations: cite('EU.9001.11') },
      ],
      relations: [],
      citations: cite('EU.9001.11'),
    });
  });

  it('an enterprise: street addresses, address countries, contact details, registration number', async () => {
    const { entities } = await parseEuXml(openFile(SAMPLE));
    expect(entities[1]).toEqual({
      id: 'eu-90002',
      kind: 'organization',
      name: 'Ocean Star Shipping Company',
      status: 'designated',
      details: {
        addresses: [`Harbour Street 1, Nampo, ${KOREA}`],
        remarks: 'EMAIL: ocean@example.org',
      },
      qualifiers: [qualifier('country', 'KP', KOREA, cite('EU.9002.22')), qualifier('country', 'CN', 'CHINA', cite('EU.9002.22'))],
      names: [
        { name: 'Ocean Star Shipping Company', type: 'primary', citations: cite('EU.9002.22') },
        { name: 'OCEAN STAR SHIPPING CO LTD', type: 'alias', citations: cite('EU.9002.22') },
      ],
      designations: [designation('PRK', 'EU.9002.22', '2029/302 (OJ L302)')],
      identifiers: [{ type: 'registration_number', value: '5912345', citations: cite('EU.9002.22', 'Registration Number') }],
      relations: [],
      citations: cite('EU.9002.22'),
    });
  });

  it('a party the EU lists twice, under AFG and TAQA: one party, a designation per programme, each fact once', async () => {
    const { entities } = await parseEuXml(openFile(SAMPLE));
    expect(entities[2]).toEqual({
      id: 'eu-90003',
      kind: 'person',
      name: 'John Example',
      status: 'designated',
      details: { remarks: 'Title: Haji' },
      names: [
        { name: 'John Example', type: 'primary', citations: cite('EU.9003.33') },
        { name: 'Johnny Example', type: 'alias', citations: cite('EU.9003.33') },
      ],
      designations: [
        designation('AFG', 'EU.9003.33', '2021/101 (OJ L101)', '2021-01-31'),
        designation('TAQA', 'EU.9003.33', '2022/202 (OJ L202)'),
      ],
      identifiers: [{ type: 'national_id', value: 'X123', citations: cite('EU.9003.33', 'National identification card; known false') }],
      relations: [],
      citations: cite('EU.9003.33'),
    });
  });
});

describe('parseEuXml rejects what is not a complete EU Financial Sanctions Files list', () => {
  const sample = readFileSync(SAMPLE, 'utf8');
  it.each([
    ['the UN list', readFileSync(fixture('un-consolidated-sample.xml'), 'utf8'), /root element is CONSOLIDATED_LIST/],
    ['another namespace', sample.replace('http://eu.europa.ec/fpi/fsd/export', 'urn:example'), /namespace urn:example, expected/],
    ['a document cut short', sample.slice(0, sample.indexOf('logicalId="90002"') + 40), /truncated after 1 entities/],
    ['a list without entities', '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2030-01-01"/>', /the list contains no parties/],
    ['a list without its date', sample.replace(/generationDate="[^"]*"/, ''), /no generationDate date/],
    ['an entity without a name', sample.replace(/<nameAlias [^>]*wholeName="Ocean Star[\s\S]*?logicalId="91012"\/>/, ''), /EU.9002.22 has no name/],
    ['a DOCTYPE', sample.replace('<export', '<!DOCTYPE export [<!ENTITY a "b">]>\n<export'), /has a DOCTYPE declaration/],
  ])('%s', async (_, content, message) => {
    await expect(parseEuXml(fromText(content))).rejects.toBeInstanceOf(ListFormatError);
    await expect(parseEuXml(fromText(content))).rejects.toThrow(message);
  });
});
