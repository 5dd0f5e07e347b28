import { z } from 'zod';
import { hasNameTokens } from '../matching/index.js';

/**
 * A name as screenings and decisions take it: trimmed, 1–300 characters, with a letter or digit the matcher can
 * compare. Punctuation or emoji alone would screen as an empty name, come back `clear` and be recorded so.
 */
export const nameInputSchema = z
  .string()
  .trim()
  .min(1, { message: 'the name is blank', abort: true })
  .max(300, { message: 'the name is longer than 300 characters', abort: true })
  .refine(hasNameTokens, { message: 'the name has no letters or digits to screen' });
