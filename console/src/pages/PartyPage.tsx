import { useEffect, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem } from '../api.js';
import { Citations } from '../components/Citations.js';
import { Designations } from '../components/Designations.js';
import { ExposurePaths } from '../components/ExposurePaths.js';
import { IdentityFacts } from '../components/IdentityFacts.js';
import { Link, useTitle } from '../router.js';

type Entity = Schemas['EntityDetail'];
const words = (s: string) => s.replaceAll('_', ' ');

function NamesByScript(props: { names: Entity['names'] }) {
  const byScript = new Map<string, Entity['names']>();
  for (const n of props.names) byScript.set(n.script ?? 'Latin', [...(byScript.get(n.script ?? 'Latin') ?? []), n]);
  return (
    <dl>
      {[...byScript].map(([script, names]) => (
        <div key={script}>
          <dt>{script}</dt>
          {names.map((n, i) => (
            <dd key={i} lang={n.lang ?? undefined}>
              {n.name} <span class="muted">({words(n.type)})</span>
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}

/** One party: its names by script, birth dates, nationalities, countries and gender, designations per list, relations, exposure paths, events and citations. */
export function PartyPage(props: { id: string }) {
  const [entity, setEntity] = useState<Entity | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useTitle(entity ? entity.name : 'Party');

  useEffect(() => {
    void api.GET('/v1/entities/{id}', { params: { path: { id: props.id } } }).then(({ data, error, response }) => {
      setEntity(data ?? null);
      setProblem(data ? null : asProblem(error, response.status));
    });
  }, [props.id]);

  if (problem) return <section><h1>Party</h1><p class="problem" role="alert">{problem.detail ?? problem.title}</p></section>;
  if (!entity) return <section><h1>Party</h1><p role="status">Loading…</p></section>;
  return (
    <section aria-labelledby="party-title">
      <h1 id="party-title">{entity.name}</h1>
      <p>{entity.kind} · {entity.status} · {entity.datasetId}{entity.sameAs.length > 0 && ` · also ${entity.sameAs.map((s) => `${s.name} (${s.datasetId})`).join(', ')}`}</p>
      {entity.summary && <p>{entity.summary}</p>}
      <h2>Names</h2>
      <NamesByScript names={entity.names} />
      <h2>Identity</h2>
      <IdentityFacts entity={entity} />
      <h2>Designations</h2>
      <Designations designations={entity.designations} />
      <h2>Exposure</h2>
      <ExposurePaths exposure={entity.exposure} />
      <h2>Relations</h2>
      {entity.relations.length === 0 ? <p>No relation.</p> : (
        <ul>
          {entity.relations.map((r, i) => (
            <li key={i}>
              {r.direction === 'outgoing' ? <>{words(r.type)} <Link href={`/console/entities/${encodeURIComponent(r.entity.id)}`}>{r.entity.name}</Link></> : <><Link href={`/console/entities/${encodeURIComponent(r.entity.id)}`}>{r.entity.name}</Link> is {words(r.type)} this party</>}
              <Citations citations={r.citations} />
            </li>
          ))}
        </ul>
      )}
      <h2>Events</h2>
      {entity.events.length === 0 ? <p>No event.</p> : (
        <ol class="timeline">
          {entity.events.map((e, i) => (
            <li key={i}>
              <time>{e.event.startDate}{e.event.endDate !== e.event.startDate && ` – ${e.event.endDate}`}</time> {e.event.title} ({words(e.role)}, {e.event.status})
              <Citations citations={e.citations} />
            </li>
          ))}
        </ol>
      )}
      <h2>Citations</h2>
      <Citations citations={entity.citations} />
    </section>
  );
}
