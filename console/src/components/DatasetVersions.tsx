import { useEffect, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem } from '../api.js';

type Version = Schemas['DatasetVersion'];
type Changes = Schemas['DatasetChanges'];
const CHANGES_SHOWN = 50;

const summaryText = (c: { added: number; removed: number; changed: number }) => `${c.added} added, ${c.removed} removed, ${c.changed} changed`;

/** A version's changes from the one it replaced: party by party, each with the lines of its fields added and removed. */
function VersionChanges(props: { dataset: string; version: string }) {
  const [changes, setChanges] = useState<Changes | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    const query = { to: props.version, limit: CHANGES_SHOWN };
    void api.GET('/v1/datasets/{id}/changes', { params: { path: { id: props.dataset }, query } }).then(({ data, error, response }) => {
      // The contract also allows the CSV answer (a string); asked for JSON, only an object is one.
      const json = typeof data === 'object' ? data : null;
      setChanges(json);
      setProblem(json ? null : asProblem(error, response.status));
    });
  }, [props.dataset, props.version]);
  if (problem) return <p class="problem" role="alert">{problem.detail ?? problem.title}</p>;
  if (!changes) return <p role="status">Loading changes…</p>;
  const more = changes.nextCursor !== null;
  return (
    <div class="changes">
      <p role="status">
        {changes.from ? `Since ${changes.from.version}` : 'First version'}: {summaryText(changes.summary)}
        {more && ` (the first ${CHANGES_SHOWN} shown; GET /v1/datasets/${props.dataset}/changes?format=csv has every one)`}
      </p>
      <ul>
        {changes.changes.map((c) => (
          <li key={c.entityId}>
            <strong>{c.change}</strong> {c.name} <span class="muted">({c.entityId})</span>
            {c.fields && (
              <ul>
                {Object.entries(c.fields).flatMap(([field, lines]) => [
                  ...lines.added.map((line) => <li key={`+${field}${line}`}>{field} added: {line}</li>),
                  ...lines.removed.map((line) => <li key={`-${field}${line}`}>{field} removed: {line}</li>),
                ])}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The versions of one dataset, newest first, each with what it changed; a kept version's changes open on demand. */
export function DatasetVersions(props: { dataset: Schemas['Dataset'] }) {
  const { id, title } = props.dataset;
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    void api.GET('/v1/datasets/{id}/versions', { params: { path: { id }, query: { limit: 10 } } }).then(({ data, error, response }) => {
      setVersions(data?.versions ?? null);
      setProblem(data ? null : asProblem(error, response.status));
    });
  }, [id]);
  const headingId = `versions-${id}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Versions of {title}</h2>
      {problem && <p class="problem" role="alert">{problem.detail ?? problem.title}</p>}
      {versions && versions.length === 0 && <p>No version recorded.</p>}
      {versions && versions.length > 0 && (
        <table>
          <caption>The latest versions of {id}, newest first</caption>
          <thead>
            <tr><th scope="col">Version</th><th scope="col">List date</th><th scope="col">Imported</th><th scope="col">Changes</th><th scope="col">Details</th></tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row"><code>{v.version}</code>{v.serving && ' (serving)'}</th>
                <td>{v.listDate ?? '—'}</td>
                <td>{v.importedAt.replace('T', ' ').slice(0, 19)} UTC</td>
                <td>{v.changes ? summaryText(v.changes) : '—'}</td>
                <td>
                  {v.partiesKept ? (
                    <button type="button" aria-expanded={open === v.version} onClick={() => setOpen(open === v.version ? null : v.version)}>
                      {open === v.version ? 'Hide changes' : 'Show changes'}
                      <span class="visually-hidden"> of {id} {v.version}</span>
                    </button>
                  ) : 'parties no longer kept'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <VersionChanges dataset={id} version={open} />}
    </section>
  );
}
