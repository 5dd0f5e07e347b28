import { z } from 'zod';
import { EVENT_STATUSES } from '../model.js';
import { citationSchema, cursorSchema, entitySummarySchema, limitSchema, named } from './common.js';
import { calendarDates, periodQueryParameters } from './periods.js';

export const eventListQuerySchema = periodQueryParameters(
  calendarDates,
  {
    from: 'Start of the period, inclusive (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): `2019-04` starts on 1 April 2019.',
    to: 'End of the period, inclusive (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): `2019-04` takes in the whole of April 2019.',
  },
  {
    kind: z.string().min(1).max(50).optional().describe('Event kind, e.g. `hack`, `conference`, `report`.'),
    entity: z.string().min(1).max(200).optional().describe('Only events this entity id took part in.'),
    limit: limitSchema(200, 50),
    cursor: cursorSchema,
  },
);

export const eventSchema = named(
  'Event',
  z.object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    startDate: z.string().describe('Partial date; the event starts on the first day it denotes.'),
    endDate: z.string().describe('Partial date; the event ends on the last day it denotes.'),
    datePrecision: z.enum(['day', 'month', 'year']),
    status: z.enum(EVENT_STATUSES),
    location: z.string().nullable(),
    summary: z.string().nullable(),
    participants: z.array(z.object({ entity: entitySummarySchema, role: z.string(), citations: z.array(citationSchema) })),
    claims: z
      .array(
        z.object({
          topic: z.string(),
          statement: z.string(),
          bestSupported: z.boolean(),
          citations: z.array(citationSchema),
        }),
      )
      .describe('Facts the sources disagree on, each with its own evidence.'),
    citations: z.array(citationSchema),
  }),
);

export const eventListSchema = named(
  'EventList',
  z.object({ events: z.array(eventSchema), nextCursor: z.string().nullable() }),
);
