import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Citation } from '../../src/model.js';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/lists/${name}`, import.meta.url));

export const fromText = (text: string | Buffer): Readable => Readable.from([Buffer.from(text)]);

/** The citation every fact of a list entry carries. */
export const citing = (sourceId: string) => (listEntry: string, note?: string): Citation[] =>
  note === undefined ? [{ sourceId, listEntry }] : [{ sourceId, listEntry, note }];
