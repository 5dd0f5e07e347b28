import { useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem, problemByControl } from '../api.js';
import { Field, describedBy } from '../components/Field.js';
import { MatchArticle } from '../components/MatchArticle.js';
import { useTitle } from '../router.js';

type Kind = Schemas['ScreenRequest']['kind'];
const KINDS: Kind[] = ['any', 'person', 'organization', 'group', 'vessel'];

// The identity fields (birth date, nationality, country, gender, identifier) join this form when the API takes them.
interface Form {
  name: string;
  kind: Kind;
  address: string;
  chain: string;
}

const present = (s: string) => (s.trim() === '' ? undefined : s);

/** Screen a name and/or wallet address, and see each match with its evidence. */
export function ScreenPage() {
  useTitle('Screen');
  const [form, setForm] = useState<Form>({ name: '', kind: 'any', address: '', chain: '' });
  const [result, setResult] = useState<Schemas['ScreenResponse'] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof Form) => (event: { currentTarget: { value: string } }) => setForm({ ...form, [field]: event.currentTarget.value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const { data, error, response } = await api.POST('/v1/screen', {
      body: { name: present(form.name), kind: form.kind, address: present(form.address), chain: present(form.chain), limit: 10 },
    });
    setBusy(false);
    setProblem(data ? null : asProblem(error, response.status));
    setResult(data ?? null);
  };

  const { errors, unplaced } = problemByControl(problem, { name: 'body.name', kind: 'body.kind', address: 'body.address', chain: 'body.chain' });
  const subjectOf = (match: Schemas['ScreenMatch']) =>
    match.subjectKind === 'name'
      ? result?.query.name ? { name: result.query.name } : null
      : result?.query.address ? { address: result.query.address.input, ...(result.query.address.chain ? { chain: result.query.address.chain } : {}) } : null;

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Screen</h1>
      <form onSubmit={submit} class="screen-form" noValidate>
        <Field id="screen-name" label="Name" error={errors.name}>
          <input id="screen-name" value={form.name} onInput={set('name')} {...describedBy('screen-name', errors.name)} />
        </Field>
        <Field id="screen-kind" label="Kind" error={errors.kind}>
          <select id="screen-kind" value={form.kind} onChange={set('kind')}>
            {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </Field>
        <Field id="screen-address" label="Wallet address" error={errors.address}>
          <input id="screen-address" value={form.address} onInput={set('address')} spellcheck={false} {...describedBy('screen-address', errors.address)} />
        </Field>
        <Field id="screen-chain" label="Chain" error={errors.chain}>
          <input id="screen-chain" value={form.chain} onInput={set('chain')} placeholder="ETH, XBT, TRX…" {...describedBy('screen-chain', errors.chain)} />
        </Field>
        <div class="actions">
          <button type="submit" disabled={busy}>Screen</button>
        </div>
        {unplaced && <p class="problem" role="alert">{unplaced}</p>}
      </form>
      {result && (
        <section aria-labelledby="results-title" class="results">
          <h2 id="results-title">Results</h2>
          <p role="status">
            Overall: <strong>{result.verdict}</strong> · {result.matches.length} match{result.matches.length === 1 ? '' : 'es'} · screening {result.screeningId}
          </p>
          {result.matches.map((m) => (
            <MatchArticle key={`${result.screeningId}-${m.entity.id}`} match={m} subject={subjectOf(m)} />
          ))}
        </section>
      )}
    </section>
  );
}
