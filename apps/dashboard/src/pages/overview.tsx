import { useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatCredits, poolName } from '../format';
import { Link } from '../router';

/** Both pools at a glance, the plan and its entitlements, tasks running against the limit. */
export function OverviewPage() {
  const balances = useLoad((api) => api.account.balances(), 'balances');
  const account = useLoad((api) => api.account.get(), 'account');
  return (
    <>
      <h1>Overview</h1>
      <ErrorMessage message={balances.error ?? account.error} />
      <section aria-labelledby="pools-title">
        <h2 id="pools-title">Credit pools</h2>
        <p className="hint">App credits pay for tasks from the web app; API credits pay for API requests. They are bought separately and never mix.</p>
        <div className="cards">
          {(balances.data?.balances ?? []).map((b) => (
            <article className="card" key={b.pool} aria-labelledby={`pool-${b.pool}`} data-pool={b.pool}>
              <h3 id={`pool-${b.pool}`}>{poolName(b.pool)} credits</h3>
              <dl className="figures">
                <div>
                  <dt>Balance</dt>
                  <dd data-testid={`balance-${b.pool}`}>{formatCredits(b.balance)}</dd>
                </div>
                <div>
                  <dt>Held by running tasks</dt>
                  <dd>{formatCredits(b.held)}</dd>
                </div>
                <div>
                  <dt>Available</dt>
                  <dd data-testid={`available-${b.pool}`}>{formatCredits(b.available)}</dd>
                </div>
              </dl>
              <Link to={`/buy#pool-${b.pool}-packs`}>Buy {poolName(b.pool)} credits</Link>
            </article>
          ))}
          {balances.loading && !balances.data ? <p aria-live="polite">Loading balances...</p> : null}
        </div>
      </section>
      {account.data ? (
        <section aria-labelledby="plan-title">
          <h2 id="plan-title">Plan</h2>
          <div className="cards">
            <article className="card">
              <h3>{account.data.plan.name}</h3>
              <p>
                Includes:{' '}
                {account.data.plan.entitlements.length > 0 ? account.data.plan.entitlements.map((e) => e.replace(/_/g, ' ')).join(', ') : 'no extras'}
                {account.data.plan.priority ? ', priority' : ''}
              </p>
            </article>
            <article className="card">
              <h3>Concurrent tasks</h3>
              <p className="big" data-testid="concurrency">
                {account.data.running_tasks} of {account.data.plan.concurrency_limit} running
              </p>
              <meter min={0} max={account.data.plan.concurrency_limit} value={account.data.running_tasks} aria-label="Tasks running against the limit" />
              {account.data.queued_tasks > 0 ? <p>{account.data.queued_tasks} waiting for a slot</p> : null}
            </article>
          </div>
        </section>
      ) : null}
      <button type="button" className="secondary" onClick={() => (balances.reload(), account.reload())}>
        Refresh
      </button>
    </>
  );
}
