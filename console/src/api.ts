import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/api.js';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

const KEY_STORAGE = 'screening-console.api-key';
const REVIEWER_STORAGE = 'screening-console.reviewer';

/** The API key lives in this tab's sessionStorage only: closing the tab forgets it. */
export const session = {
  key: () => sessionStorage.getItem(KEY_STORAGE),
  setKey: (key: string) => sessionStorage.setItem(KEY_STORAGE, key),
  forgetKey: () => sessionStorage.removeItem(KEY_STORAGE),
  reviewer: () => sessionStorage.getItem(REVIEWER_STORAGE) ?? '',
  setReviewer: (name: string) => sessionStorage.setItem(REVIEWER_STORAGE, name),
};

const bearer: Middleware = {
  onRequest({ request }) {
    const key = session.key();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
};

/** The API, typed from openapi/openapi.json: a changed contract fails the console's type-check. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearer);

/** An answer that is not a success, as the problem the API sent (or one said in its place when it sent none). */
export function asProblem(error: unknown, status: number): Problem {
  if (typeof error === 'object' && error !== null && 'title' in error && 'status' in error) return error as Problem;
  return { type: 'about:blank', title: 'Request failed', status, detail: `The service answered ${status}.` };
}

/** The message of a problem for one form field (`body.name`), if the API named it. */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  return problem?.errors?.find((e) => e.field === field)?.message;
}

/**
 * A problem's messages for a form's controls (control → the API's field name), and its detail when it names none of
 * them, to show above the form instead.
 */
export function problemByControl<C extends string>(problem: Problem | null, fields: Record<C, string>) {
  const errors = Object.fromEntries(Object.entries<string>(fields).map(([control, field]) => [control, fieldError(problem, field)])) as Record<C, string | undefined>;
  const unplaced = problem && !Object.values(errors).some(Boolean) ? problem.detail ?? problem.title : undefined;
  return { errors, unplaced };
}

/**
 * Sends a CSV to the batch endpoint and returns the CSV answer. Not through the typed client: the OpenAPI document
 * gives the CSV body the JSON request's schema, so openapi-fetch would type this text as an object.
 */
export async function postBatchCsv(csv: string): Promise<{ csv: string } | { problem: Problem }> {
  const key = session.key();
  const response = await fetch('/v1/screen/batch', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: csv,
  });
  if (response.ok) return { csv: await response.text() };
  const body: unknown = await response.json().catch(() => null);
  return { problem: asProblem(body, response.status) };
}
