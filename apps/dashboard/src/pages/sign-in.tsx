import { type FormEvent, useState } from 'react';
import { clientWith } from '../api/client';
import { messageOf } from '../api/problems';
import type { Account } from '../api/types';
import { ErrorMessage } from '../components/errors';

/** Paste a token (`npm run billing -- token --account <id>`); it is checked against the gateway before it is kept. */
export function SignInPage(props: { readonly notice: string | null; readonly onSignedIn: (token: string, account: Account) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const account = await clientWith(token.trim()).account.get();
      if (account.channel !== 'app') {
        setError('That is an API key. Sign in with an app user token: keys are for programs, and they cannot manage keys or buy here.');
        return;
      }
      props.onSignedIn(token.trim(), account);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page narrow" id="main">
      <h1>Sign in to the API dashboard</h1>
      <ErrorMessage message={props.notice} />
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label htmlFor="token">Access token</label>
        <textarea id="token" rows={5} value={token} onChange={(e) => setToken(e.target.value)} required aria-describedby="token-help" spellCheck={false} />
        <p id="token-help" className="hint">
          On the embedded platform, get one with <code>npm run -s billing -- token --account &lt;id&gt;</code>. It stays in this tab only.
        </p>
        <button type="submit" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
      </form>
      <ErrorMessage message={error} />
    </main>
  );
}
