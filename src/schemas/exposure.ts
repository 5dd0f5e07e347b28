import { z } from 'zod';
import { citationSchema, designationSchema, entityStatusSchema, entitySummarySchema, named } from './common.js';

const designationStep = designationSchema.extend({ kind: z.literal('designation') }).describe('The designation that ends a path.');

const relationStep = z
  .object({
    kind: z.literal('relation'),
    type: z.string().describe('As stated: `from` is `type` of `to` (`associated_with`, `controlled_by`…); after an event step, the role `from` had in that event (`host`, `organizer`).'),
    from: entitySummarySchema,
    to: entitySummarySchema,
    citations: z.array(citationSchema),
  })
  .describe('A cited relation between two parties, in the direction the fact is stated.');

const eventStep = z
  .object({
    kind: z.literal('event'),
    event: z.object({ id: z.string(), title: z.string(), startDate: z.string(), endDate: z.string() }),
    role: z.string().describe('The role of the party before this step in the event (`speaker`, `organizer`…).'),
    citations: z.array(citationSchema),
  })
  .describe('An event the party before took part in; the relation step after it ties the event to its host or organiser.');

export const exposurePathSchema = named(
  'ExposurePath',
  z.object({
    steps: z
      .array(z.discriminatedUnion('kind', [designationStep, relationStep, eventStep]))
      .describe('From the party to a designated party, ending at that party’s designation.'),
  }),
);

export const exposureSchema = named(
  'Exposure',
  z
    .object({
      status: entityStatusSchema,
      paths: z.array(exposurePathSchema).describe('Shortest first, at most 10; a designated party’s are its own designations.'),
    })
    .describe('Why the party has its status: every chain of cited facts from it to a designation, of up to three links.'),
);
