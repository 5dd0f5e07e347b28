import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  type CuratedCitation,
  type CuratedEntity,
  type CuratedEvent,
  type CuratedSource,
  curatedFileSchema,
  entitySchema,
  eventSchema,
  sourceSchema,
} from '../../src/ingest/curated/schema.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dataDir = path.join(projectRoot, 'data');
/** Shared material lives beside the checkout and may be absent (tests then skip with a message). */
export const sharedDir = path.resolve(projectRoot, '..', 'shared');
export const seedsDir = path.join(sharedDir, 'seeds');

/** A validated record with where it came from, e.g. `data/events.yaml: events[3] (id "wannacry-2017")`. */
export interface Located<R> {
  where: string;
  record: R;
}

export interface CuratedDataset {
  files: string[];
  sources: Located<CuratedSource>[];
  entities: Located<CuratedEntity>[];
  events: Located<CuratedEvent>[];
  /** Schema violations, one line per issue; the records that failed are left out of the lists above. */
  problems: string[];
}

function validate<S extends z.ZodType>(
  file: string,
  list: string,
  raws: unknown[],
  schema: S,
  out: Located<z.infer<S>>[],
  problems: string[],
): void {
  raws.forEach((raw, index) => {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw ? ` (id ${JSON.stringify(raw.id)})` : '';
    const where = `data/${file}: ${list}[${index}]${id}`;
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.push({ where, record: parsed.data });
    else problems.push(...parsed.error.issues.map((i) => `${where}: ${i.path.join('.')}: ${i.message}`));
  });
}

/** Reads every YAML file in data/ and validates each record with the curated schemas. */
export function loadCuratedDataset(dir: string = dataDir): CuratedDataset {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const dataset: CuratedDataset = { files, sources: [], entities: [], events: [], problems: [] };
  for (const file of files) {
    const shape = curatedFileSchema.safeParse(parse(fs.readFileSync(path.join(dir, file), 'utf8')) ?? {});
    if (!shape.success) {
      dataset.problems.push(...shape.error.issues.map((i) => `data/${file}: ${i.path.join('.')}: ${i.message}`));
      continue;
    }
    validate(file, 'sources', shape.data.sources, sourceSchema, dataset.sources, dataset.problems);
    validate(file, 'entities', shape.data.entities, entitySchema, dataset.entities, dataset.problems);
    validate(file, 'events', shape.data.events, eventSchema, dataset.events, dataset.problems);
  }
  return dataset;
}

/** One fact's citation, labelled with the record and the fact it supports. */
export interface CitedFact {
  fact: string;
  citation: CuratedCitation;
}

/** Every citation in an entity: on the entity itself and on its names, designations, identifiers and relations. */
export function entityCitations(e: CuratedEntity): CitedFact[] {
  const label = `entity ${e.id}`;
  return [
    ...e.citations.map((citation) => ({ fact: label, citation })),
    ...e.names.flatMap((n) => n.citations.map((citation) => ({ fact: `${label} name "${n.name}"`, citation }))),
    ...e.designations.flatMap((d) =>
      d.citations.map((citation) => ({ fact: `${label} designation ${d.authority} ${d.program}`, citation })),
    ),
    ...e.identifiers.flatMap((i) =>
      i.citations.map((citation) => ({ fact: `${label} identifier ${i.type} ${i.value}`, citation })),
    ),
    ...e.relations.flatMap((r) =>
      r.citations.map((citation) => ({ fact: `${label} relation ${r.type} ${r.target}`, citation })),
    ),
  ];
}

/** Every citation in an event: on the event itself, its participants and its claims. */
export function eventCitations(e: CuratedEvent): CitedFact[] {
  const label = `event ${e.id}`;
  return [
    ...e.citations.map((citation) => ({ fact: label, citation })),
    ...e.participants.flatMap((p) =>
      p.citations.map((citation) => ({ fact: `${label} participant ${p.entity} (${p.role})`, citation })),
    ),
    ...e.claims.flatMap((c) => c.citations.map((citation) => ({ fact: `${label} claim "${c.topic}"`, citation }))),
  ];
}

export function allCitations(dataset: CuratedDataset): CitedFact[] {
  return [
    ...dataset.entities.flatMap(({ record }) => entityCitations(record)),
    ...dataset.events.flatMap(({ record }) => eventCitations(record)),
  ];
}

/** People and organisations the articles quote or cite as experts, reporters or victims: never flagged. */
export const QUOTED_NOT_FLAGGED = [
  'Kayla Izenman',
  'Priscilla Moriuchi',
  'Kim Byung-kee',
  'RUSI',
  'Recorded Future',
  'Group-IB',
  'FireEye',
  'Korean Development Bank',
  'Coincheck',
  'Interpark',
  'Sony Pictures',
  'Reuters',
] as const;
