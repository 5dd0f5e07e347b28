import type { Schemas } from '../api.js';

type Row = Schemas['QualifierRow'];

const FIELD_LABELS: Record<Row['field'], string> = {
  birthDate: 'Birth date',
  nationality: 'Nationality',
  country: 'Country',
  gender: 'Gender',
  identifier: 'Identifier',
};
const OUTCOME_LABELS: Record<Row['outcome'], string> = {
  corroborates: 'corroborates',
  contradicts: 'contradicts',
  not_comparable: 'not comparable',
};

// An effect is a share of the score: signed, so that a contradiction reads as what it takes away.
const signed = (effect: number) => (effect > 0 ? `+${effect}` : String(effect));

/** The query's qualifiers beside what the lists print about the party, one row each, with the outcome and its effect. */
export function Qualifiers(props: { rows: Row[]; nameScore: number | undefined }) {
  return (
    <table class="qualifiers">
      <caption>
        Qualifiers{props.nameScore !== undefined && ` (name alone scored ${props.nameScore})`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Query</th>
          <th scope="col">Listed</th>
          <th scope="col">Listed in</th>
          <th scope="col">Outcome</th>
          <th scope="col">Effect</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr key={i} class={`outcome-${row.outcome}`}>
            <th scope="row">{FIELD_LABELS[row.field]}</th>
            <td>{row.query}</td>
            <td>{row.listed || '—'}</td>
            <td>{row.listedSource ?? '—'}</td>
            <td>{OUTCOME_LABELS[row.outcome]}</td>
            <td>{signed(row.effect)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
