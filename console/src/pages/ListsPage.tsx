import { useEffect, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem } from '../api.js';
import { useTitle } from '../router.js';

const DAY_MS = 86_400_000;

/** Whole days from a date (`YYYY-MM-DD`) to now. */
export const ageInDays = (date: string, now: Date) => Math.floor((now.getTime() - Date.parse(`${date.slice(0, 10)}T00:00:00Z`)) / DAY_MS);

/** Each dataset loaded: its version, list date and age, when it was last loaded, and what it holds. */
const utc = (at: string) => `${at.replace('T', ' ').slice(0, 19)} UTC`;

/** When the list was last checked or loaded, and how that went (a list with a configured source is refreshed). */
function lastRefresh(d: { status: string; lastSuccessAt: string | null; loadedAt: string | null; lastError: string | null; stale: boolean }): string {
  const when = d.lastSuccessAt ?? d.loadedAt;
  const state = d.status === 'unscheduled' ? 'loaded' : d.status;
  const parts = [when ? `${state} ${utc(when)}` : state];
  if (d.stale) parts.push('stale');
  if (d.lastError) parts.push(`last error: ${d.lastError}`);
  return parts.join(' · ');
}

export function ListsPage() {
  useTitle('Lists');
  const [datasets, setDatasets] = useState<Schemas['Dataset'][] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void api.GET('/v1/datasets').then(({ data, error, response }) => {
      setDatasets(data?.datasets ?? null);
      setProblem(data ? null : asProblem(error, response.status));
    });
  }, []);
  const now = new Date();
  return (
    <section aria-labelledby="lists-title">
      <h1 id="lists-title">Lists</h1>
      {problem && <p class="problem" role="alert">{problem.detail ?? problem.title}</p>}
      {datasets && (
        <table>
          <caption>Datasets loaded (the changes of each new list version will show here once the service reports them)</caption>
          <thead>
            <tr><th scope="col">Dataset</th><th scope="col">Version</th><th scope="col">List date</th><th scope="col">Age</th><th scope="col">Last refresh</th><th scope="col">Records</th></tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.title} ({d.id})</th>
                <td>{d.version ? <code>{d.version}</code> : 'not loaded yet'}</td>
                <td>{d.listDate ?? '—'}</td>
                <td>{d.listDate ? `${ageInDays(d.listDate, now)} days` : '—'}</td>
                <td>{lastRefresh(d)}</td>
                <td>{d.counts ? Object.entries(d.counts).map(([k, n]) => `${n} ${k}`).join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
