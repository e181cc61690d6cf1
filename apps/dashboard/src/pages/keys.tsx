import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/problems';
import type { ApiKey, ApiKeyScope, CreatedApiKey, Member } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatInstant } from '../format';
import { KeyScopesField } from './key-scopes-field';
import { memberLabel } from './team';

/** Why a key was revoked, in words (`revoked_reason`). */
const REVOCATIONS: Readonly<Record<string, string>> = {
  revoked: 'revoked by a member',
  member_removed: 'its maker left or was removed',
  role_changed: 'its maker’s role may no longer hold keys',
};

/** How long a rotated key's old secret keeps working, as offered. */
const OVERLAPS = [
  { seconds: 3_600, words: '1 hour' },
  { seconds: 86_400, words: '1 day' },
  { seconds: 604_800, words: '7 days' },
] as const;

/** A key that was just created or rotated, with its secret shown this once. */
interface NewSecret {
  readonly key: CreatedApiKey;
  readonly rotated: boolean;
}

/**
 * Who made a key, named as the Team page names members (their address when known): a key
 * from before makers were recorded is the organisation's original user's (its id); a maker
 * who is no longer a member is named by their user id.
 */
function makerLabel(key: ApiKey, organisationId: string | null, members: readonly Member[] | null): string {
  const userId = key.created_by ?? organisationId;
  if (userId === null) return '';
  const member = members?.find((candidate) => candidate.user_id === userId);
  if (member) return memberLabel(member);
  return members === null ? userId : `${userId} (no longer a member)`;
}

/** Create with scopes and a budget (the secret shown once), list with makers and budgets' remainders, rotate with an overlap, and revoke with confirmation. */
export function KeysPage() {
  const api = useApi();
  const keys = useLoad((client) => client.apiKeys.list(), 'keys');
  const organisation = useLoad((client) => client.organisation.get(), 'members');
  const [name, setName] = useState('');
  const [budget, setBudget] = useState('');
  const [per, setPer] = useState<'month' | 'lifetime'>('month');
  const [scopes, setScopes] = useState<ReadonlySet<ApiKeyScope>>(new Set());
  const [created, setCreated] = useState<NewSecret | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ readonly key: ApiKey; readonly action: 'revoke' | 'rotate' } | null>(null);
  const [overlapSeconds, setOverlapSeconds] = useState<number>(86_400);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(null);
    try {
      const limit = budget.trim() === '' ? undefined : Number(budget);
      const key = await api.apiKeys.create({
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(limit === undefined ? {} : { budget_credits: limit, budget_per: per }),
        ...(scopes.size === 0 ? {} : { scopes: [...scopes] }),
      });
      setCreated({ key, rotated: false });
      setName('');
      setBudget('');
      setScopes(new Set());
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

  /** Runs a change to one key, then shows the list again (or the failure in words). */
  const change = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setCopied(null);
    try {
      await work();
      setConfirming(null);
      keys.reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const revoke = (key: ApiKey) =>
    change(async () => {
      await api.apiKeys.revoke(key.id);
      if (created?.key.id === key.id) setCreated(null);
    });
  const rotate = (key: ApiKey) =>
    change(async () => {
      setCreated({ key: await api.apiKeys.rotate(key.id, { overlap_seconds: overlapSeconds }), rotated: true });
    });

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
        <KeyScopesField chosen={scopes} onChange={setScopes} />
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </form>
      {created?.key.key ? (
        <section className="card secret" aria-labelledby="secret-title" role="region">
          <h2 id="secret-title">
            {created.rotated ? 'The new secret of' : 'Your new key'} “{created.key.name}”
          </h2>
          <p>
            <strong>Copy it now: it is shown this once</strong> and stored only as a hash.
          </p>
          {created.rotated ? (
            <p data-testid="overlap-end">The old secret keeps working until {formatInstant(created.key.previous_secret_expires_at)}: move your programs to the new one before then.</p>
          ) : null}
          <div className="secret-row">
            <label htmlFor="new-secret" className="sr-only">
              New API key secret
            </label>
            <input id="new-secret" className="mono" readOnly value={created.key.key} onFocus={(e) => e.target.select()} />
            <button type="button" onClick={() => void copy(created.key.key ?? '')}>
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
                <th scope="col">Made by</th>
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
                  <td data-testid={`maker-${key.id}`}>{makerLabel(key, organisation.data?.id ?? null, organisation.data?.members ?? null)}</td>
                  <td>{formatInstant(key.last_used_at)}</td>
                  <td>{key.scopes ? key.scopes.join(', ') : 'all'}</td>
                  <td data-testid={`budget-${key.id}`}>{key.budget ? `${key.budget.spent} of ${key.budget.limit} per ${key.budget.per} (${key.budget.remaining} left)` : 'no limit'}</td>
                  <td>
                    {key.revoked_at ? (
                      <span data-testid={`revoked-${key.id}`}>
                        Revoked {formatInstant(key.revoked_at)}
                        {key.revoked_reason ? `: ${REVOCATIONS[key.revoked_reason] ?? key.revoked_reason}` : ''}
                      </span>
                    ) : confirming?.key.id === key.id && confirming.action === 'revoke' ? (
                      <span role="group" aria-label={`Confirm revoking ${key.name}`} className="confirm">
                        <span>Revoke “{key.name}”? Programs using it stop working at once.</span>
                        <button type="button" className="danger" onClick={() => void revoke(key)} disabled={busy}>
                          Yes, revoke {key.name}
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : confirming?.key.id === key.id ? (
                      <span role="group" aria-label={`Confirm rotating ${key.name}`} className="confirm">
                        <label>
                          The old secret keeps working for
                          <select value={overlapSeconds} onChange={(e) => setOverlapSeconds(Number(e.target.value))}>
                            {OVERLAPS.map((overlap) => (
                              <option key={overlap.seconds} value={overlap.seconds}>
                                {overlap.words}
                              </option>
                            ))}
                          </select>
                        </label>
                        <button type="button" onClick={() => void rotate(key)} disabled={busy}>
                          Yes, rotate {key.name}
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <span className="actions">
                        {overlapNote(key)}
                        <button type="button" className="secondary" onClick={() => setConfirming({ key, action: 'rotate' })} aria-label={`Rotate ${key.name}`}>
                          Rotate
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming({ key, action: 'revoke' })} aria-label={`Revoke ${key.name}`}>
                          Revoke
                        </button>
                      </span>
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

/** While a rotated key's old secret still works: until when. */
function overlapNote(key: ApiKey) {
  const until = key.previous_secret_expires_at;
  if (!until || Date.parse(until) <= Date.now()) return null;
  return <span data-testid={`overlap-${key.id}`}>Old secret works until {formatInstant(until)}</span>;
}
