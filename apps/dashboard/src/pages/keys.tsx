import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/problems';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatInstant } from '../format';

/** Create (the secret shown once), list, and revoke with confirmation. */
export function KeysPage() {
  const api = useApi();
  const keys = useLoad((client) => client.apiKeys.list(), 'keys');
  const [name, setName] = useState('');
  const [budget, setBudget] = useState('');
  const [per, setPer] = useState<'month' | 'lifetime'>('month');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(null);
    try {
      const limit = budget.trim() === '' ? undefined : Number(budget);
      setCreated(await api.apiKeys.create({ ...(name.trim() ? { name: name.trim() } : {}), ...(limit === undefined ? {} : { budget_credits: limit, budget_per: per }) }));
      setName('');
      setBudget('');
      keys.reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying is not allowed here: select the key and copy it by hand.');
    }
  };

  const revoke = async (key: ApiKey) => {
    setBusy(true);
    setError(null);
    try {
      await api.apiKeys.revoke(key.id);
      setConfirming(null);
      if (created?.id === key.id) setCreated(null);
      keys.reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const list = keys.data?.api_keys ?? [];
  return (
    <>
      <h1>API keys</h1>
      <p className="hint">A request with an API key draws on your API credits. Keep keys secret; revoke one that leaked.</p>
      <ErrorMessage message={keys.error ?? error} />
      <form className="inline-form" onSubmit={(e) => void create(e)}>
        <label htmlFor="key-name">Key name</label>
        <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="e.g. ci pipeline" />
        <label htmlFor="key-budget">Budget (credits, optional)</label>
        <input id="key-budget" type="number" min={0} step={0.001} value={budget} onChange={(e) => setBudget(e.target.value)} placeholder="no limit" />
        <label htmlFor="key-budget-per">per</label>
        <select id="key-budget-per" value={per} onChange={(e) => setPer(e.target.value === 'lifetime' ? 'lifetime' : 'month')}>
          <option value="month">month</option>
          <option value="lifetime">lifetime</option>
        </select>
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </form>
      {created?.key ? (
        <section className="card secret" aria-labelledby="secret-title" role="region">
          <h2 id="secret-title">Your new key “{created.name}”</h2>
          <p>
            <strong>Copy it now: it is shown this once</strong> and stored only as a hash.
          </p>
          <div className="secret-row">
            <label htmlFor="new-secret" className="sr-only">
              New API key secret
            </label>
            <input id="new-secret" className="mono" readOnly value={created.key} onFocus={(e) => e.target.select()} />
            <button type="button" onClick={() => void copy(created.key ?? '')}>
              Copy key
            </button>
          </div>
          <p role="status">{copied}</p>
          <button type="button" className="secondary" onClick={() => setCreated(null)}>
            I have stored it; hide the key
          </button>
        </section>
      ) : null}
      <section aria-labelledby="keys-title">
        <h2 id="keys-title">Your keys</h2>
        {list.length === 0 && !keys.loading ? <p>No keys yet.</p> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Scopes</th>
                <th scope="col">Budget</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {list.map((key) => (
                <tr key={key.id} data-key={key.id}>
                  <td>{key.name}</td>
                  <td className="mono">{key.prefix}</td>
                  <td>{formatInstant(key.created_at)}</td>
                  <td>{formatInstant(key.last_used_at)}</td>
                  <td>{key.scopes ? key.scopes.join(', ') : 'all'}</td>
                  <td>{key.budget ? `${key.budget.spent} of ${key.budget.limit} per ${key.budget.per} (${key.budget.remaining} left)` : 'no limit'}</td>
                  <td>
                    {key.revoked_at ? (
                      <span>Revoked {formatInstant(key.revoked_at)}</span>
                    ) : confirming?.id === key.id ? (
                      <span role="group" aria-label={`Confirm revoking ${key.name}`} className="confirm">
                        <span>Revoke “{key.name}”? Programs using it stop working at once.</span>
                        <button type="button" className="danger" onClick={() => void revoke(key)} disabled={busy}>
                          Yes, revoke {key.name}
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="secondary" onClick={() => setConfirming(key)} aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
