import { problemResponse, problemResponses } from './common.js';

/** Response headers in the shape @fastify/swagger reads: a JSON schema per header, with its description. */
const RETRY_AFTER = {
  'Retry-After': { type: 'integer', minimum: 1, description: 'Seconds to wait before trying again.' },
};

/** A problem response that says when to try again. */
const retryLater = (description: string) => ({ ...problemResponse(description), headers: RETRY_AFTER });

/** The error responses of an operation that screens: every route's, and those of the limits on screening work. */
export const screeningProblemResponses = {
  ...problemResponses,
  429: retryLater(
    'Too many requests for this key, or more queries than are left of its query budget: wait for `Retry-After` seconds.',
  ),
  503: retryLater(
    'Nothing was screened or recorded, for one of three reasons given by `type`: `/problems/overloaded`, the service ' +
      'already runs as many screening requests as it may at once (`MAX_SCREENINGS_IN_FLIGHT`; retry after `Retry-After` ' +
      'seconds); `/problems/not-ready`, no dataset is loaded, so the service fails closed instead of answering `clear`; ' +
      '`/problems/storage-unavailable`, the database cannot be written, so the screening could not be recorded.',
  ),
};
