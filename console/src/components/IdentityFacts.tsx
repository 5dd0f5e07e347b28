import type { Schemas } from '../api.js';
import { Citations } from './Citations.js';

type Entity = Schemas['EntityDetail'];
type Fact = Entity['nationalities'][number] & { precision?: string | null };

/** One printed value: what the list prints, what it was read as (when that differs, or was unreadable), its citations. */
function FactItem(props: { fact: Fact }) {
  const { printed, value, citations, precision } = props.fact;
  const read = value === null ? 'could not be read' : value === printed ? null : `read as ${value}`;
  return (
    <dd>
      {printed}
      {(read || precision) && <span class="muted"> ({[read, precision].filter(Boolean).join(', ')})</span>}
      <Citations citations={citations} />
    </dd>
  );
}

/** The party's birth dates, places of birth, nationalities, countries and gender, each as printed, with its source. */
export function IdentityFacts(props: { entity: Entity }) {
  const { birthDates, birthPlaces, nationalities, countries, gender } = props.entity;
  const groups: [string, Fact[]][] = [
    ['Birth dates', birthDates],
    ['Places of birth', birthPlaces],
    ['Nationalities', nationalities],
    ['Countries', countries],
    ['Gender', gender ? [gender] : []],
  ];
  const printed = groups.filter(([, facts]) => facts.length > 0);
  if (printed.length === 0) return <p>No list prints a birth date, nationality, country or gender for this party.</p>;
  return (
    <dl class="identity">
      {printed.map(([label, facts]) => (
        <div key={label}>
          <dt>{label}</dt>
          {facts.map((f, i) => <FactItem key={i} fact={f} />)}
        </div>
      ))}
    </dl>
  );
}
