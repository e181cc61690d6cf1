import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/problems';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';

const POOLS = ['app', 'api'] as const;

/** Each pool's low-balance thresholds (credits), set as a list, and whether each alert is armed. */
export function BalanceAlerts() {
  const api = useApi();
  const alerts = useLoad((client) => client.balanceAlerts.list(), 'balance-alerts');
  const [pool, setPool] = useState<(typeof POOLS)[number]>('api');
  const [thresholds, setThresholds] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const values = thresholds.split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number);
    try {
      await api.balanceAlerts.set(pool, { thresholds: values });
      setThresholds('');
      alerts.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">Low-balance alerts</h2>
      <p className="hint">Each threshold sends one balance.low webhook when the pool’s available credits fall below it, and again only after they rose above it; balance.depleted at zero.</p>
      <ErrorMessage message={alerts.error ?? error} />
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <label htmlFor="alert-pool">Pool</label>
        <select id="alert-pool" value={pool} onChange={(e) => setPool(e.target.value === 'app' ? 'app' : 'api')}>
          {POOLS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <label htmlFor="alert-thresholds">Thresholds (credits, comma-separated; empty turns them off)</label>
        <input id="alert-thresholds" value={thresholds} onChange={(e) => setThresholds(e.target.value)} placeholder="e.g. 500, 100" />
        <button type="submit">Save thresholds</button>
      </form>
      {(alerts.data?.pools ?? []).map((entry) => (
        <div key={entry.pool} className="table-wrap" data-alert-pool={entry.pool}>
          <table>
            <caption>{entry.pool} pool</caption>
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Threshold</th>
                <th scope="col">State</th>
                <th scope="col">Fired</th>
              </tr>
            </thead>
            <tbody>
              {entry.alerts.map((alert) => (
                <tr key={`${alert.type}:${alert.threshold ?? 0}`}>
                  <td>{alert.type}</td>
                  <td>{alert.threshold === null ? 'zero' : alert.threshold.toLocaleString('en-US')}</td>
                  <td>{alert.armed ? 'armed' : 'fired, waits for a rise'}</td>
                  <td>{alert.crossings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
