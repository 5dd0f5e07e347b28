import { z } from 'zod';
import { IDENTIFIER_TYPES, imoCheckDigitValid, readBirthDates, readCountry, readImoNumber } from '../matching/index.js';

/**
 * The identity qualifiers a screening takes beside the name, validated at the edge: a value that cannot be read is a
 * 400 naming its field, never silently dropped (a dropped birth date would screen a customer by name alone).
 */

const STRICT_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date (HTTP JSON), or in CSV files also `13.10.1944`, `19441013`, `January 12, 1956`. */
export function birthDateField(forms: 'strict' | 'loose') {
  const described = forms === 'strict'
    ? 'The customer’s birth date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, compared at the precision both sides have.'
    : 'The customer’s birth date, as customer files write it.';
  return z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((s) => (forms === 'loose' || STRICT_DATE.test(s)) && readBirthDates(s) !== undefined, {
      message: forms === 'strict' ? 'not a date: write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`' : 'not a date this service can read',
    })
    .optional()
    .describe(described);
}

const countryField = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((s) => readCountry(s) !== 'unknown', { message: 'not a country: give an ISO 3166-1 code (`KP`, `PRK`) or its name' })
    .optional()
    .describe(
      `${what}: ISO 3166-1 alpha-2 or alpha-3, or a name as people write it (\`North Korea\`, \`DPRK\`, \`Korea, North\` → KP; ` +
        '`South Korea`, `Republic of Korea` → KR), any case. A bare `Korea` is accepted and counts as neither.',
    );

export const genderField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['male', 'female', 'other']))
  .optional()
  .describe('`male`, `female` or `other`, any case.');

export const identifierSchema = z
  .object({
    type: z.enum(IDENTIFIER_TYPES).describe(
      'The document’s type. Listed documents are stored under the lists’ own names and compared as: `passport` ' +
        '(also `diplomatic_passport`), `national_id` (National ID No., Personal ID Card, National identification), ' +
        '`tax_id`, `registration` (a `vessel_registration` printed with an IMO prefix counts as `imo`), `imo`, `mmsi`, ' +
        '`swift_bic`, `other`.',
    ),
    number: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('Compared after removing spaces, dots and dashes and upper-casing (`PS 472-220.097` = `PS472220097`).'),
    country: countryField('The issuing country'),
  })
  .strict()
  .refine((i) => i.type !== 'imo' || readImoNumber(i.number) !== undefined, {
    message: 'an IMO number is seven digits, with or without the `IMO` prefix',
    path: ['number'],
  });

export type IdentifierInput = z.infer<typeof identifierSchema>;

/** The qualifier fields of a screening request (JSON: strict dates; CSV and CLI: the looser forms too). */
export function identityFields(forms: 'strict' | 'loose') {
  return {
    birthDate: birthDateField(forms),
    nationality: countryField('The customer’s nationality'),
    country: countryField('The customer’s country of residence, or of registration for an organisation or vessel'),
    gender: genderField,
    identifiers: z
      .array(identifierSchema)
      .max(20)
      .optional()
      .describe('Identity documents. Alone (without a name) they are a screening of their own: a listed number is a `match`.'),
  };
}

/**
 * A vessel's IMO number ends in a check digit (the first six digits × 7…2, mod 10); a wrong one is a typo, reported
 * rather than screened. Company IMO numbers, which OFAC prints too, follow another scheme: only a vessel's is checked.
 */
export function vesselImoIssues(q: { kind?: string | undefined; identifiers?: readonly IdentifierInput[] | undefined }, ctx: z.RefinementCtx): void {
  if (q.kind !== 'vessel') return;
  (q.identifiers ?? []).forEach((identifier, i) => {
    const imo = identifier.type === 'imo' ? readImoNumber(identifier.number) : undefined;
    if (imo !== undefined && !imoCheckDigitValid(imo)) {
      ctx.addIssue({ code: 'custom', path: ['identifiers', i, 'number'], message: `${imo} is not a ship's IMO number: its check digit is wrong` });
    }
  });
}

/** Whether a query names something to screen: a name, an address, or at least one identity document. */
export const hasSubject = (q: { name?: string | undefined; address?: string | undefined; identifiers?: readonly unknown[] | undefined }) =>
  q.name !== undefined || q.address !== undefined || (q.identifiers?.length ?? 0) > 0;

export const NO_SUBJECT = 'give a `name`, an `address`, `identifiers`, or several';
