import { useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem, problemByControl } from '../api.js';
import type { DecisionSubject } from '../components/DecisionDialog.js';
import { Field, describedBy } from '../components/Field.js';
import { MatchArticle } from '../components/MatchArticle.js';
import { useTitle } from '../router.js';

type Request = Schemas['ScreenRequest'];
type Kind = Request['kind'];
type IdentifierType = NonNullable<Request['identifiers']>[number]['type'];
const KINDS: Kind[] = ['any', 'person', 'organization', 'group', 'vessel'];
const IDENTIFIER_TYPES: IdentifierType[] = ['passport', 'national_id', 'tax_id', 'registration', 'imo', 'mmsi', 'swift_bic', 'other'];
const GENDERS = ['male', 'female', 'other'];

interface Form {
  name: string;
  kind: Kind;
  birthDate: string;
  nationality: string;
  country: string;
  gender: string;
  identifierType: IdentifierType | '';
  identifierNumber: string;
  identifierCountry: string;
  address: string;
  chain: string;
}
type TextField = Exclude<keyof Form, 'kind' | 'identifierType'>;

const EMPTY: Form = {
  name: '', kind: 'any', birthDate: '', nationality: '', country: '', gender: '',
  identifierType: '', identifierNumber: '', identifierCountry: '', address: '', chain: '',
};

// Each control, and the field of the request a problem names it by (the API's `errors[].field`).
const FIELDS = {
  name: 'body.name', kind: 'body.kind', birthDate: 'body.birthDate', nationality: 'body.nationality', country: 'body.country',
  gender: 'body.gender', identifierType: 'body.identifiers.0.type', identifierNumber: 'body.identifiers.0.number',
  identifierCountry: 'body.identifiers.0.country', address: 'body.address', chain: 'body.chain',
} as const;

const present = (s: string) => (s.trim() === '' ? undefined : s);

/** The request a form sends: an identifier when it has a type or a number (a number of no given type is `other`). */
function requestOf(form: Form): Request {
  const identifier = form.identifierType !== '' || present(form.identifierNumber) !== undefined;
  return {
    name: present(form.name), kind: form.kind, address: present(form.address), chain: present(form.chain), limit: 10,
    birthDate: present(form.birthDate), nationality: present(form.nationality), country: present(form.country), gender: present(form.gender),
    identifiers: identifier
      ? [{ type: form.identifierType || 'other', number: form.identifierNumber, ...(present(form.identifierCountry) ? { country: form.identifierCountry } : {}) }]
      : undefined,
  };
}

/** The subject a match is decided on, as it was screened: the name with its birth date and nationality, the documents alone, or the address. */
function subjectOf(request: Request, match: Schemas['ScreenMatch']): DecisionSubject | null {
  if (match.subjectKind === 'address') return request.address ? { address: request.address, ...(request.chain ? { chain: request.chain } : {}) } : null;
  if (request.name) {
    return { name: request.name, ...(request.birthDate ? { birthDate: request.birthDate } : {}), ...(request.nationality ? { nationality: request.nationality } : {}) };
  }
  return request.identifiers ? { identifiers: request.identifiers } : null;
}

/** Screen a name, identity and/or wallet address, and see each match with its evidence. */
export function ScreenPage() {
  useTitle('Screen');
  const [form, setForm] = useState<Form>(EMPTY);
  const [result, setResult] = useState<{ request: Request; answer: Schemas['ScreenResponse'] } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof Form) => (event: { currentTarget: { value: string } }) => setForm({ ...form, [field]: event.currentTarget.value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const request = requestOf(form);
    const { data, error, response } = await api.POST('/v1/screen', { body: request });
    setBusy(false);
    setProblem(data ? null : asProblem(error, response.status));
    setResult(data ? { request, answer: data } : null);
  };

  const { errors, unplaced } = problemByControl(problem, FIELDS);
  const text = (field: TextField, label: string, extra: Record<string, string | boolean> = {}) => (
    <Field id={`screen-${field}`} label={label} error={errors[field]}>
      <input id={`screen-${field}`} value={form[field]} onInput={set(field)} {...extra} {...describedBy(`screen-${field}`, errors[field])} />
    </Field>
  );
  const select = (field: 'kind' | 'gender' | 'identifierType', label: string, options: readonly string[], none?: string) => (
    <Field id={`screen-${field}`} label={label} error={errors[field]}>
      <select id={`screen-${field}`} value={form[field]} onChange={set(field)} {...describedBy(`screen-${field}`, errors[field])}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map((o) => <option key={o} value={o}>{o.replaceAll('_', ' ')}</option>)}
      </select>
    </Field>
  );

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Screen</h1>
      <form onSubmit={submit} class="screen-form" noValidate>
        {text('name', 'Name')}
        {select('kind', 'Kind', KINDS)}
        {text('birthDate', 'Birth date', { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD', inputMode: 'numeric' })}
        {text('nationality', 'Nationality', { placeholder: 'KP, North Korea…' })}
        {text('country', 'Country', { placeholder: 'KP, CN…' })}
        {select('gender', 'Gender', GENDERS, 'not given')}
        {select('identifierType', 'Identifier type', IDENTIFIER_TYPES, 'none')}
        {text('identifierNumber', 'Identifier number', { spellcheck: false })}
        {text('identifierCountry', 'Identifier country')}
        {text('address', 'Wallet address', { spellcheck: false })}
        {text('chain', 'Chain', { placeholder: 'ETH, XBT, TRX…' })}
        <div class="actions">
          <button type="submit" disabled={busy}>Screen</button>
        </div>
        {unplaced && <p class="problem" role="alert">{unplaced}</p>}
      </form>
      {result && (
        <section aria-labelledby="results-title" class="results">
          <h2 id="results-title">Results</h2>
          <p role="status">
            Overall: <strong>{result.answer.verdict}</strong> · {result.answer.matches.length} match{result.answer.matches.length === 1 ? '' : 'es'} ·
            screening {result.answer.screeningId}
          </p>
          {result.answer.matches.map((m) => (
            <MatchArticle key={`${result.answer.screeningId}-${m.entity.id}`} match={m} subject={subjectOf(result.request, m)} />
          ))}
        </section>
      )}
    </section>
  );
}
