/** What an API key may do: `screen` (screening and the data behind it), `review` (decisions), `admin` (everything). */
export const SCOPES = ['screen', 'review', 'admin'] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Whether a key with `scopes` may use a route needing `needed`: `admin` implies every scope, nothing else does. */
export function grants(scopes: readonly Scope[], needed: Scope): boolean {
  return scopes.includes('admin') || scopes.includes(needed);
}

/** Parses `screen,review` into scopes (deduplicated, in SCOPES order); unknown names are returned as `unknown`. */
export function parseScopes(list: string): { scopes: Scope[]; unknown: string[] } {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    scopes: SCOPES.filter((s) => names.includes(s)),
    unknown: names.filter((s) => !isScope(s)),
  };
}
