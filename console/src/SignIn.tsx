import { useState } from 'preact/hooks';
import { Field } from './components/Field.js';

/** Asks for an API key where the service requires one; it is kept in this tab's sessionStorage only. */
export function SignIn(props: { rejected: string | null; onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p>This service requires an API key. It is kept for this browser tab only (sessionStorage) and sent with each request.</p>
      <form onSubmit={(e) => { e.preventDefault(); props.onKey(key.trim()); }}>
        <Field id="api-key" label="API key" error={props.rejected ?? undefined}>
          <input id="api-key" type="password" autocomplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        </Field>
        <div class="actions"><button type="submit">Sign in</button></div>
      </form>
    </section>
  );
}
