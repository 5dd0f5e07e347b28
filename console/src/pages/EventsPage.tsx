import { useEffect, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem, problemByControl } from '../api.js';
import { Citations } from '../components/Citations.js';
import { Field, describedBy } from '../components/Field.js';
import { Link, useTitle } from '../router.js';

interface Filter {
  from: string;
  to: string;
  kind: string;
  entity: string;
}

const present = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The events timeline, filtered by period, kind and party; each event with its participants and citations. */
export function EventsPage() {
  useTitle('Events');
  const [draft, setDraft] = useState<Filter>({ from: '', to: '', kind: '', entity: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const [events, setEvents] = useState<Schemas['Event'][] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (field: keyof Filter) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: event.currentTarget.value });

  useEffect(() => {
    const query = { from: present(filter.from), to: present(filter.to), kind: present(filter.kind), entity: present(filter.entity), limit: 200 };
    void api.GET('/v1/events', { params: { query } }).then(({ data, error, response }) => {
      setEvents(data?.events ?? null);
      setProblem(data ? null : asProblem(error, response.status));
    });
  }, [filter]);

  const { errors, unplaced } = problemByControl(problem, {
    from: 'querystring.from',
    to: 'querystring.to',
    kind: 'querystring.kind',
    entity: 'querystring.entity',
  });
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <form class="filters" noValidate onSubmit={(e) => { e.preventDefault(); setFilter(draft); }}>
        <Field id="events-from" label="From" error={errors.from}>
          <input id="events-from" value={draft.from} onInput={set('from')} placeholder="YYYY, YYYY-MM or YYYY-MM-DD" {...describedBy('events-from', errors.from)} />
        </Field>
        <Field id="events-to" label="To" error={errors.to}>
          <input id="events-to" value={draft.to} onInput={set('to')} placeholder="YYYY, YYYY-MM or YYYY-MM-DD" {...describedBy('events-to', errors.to)} />
        </Field>
        <Field id="events-kind" label="Event kind" error={errors.kind}>
          <input id="events-kind" value={draft.kind} onInput={set('kind')} placeholder="conference, hack…" {...describedBy('events-kind', errors.kind)} />
        </Field>
        <Field id="events-party" label="Party id" error={errors.entity}>
          <input id="events-party" value={draft.entity} onInput={set('entity')} placeholder="virgil-griffith" {...describedBy('events-party', errors.entity)} />
        </Field>
        <div class="actions"><button type="submit">Show events</button></div>
        {unplaced && <p class="problem" role="alert">{unplaced}</p>}
      </form>
      {events && events.length === 0 && <p role="status">No event in this period.</p>}
      {events && (
        <ol class="timeline">
          {events.map((e) => (
            <li key={e.id}>
              <article aria-labelledby={`event-${e.id}`}>
                <h2 id={`event-${e.id}`}>{e.title}</h2>
                <p><time>{e.startDate}{e.endDate !== e.startDate && ` – ${e.endDate}`}</time> · {e.kind} · {e.status}{e.location && ` · ${e.location}`}</p>
                {e.summary && <p>{e.summary}</p>}
                {e.participants.length > 0 && (
                  <>
                    <h3>Participants</h3>
                    <ul>
                      {e.participants.map((p, i) => (
                        <li key={i}>
                          <Link href={`/console/entities/${encodeURIComponent(p.entity.id)}`}>{p.entity.name}</Link> ({p.role}, {p.entity.status})
                          <Citations citations={p.citations} />
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <h3>Citations</h3>
                <Citations citations={e.citations} />
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
