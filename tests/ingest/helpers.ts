import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { BirthDatePrecision, Citation, Qualifier, QualifierField } from '../../src/model.js';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/lists/${name}`, import.meta.url));

export const fromText = (text: string | Buffer): Readable => Readable.from([Buffer.from(text)]);

/** The citation every fact of a list entry carries. */
export const citing = (sourceId: string) => (listEntry: string, note?: string): Citation[] =>
  note === undefined ? [{ sourceId, listEntry }] : [{ sourceId, listEntry, note }];

/** The typed values of one qualifier field of a record (`1944-10-13`, `KP`, …), in the order read. */
export const valuesOf = (e: { qualifiers?: Qualifier[] | undefined } | undefined, field: QualifierField): (string | undefined)[] =>
  (e?.qualifiers ?? []).filter((q) => q.field === field).map((q) => q.value);

/** One qualifier as an importer yields it; `precision` for birth dates. */
export const qualifier = (
  field: QualifierField,
  value: string | undefined,
  printed: string,
  citations: Citation[],
  precision?: BirthDatePrecision,
): Qualifier => ({ field, ...(value === undefined ? {} : { value }), ...(precision === undefined ? {} : { precision }), printed, citations });
