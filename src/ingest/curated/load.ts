import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Citation, DatasetBundle, EntityRecord, EventRecord, Qualifier, SourceRecord } from '../../model.js';
import { birthDate, country, uniqueQualifiers } from '../qualifiers.js';
import {
  type CuratedCitation,
  type CuratedEntity,
  type CuratedEvent,
  curatedFileSchema,
  entitySchema,
  eventSchema,
  sourceSchema,
} from './schema.js';

export const CURATED_DATASET_ID = 'curated';
const CURATED_TITLE = 'Curated DPRK crypto-sanctions exposure dataset';

/** The curated files are invalid; `problems` lists each as "file: record: field: message". */
export class CuratedDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`curated data is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.slice(0, 10).join('; ')}`);
  }
}

interface CuratedFile {
  name: string;
  text: string;
}

/** The YAML files of the curated dataset folder, in name order. */
export function readCuratedFiles(dir: string): CuratedFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => ({ name: path.join(path.basename(dir), f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** The dataset version: a hash over the files' names and contents, so any edit gives a new version. */
export function curatedVersion(files: CuratedFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update('\0').update(f.text).update('\0');
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

function describeIssues(where: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${where}: ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
}

const toCitations = (cs: CuratedCitation[]): Citation[] =>
  cs.map((c) => ({ sourceId: c.source, quote: c.quote, listEntry: c.listEntry, note: c.note }));

/** The curated countries cite the entity itself; nationalities and birth dates cite their own sources. */
function qualifiersOf(e: CuratedEntity): Qualifier[] | undefined {
  return uniqueQualifiers([
    ...(e.birthDates ?? []).map((d) => birthDate(d.value, toCitations(d.citations))),
    ...(e.nationalities ?? []).map((n) => country('nationality', n.value, toCitations(n.citations))),
    ...(e.countries ?? []).map((c) => country('country', c, toCitations(e.citations))),
  ]);
}

function toEntity(e: CuratedEntity): EntityRecord {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    status: e.status,
    summary: e.summary,
    qualifiers: qualifiersOf(e),
    citations: toCitations(e.citations),
    names: e.names.map((n) => ({ ...n, citations: toCitations(n.citations) })),
    designations: e.designations.map((d) => ({ ...d, citations: toCitations(d.citations) })),
    identifiers: e.identifiers.map((i) => ({ ...i, citations: toCitations(i.citations) })),
    relations: e.relations.map((r) => ({ type: r.type, targetId: r.target, citations: toCitations(r.citations) })),
  };
}

function toEvent(e: CuratedEvent): EventRecord {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    startDate: e.startDate,
    endDate: e.endDate ?? e.startDate,
    status: e.status,
    location: e.location,
    summary: e.summary,
    citations: toCitations(e.citations),
    participants: e.participants.map((p) => ({ entityId: p.entity, role: p.role, citations: toCitations(p.citations) })),
    claims: e.claims.map((c) => ({ ...c, citations: toCitations(c.citations) })),
  };
}

function recordLabel(file: string, list: string, index: number, record: unknown): string {
  const id = typeof record === 'object' && record !== null && 'id' in record ? ` (id ${JSON.stringify(record.id)})` : '';
  return `${file}: ${list}[${index}]${id}`;
}

interface Located<R> {
  where: string;
  record: R;
}

function validateList<S extends z.ZodType, R>(
  file: string,
  list: string,
  records: unknown[],
  schema: S,
  convert: (value: z.infer<S>) => R,
  out: Located<R>[],
  problems: string[],
): void {
  records.forEach((raw, index) => {
    const where = recordLabel(file, list, index, raw);
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.push({ where, record: convert(parsed.data) });
    else problems.push(...describeIssues(where, parsed.error));
  });
}

/**
 * Parses and validates the curated files into one dataset bundle. Every problem is collected (not just the first)
 * and reported with its file, record and field; references between records are checked.
 */
export function parseCuratedFiles(files: CuratedFile[]): DatasetBundle {
  if (files.length === 0) throw new CuratedDataError(['no *.yaml files found: the curated dataset is empty']);
  const problems: string[] = [];
  const sources: Located<SourceRecord>[] = [];
  const entities: Located<EntityRecord>[] = [];
  const events: Located<EventRecord>[] = [];

  for (const file of files) {
    const doc = parseDocument(file.text, { prettyErrors: false });
    if (doc.errors.length > 0) {
      problems.push(...doc.errors.map((e) => `${file.name}: YAML syntax: ${e.message.split('\n')[0]}`));
      continue;
    }
    const shape = curatedFileSchema.safeParse(doc.toJS() ?? {});
    if (!shape.success) {
      problems.push(...describeIssues(file.name, shape.error));
      continue;
    }
    const { sources: rawSources, entities: rawEntities, events: rawEvents } = shape.data;
    validateList(file.name, 'sources', rawSources, sourceSchema, (r) => r, sources, problems);
    validateList(file.name, 'entities', rawEntities, entitySchema, toEntity, entities, problems);
    validateList(file.name, 'events', rawEvents, eventSchema, toEvent, events, problems);
  }

  problems.push(...checkReferences(sources, entities, events));
  if (problems.length === 0 && entities.length === 0) problems.push('the curated dataset has no entities');
  if (problems.length > 0) throw new CuratedDataError(problems);
  return {
    id: CURATED_DATASET_ID,
    title: CURATED_TITLE,
    version: curatedVersion(files),
    sources: sources.map((s) => s.record),
    entities: entities.map((e) => e.record),
    events: events.map((e) => e.record),
  };
}

function duplicates(kind: string, items: Located<{ id: string }>[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { where, record } of items) {
    const first = seen.get(record.id);
    if (first) problems.push(`${where}: id: duplicate ${kind} id, first defined at ${first}`);
    else seen.set(record.id, where);
  }
  return problems;
}

function checkReferences(
  sources: Located<SourceRecord>[],
  entities: Located<EntityRecord>[],
  events: Located<EventRecord>[],
): string[] {
  const problems = [
    ...duplicates('source', sources),
    ...duplicates('entity', entities),
    ...duplicates('event', events),
  ];
  const sourceIds = new Set(sources.map((s) => s.record.id));
  const entityIds = new Set(entities.map((e) => e.record.id));
  const checkCitations = (where: string, field: string, cs: Citation[]) => {
    cs.forEach((c, i) => {
      if (!sourceIds.has(c.sourceId)) problems.push(`${where}: ${field}citations.${i}.source: unknown source "${c.sourceId}"`);
    });
  };
  for (const { where, record: e } of entities) {
    checkCitations(where, '', e.citations);
    e.names.forEach((n, i) => checkCitations(where, `names.${i}.`, n.citations));
    e.designations.forEach((d, i) => checkCitations(where, `designations.${i}.`, d.citations));
    e.identifiers.forEach((d, i) => checkCitations(where, `identifiers.${i}.`, d.citations));
    e.relations.forEach((r, i) => {
      checkCitations(where, `relations.${i}.`, r.citations);
      if (!entityIds.has(r.targetId)) problems.push(`${where}: relations.${i}.target: unknown entity "${r.targetId}"`);
    });
  }
  for (const { where, record: e } of events) {
    checkCitations(where, '', e.citations);
    e.claims.forEach((c, i) => checkCitations(where, `claims.${i}.`, c.citations));
    e.participants.forEach((p, i) => {
      checkCitations(where, `participants.${i}.`, p.citations);
      if (!entityIds.has(p.entityId)) problems.push(`${where}: participants.${i}.entity: unknown entity "${p.entityId}"`);
    });
  }
  return problems;
}

/** Reads, validates and returns the curated dataset in `dir`. */
export function loadCuratedDataset(dir: string): DatasetBundle {
  return parseCuratedFiles(readCuratedFiles(dir));
}
