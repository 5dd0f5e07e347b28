import { useEffect, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem } from '../api.js';
import { DatasetVersions } from '../components/DatasetVersions.js';
import { useTitle } from '../router.js';

const DAY_MS = 86_400_000;

/** Whole days from a date (`YYYY-MM-DD`) to now. */
export const ageInDays = (date: string, now: Date) => Math.floor((now.getTime() - Date.parse(`${date.slice(0, 10)}T00:00:00Z`)) / DAY_MS);

const utc = (at: string) => `${at.replace('T', ' ').slice(0, 19)} UTC`;

/**
 * When the list was last checked and last loaded, and how that went (a list with a configured source is refreshed;
 * a check that fails keeps the last good version serving, so both instants matter).
 */
function lastRefresh(d: Schemas['Dataset']): string {
  const state = d.status === 'unscheduled' ? 'loaded' : d.status;
  const success = d.lastSuccessAt ?? d.loadedAt;
  const parts = [success ? `${state} ${utc(success)}` : state];
  if (d.lastCheckedAt && d.lastCheckedAt !== d.lastSuccessAt) parts.push(`last checked ${utc(d.lastCheckedAt)}`);
  if (d.stale) parts.push('stale');
  if (d.lastError) parts.push(`last error: ${d.lastError}`);
  return parts.join(' · ');
}

/** Each dataset loaded: its version, list date and age, its last refresh, what it holds, and each version's changes. */
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
          <caption>Datasets loaded</caption>
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
      {datasets?.filter((d) => d.version !== null).map((d) => <DatasetVersions key={d.id} dataset={d} />)}
    </section>
  );
}
