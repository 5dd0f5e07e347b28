import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, asProblem, session } from './api.js';
import { BatchPage } from './pages/BatchPage.js';
import { EventsPage } from './pages/EventsPage.js';
import { ListsPage } from './pages/ListsPage.js';
import { PartyPage } from './pages/PartyPage.js';
import { ReviewPage } from './pages/ReviewPage.js';
import { ScreenPage } from './pages/ScreenPage.js';
import { SignIn } from './SignIn.js';
import { Link, usePath } from './router.js';

const NAV = [
  ['/', 'Screen'],
  ['/review', 'Review queue'],
  ['/events', 'Events'],
  ['/lists', 'Lists'],
  ['/batch', 'Batch'],
] as const;

function Page(props: { path: string }) {
  const party = /^\/entities\/([^/]+)$/.exec(props.path);
  if (party?.[1]) return <PartyPage id={decodeURIComponent(party[1])} />;
  switch (props.path) {
    case '/review': return <ReviewPage />;
    case '/events': return <EventsPage />;
    case '/lists': return <ListsPage />;
    case '/batch': return <BatchPage />;
    default: return <ScreenPage />;
  }
}

type Access = { state: 'checking' } | { state: 'open' | 'signed-in' } | { state: 'needs-key'; rejected: string | null };

/** Whether the API answers this tab: open on loopback with no keys, else with the key given in this session. */
async function checkAccess(): Promise<Access> {
  const { response, error } = await api.GET('/v1/datasets');
  if (response.ok) return { state: session.key() ? 'signed-in' : 'open' };
  if (response.status !== 401 && response.status !== 403) return { state: session.key() ? 'signed-in' : 'open' };
  const hadKey = session.key() !== null;
  session.forgetKey();
  return { state: 'needs-key', rejected: hadKey ? asProblem(error, response.status).detail ?? 'The key was refused.' : null };
}

function App() {
  const path = usePath();
  const [access, setAccess] = useState<Access>({ state: 'checking' });
  useEffect(() => {
    void checkAccess().then(setAccess);
  }, []);

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header>
        <p class="brand">DPRK screening console</p>
        <nav aria-label="Console">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}><Link href={`/console${href === '/' ? '' : href}`} current={path === href}>{label}</Link></li>
            ))}
          </ul>
        </nav>
        {access.state === 'signed-in' && (
          <button type="button" onClick={() => { session.forgetKey(); setAccess({ state: 'needs-key', rejected: null }); }}>Sign out</button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {access.state === 'checking' && <p role="status">Connecting…</p>}
        {access.state === 'needs-key' && (
          <SignIn rejected={access.rejected} onKey={(key) => { session.setKey(key); void checkAccess().then(setAccess); }} />
        )}
        {(access.state === 'open' || access.state === 'signed-in') && <Page path={path} />}
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
