import { z } from 'zod';
import { parseAddress } from '../addresses/index.js';
import { addressSubject, identitySubject } from './decisions.js';
import { type IdentifierInput, identifierSchema } from './identity-input.js';

/**
 * The subject of a queued match, as POST /v1/decisions takes it: `name` (with the `birthDate` and `nationality` it
 * was screened with), `identifiers` screened without a name, or `address` with its `chain`.
 */
export type QueuedSubject =
  | { name: string; birthDate?: string; nationality?: string }
  | { identifiers: IdentifierInput[] }
  | { address: string; chain?: string };

// What the queue reads of a recorded screening's request or a monitor's subject (every version of either carries these).
export const recordedRequest = z.object({
  name: z.string().optional(),
  address: z.string().optional(),
  chain: z.string().optional(),
  birthDate: z.string().optional(),
  nationality: z.string().optional(),
  identifiers: z.array(identifierSchema).optional(),
});

function identityOf(request: z.infer<typeof recordedRequest>): { subject: QueuedSubject; key: string } | null {
  const key = identitySubject(request);
  if (key === null) return null;
  const { name, birthDate, nationality, identifiers = [] } = request;
  if (name === undefined) return { subject: { identifiers }, key };
  return { subject: { name, ...(birthDate === undefined ? {} : { birthDate }), ...(nationality === undefined ? {} : { nationality }) }, key };
}

/** The subject a match on the `name` or the `address` of a request is decided on, and its normalised key. */
export function subjectOf(request: z.infer<typeof recordedRequest>, kind: 'name' | 'address'): { subject: QueuedSubject; key: string } | null {
  if (kind === 'name') return identityOf(request);
  if (request.address === undefined) return null;
  let canonical: string;
  try {
    canonical = parseAddress(request.address, request.chain).canonical;
  } catch {
    // Recorded screenings were answered, so their address parsed then; one that no longer parses cannot be decided.
    return null;
  }
  const subject = request.chain === undefined ? { address: request.address } : { address: request.address, chain: request.chain };
  return { subject, key: addressSubject(canonical) };
}

