import { useState } from 'react';
import type { BillingClient } from '@billing/sdk';
import type { LedgerEntry, Task } from '../api/types';
import { useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { dayOffset, formatCredits, poolName } from '../format';
import { LedgerTable } from './ledger-table';
import { TasksTable } from './tasks-table';
import { UsageByActorTable } from './usage-by-actor';
import { UsageChart } from './usage-chart';

/** Pages read for the tables: enough for a dashboard, bounded for a long history. */
const MAX_PAGES = 20;

/** The first `count` items of a listing, read page after page. */
async function firstOf<T>(items: AsyncIterable<T>, count: number): Promise<T[]> {
  const read: T[] = [];
  for await (const item of items) if (read.push(item) >= count) break;
  return read;
}

const allTasks = async (api: BillingClient): Promise<Task[]> => (await firstOf(api.tasks.all({ limit: 500 }), MAX_PAGES * 500)).reverse();
const allLedger = (api: BillingClient): Promise<LedgerEntry[]> => firstOf(api.account.entries({ limit: 1000 }), MAX_PAGES * 1000);

/** Credits charged per day by model and mode and per key and member, utilisation, every task's credits_cost, and the ledger. */
export function UsagePage() {
  const [from, setFrom] = useState(dayOffset(29));
  const [to, setTo] = useState(dayOffset(0));
  const [pool, setPool] = useState('api');
  const query = `from=${from}&to=${to}${pool ? `&pool=${pool}` : ''}`;
  const usage = useLoad((api) => api.account.usage({ from, to, ...(pool ? { pool } : {}) }), query);
  const byKey = useLoad((api) => api.account.usage({ from, to, ...(pool ? { pool } : {}), group_by: 'key' }), `${query}&group_by=key`);
  const byMember = useLoad((api) => api.account.usage({ from, to, ...(pool ? { pool } : {}), group_by: 'member' }), `${query}&group_by=member`);
  const keys = useLoad((api) => api.apiKeys.list(), 'keys');
  const members = useLoad((api) => api.organisation.get(), 'members');
  const utilisation = useLoad((api) => api.tasks.utilisation(), 'utilisation');
  const tasks = useLoad(allTasks, 'tasks');
  const ledger = useLoad(allLedger, 'ledger');
  const reload = () => {
    usage.reload();
    byKey.reload();
    byMember.reload();
    keys.reload();
    utilisation.reload();
    tasks.reload();
    ledger.reload();
  };

  return (
    <>
      <h1>Usage</h1>
      <ErrorMessage message={usage.error ?? byKey.error ?? byMember.error ?? keys.error ?? utilisation.error ?? tasks.error ?? ledger.error} />
      <section aria-labelledby="charged-title">
        <h2 id="charged-title">Credits charged per day</h2>
        <div className="filters">
          <label>
            From
            <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
          </label>
          <label>
            To
            <input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
          </label>
          <label>
            Pool
            <select value={pool} onChange={(e) => setPool(e.target.value)}>
              <option value="api">API</option>
              <option value="app">App</option>
              <option value="">Both pools</option>
            </select>
          </label>
          <button type="button" className="secondary" onClick={reload}>
            Refresh
          </button>
        </div>
        {usage.data ? (
          <>
            <p>
              <strong data-testid="usage-total">{formatCredits(usage.data.total_credits)}</strong> {pool ? `${poolName(pool)} ` : ''}credits charged from {usage.data.from} to {usage.data.to}.
            </p>
            <UsageChart rows={usage.data.rows} />
            <details>
              <summary>The figures as a table</summary>
              <div className="table-wrap">
                <table aria-label="Credits charged per day, model and mode">
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col">Pool</th>
                      <th scope="col">Model</th>
                      <th scope="col">Mode</th>
                      <th scope="col">Tasks</th>
                      <th scope="col">Credits</th>
                    </tr>
                  </thead>
                  <tbody>
                    {usage.data.rows.map((row) => (
                      <tr key={`${row.day}-${row.pool}-${row.model}-${row.mode}`}>
                        <td>{row.day}</td>
                        <td>{poolName(row.pool)}</td>
                        <td>{row.model}</td>
                        <td>{row.mode}</td>
                        <td className="num">{row.tasks}</td>
                        <td className="num">{formatCredits(row.credits)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        ) : null}
      </section>
      <section aria-labelledby="actors-title">
        <h2 id="actors-title">Who spent what</h2>
        <p className="hint">Credits charged in the same days and pool, per API key and per member who made the tasks.</p>
        <div className="side-by-side">
          {byKey.data ? <UsageByActorTable by="key" groups={byKey.data.groups} keys={keys.data?.api_keys ?? []} /> : null}
          {byMember.data ? <UsageByActorTable by="member" groups={byMember.data.groups} keys={keys.data?.api_keys ?? []} members={members.data?.members ?? []} /> : null}
        </div>
      </section>
      <section aria-labelledby="utilisation-title">
        <h2 id="utilisation-title">Utilisation</h2>
        {utilisation.data ? (
          <p>
            {utilisation.data.percentage === null
              ? 'Nothing has been charged yet.'
              : `${utilisation.data.percentage} of charged credits went to adopted output (${formatCredits(utilisation.data.adopted_credits)} of ${formatCredits(utilisation.data.charged_credits)}).`}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">Tasks</h2>
        {tasks.data ? <TasksTable tasks={tasks.data} /> : tasks.loading ? <p>Loading tasks...</p> : null}
      </section>
      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">Ledger</h2>
        {ledger.data ? <LedgerTable entries={ledger.data} /> : ledger.loading ? <p>Loading the ledger...</p> : null}
      </section>
    </>
  );
}
