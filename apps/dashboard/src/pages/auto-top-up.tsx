import { type FormEvent, useState } from 'react';
import { BillingProblem } from '@billing/sdk';
import { messageOf } from '../api/problems';
import type { AutoTopUp, Pack } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatCredits, formatMoney, poolName } from '../format';

const POOLS = ['app', 'api'] as const;

/** Auto top-up per pool: its setting and this month's spend, a form to save it, a button to turn it off. */
export function AutoTopUpPanel() {
  const catalog = useLoad((client) => client.account.catalog(), 'catalog');
  return (
    <section aria-labelledby="top-up-title">
      <h2 id="top-up-title">Auto top-up</h2>
      <p className="hint">Below the threshold, the pack is bought with your saved payment method, one top-up at a time, never past the monthly cap.</p>
      <ErrorMessage message={catalog.error} />
      {POOLS.map((pool) => (
        <PoolTopUp key={pool} pool={pool} packs={(catalog.data?.packs ?? []).filter((p) => p.pool === pool).sort((a, b) => a.credits - b.credits)} />
      ))}
    </section>
  );
}

function PoolTopUp(props: { readonly pool: (typeof POOLS)[number]; readonly packs: readonly Pack[] }) {
  const { pool, packs } = props;
  const api = useApi();
  // A pool without auto top-up is not found (404): no setting, not a failure.
  const setting = useLoad(
    (client) => client.autoTopUp.get(pool).catch((failure: unknown) => (failure instanceof BillingProblem && failure.status === 404 ? null : Promise.reject(failure))),
    `auto-top-up-${pool}`,
  );
  const [threshold, setThreshold] = useState('');
  const [packId, setPackId] = useState('');
  const [cap, setCap] = useState('');
  const [maxFailures, setMaxFailures] = useState('3');
  const [error, setError] = useState<string | null>(null);
  const name = poolName(pool);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setting.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const body = { threshold: Number(threshold), pack_id: packId || (packs[0]?.id ?? ''), monthly_cap_cents: Math.round(Number(cap) * 100), max_failures: Number(maxFailures) };
    void act(() => api.autoTopUp.set(pool, body));
  };

  const current: AutoTopUp | null = setting.data ?? null;
  const id = `top-up-${pool}`;
  return (
    <div data-top-up-pool={pool} aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`}>{name} credits</h3>
      <ErrorMessage message={setting.error ?? error} />
      {current ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Below</th>
                <th scope="col">Buys</th>
                <th scope="col">Monthly cap</th>
                <th scope="col">Spent this month</th>
                <th scope="col">Declined in a row</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className="num">{formatCredits(current.threshold)}</td>
                <td>
                  {formatCredits(current.pack_credits)} credits ({current.pack_id}) for {formatMoney(current.pack_price.amount_cents, current.pack_price.currency)}
                </td>
                <td className="num">{formatMoney(current.monthly_cap.amount_cents, current.monthly_cap.currency)}</td>
                <td className="num">{formatMoney(current.spent_this_month.amount_cents, current.spent_this_month.currency)}</td>
                <td className="num">
                  {current.failures} of {current.max_failures}
                </td>
                <td>
                  {current.status}
                  {current.disabled_reason ? `: ${current.disabled_reason}` : ''}
                  {current.in_flight_order_id ? `, top-up ${current.in_flight_order_id} in flight` : ''}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : setting.loading ? null : (
        <p>No auto top-up.</p>
      )}
      <form className="inline-form" onSubmit={save}>
        <label htmlFor={`${id}-threshold`}>{name}: top up below (credits)</label>
        <input id={`${id}-threshold`} inputMode="decimal" required value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder="e.g. 100" />
        <label htmlFor={`${id}-pack`}>{name}: pack</label>
        <select id={`${id}-pack`} value={packId || (packs[0]?.id ?? '')} onChange={(e) => setPackId(e.target.value)}>
          {packs.map((pack) => (
            <option key={pack.id} value={pack.id}>
              {formatCredits(pack.credits)} credits for {formatMoney(pack.price.amount_cents, pack.price.currency)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-cap`}>{name}: monthly cap ($)</label>
        <input id={`${id}-cap`} inputMode="decimal" required value={cap} onChange={(e) => setCap(e.target.value)} placeholder="e.g. 300" />
        <label htmlFor={`${id}-failures`}>{name}: declines before it turns off</label>
        <input id={`${id}-failures`} inputMode="numeric" required value={maxFailures} onChange={(e) => setMaxFailures(e.target.value)} />
        <button type="submit">Save {name} auto top-up</button>
        {current ? (
          <button type="button" className="secondary" onClick={() => void act(() => api.autoTopUp.remove(pool))}>
            Remove {name} auto top-up
          </button>
        ) : null}
      </form>
    </div>
  );
}
