import { z } from 'zod';
import { isPartialDate } from '../../dates.js';
import { readBirthDate, readCountry } from '../../matching/index.js';
import { ENTITY_KINDS, ENTITY_STATUSES, EVENT_STATUSES, NAME_TYPES, RELATION_TYPES } from '../../model.js';

/**
 * The human-editable format of the curated dataset: every `*.yaml` file in `data/` holds any of the
 * top-level lists `sources`, `entities` and `events`. See data/README.md.
 */

// YAML reads an unquoted `2019` as a number; accept it and keep the text.
const partialDate = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine(isPartialDate, { message: 'must be a real date written YYYY, YYYY-MM or YYYY-MM-DD' });

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"');

const text = z.string().trim().min(1);

export const citationSchema = z
  .object({
    source: id,
    quote: text.optional(),
    listEntry: z.union([text, z.number().int()]).transform(String).optional(),
    note: text.optional(),
  })
  .strict()
  .refine((c) => (c.quote === undefined) !== (c.listEntry === undefined), {
    message: 'a citation needs exactly one of `quote` (verbatim text from the source) or `listEntry`',
  });

const citations = z.array(citationSchema).min(1, 'at least one citation is required');

const nameSchema = z
  .object({
    name: text,
    type: z.enum(NAME_TYPES).default('alias'),
    script: text.optional(),
    lang: text.optional(),
    citations,
  })
  .strict();

const designationSchema = z
  .object({
    authority: text,
    list: text,
    program: text,
    listRef: z.union([text, z.number().int()]).transform(String).optional(),
    listedOn: partialDate.optional(),
    citations,
  })
  .strict();

const identifierSchema = z
  .object({
    type: text,
    value: text,
    chain: text.optional(),
    country: text.optional(),
    citations,
  })
  .strict();

const relationSchema = z
  .object({
    type: z.enum(RELATION_TYPES),
    target: id,
    citations,
  })
  .strict();

/** A nationality as its ISO 3166-1 alpha-2 code or a name the country reader knows (`KP`, `North Korea`). */
const countryValue = text.refine((v) => typeof readCountry(v) === 'object', { message: 'must be a country code or name, not ambiguous' });

/** A birth date as the lists print one: `1964-02-01`, `1964`, `circa 1964`, `1962 to 1964`. */
const birthDateValue = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .refine((v) => readBirthDate(v) !== undefined, { message: 'must be a date (YYYY, YYYY-MM, YYYY-MM-DD), "circa YYYY" or "YYYY to YYYY"' });

const citedValue = <T extends z.ZodType<string>>(value: T) => z.object({ value, citations }).strict();

export const entitySchema = z
  .object({
    id,
    kind: z.enum(ENTITY_KINDS),
    name: text,
    status: z.enum(ENTITY_STATUSES),
    summary: text.optional(),
    countries: z.array(countryValue).optional(),
    nationalities: z.array(citedValue(countryValue)).optional(),
    birthDates: z.array(citedValue(birthDateValue)).optional(),
    citations,
    names: z.array(nameSchema).default([]),
    designations: z.array(designationSchema).default([]),
    identifiers: z.array(identifierSchema).default([]),
    relations: z.array(relationSchema).default([]),
  })
  .strict();

const participantSchema = z
  .object({
    entity: id,
    role: text,
    citations,
  })
  .strict();

const claimSchema = z
  .object({
    topic: text,
    statement: text,
    bestSupported: z.boolean().default(false),
    citations,
  })
  .strict();

export const eventSchema = z
  .object({
    id,
    kind: text,
    title: text,
    startDate: partialDate,
    endDate: partialDate.optional(),
    status: z.enum(EVENT_STATUSES),
    location: text.optional(),
    summary: text.optional(),
    citations,
    participants: z.array(participantSchema).default([]),
    claims: z.array(claimSchema).default([]),
  })
  .strict()
  .refine((e) => e.endDate === undefined || e.endDate >= e.startDate.slice(0, e.endDate.length), {
    message: 'endDate must not be before startDate',
    path: ['endDate'],
  });

export const sourceSchema = z
  .object({
    id,
    kind: text,
    title: text,
    publisher: text.optional(),
    author: text.optional(),
    publishedAt: partialDate.optional(),
    publishedAtNote: text.optional(),
    url: z.url().optional(),
    documentFile: z
      .string()
      .regex(/^[\w.-]+$/, 'must be a plain file name')
      .optional(),
  })
  .strict();

export const curatedFileSchema = z
  .object({
    sources: z.array(z.unknown()).default([]),
    entities: z.array(z.unknown()).default([]),
    events: z.array(z.unknown()).default([]),
  })
  .strict();

export type CuratedEntity = z.infer<typeof entitySchema>;
export type CuratedEvent = z.infer<typeof eventSchema>;
export type CuratedSource = z.infer<typeof sourceSchema>;
export type CuratedCitation = z.infer<typeof citationSchema>;
