import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/problems';
import type { WebhookEndpoint, WebhookEndpointWithSecret, WebhookEventType } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { AutoTopUpPanel } from './auto-top-up';
import { BalanceAlerts } from './balance-alerts';
import { WebhookDeliveries } from './webhook-deliveries';

const EVENT_TYPES = [
  'credits.purchased',
  'plan.renewed',
  'plan.renewal_failed',
  'task.charged',
  'task.refunded',
  'balance.low',
  'balance.depleted',
  'grant.expiring',
  'auto_top_up.succeeded',
  'auto_top_up.failed',
] as const satisfies readonly WebhookEventType[];
// Every event type the API knows has a checkbox (a new one is a compile error here until it does).
const everyType: Exclude<WebhookEventType, (typeof EVENT_TYPES)[number]> extends never ? true : never = true;
void everyType;

/** Endpoints (create, the secret shown once, enable or disable, rotate the secret), one endpoint's deliveries, the balance alerts and auto top-up. */
export function WebhooksPage() {
  const api = useApi();
  const endpoints = useLoad((client) => client.webhookEndpoints.list(), 'webhook-endpoints');
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<ReadonlySet<WebhookEventType>>(new Set(['credits.purchased']));
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [shown, setShown] = useState<WebhookEndpoint | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      endpoints.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      setSecret(await api.webhookEndpoints.create({ url: url.trim(), event_types: [...types] }));
      setUrl('');
    });
  };
  const toggle = (type: WebhookEventType) => setTypes((now) => (now.has(type) ? new Set([...now].filter((t) => t !== type)) : new Set([...now, type])));

  const list = endpoints.data?.endpoints ?? [];
  return (
    <>
      <h1>Webhooks &amp; alerts</h1>
      <p className="hint">Billing events are POSTed to your endpoints, signed as the Standard Webhooks spec says; a receiver deduplicates by webhook-id.</p>
      <ErrorMessage message={endpoints.error ?? error} />
      <form onSubmit={create} aria-labelledby="new-endpoint-title">
        <h2 id="new-endpoint-title">New endpoint</h2>
        <div className="inline-form">
          <label htmlFor="endpoint-url">Endpoint URL</label>
          <input id="endpoint-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/billing-hooks" />
        </div>
        <fieldset className="checks">
          <legend>Events</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type} className="check">
              <input type="checkbox" checked={types.has(type)} onChange={() => toggle(type)} /> {type}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={types.size === 0}>
          Create endpoint
        </button>
      </form>
      {secret?.secret ? (
        <section className="card secret" role="region" aria-labelledby="endpoint-secret-title">
          <h2 id="endpoint-secret-title">Signing secret of {secret.url}</h2>
          <p>
            <strong>Copy it now: it is shown this once.</strong> Your receiver verifies each delivery with it.
          </p>
          <div className="secret-row">
            <label htmlFor="endpoint-secret" className="sr-only">
              Signing secret
            </label>
            <input id="endpoint-secret" className="mono" readOnly value={secret.secret} onFocus={(e) => e.target.select()} />
          </div>
          <button type="button" className="secondary" onClick={() => setSecret(null)}>
            I have stored it; hide the secret
          </button>
        </section>
      ) : null}
      <section aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Your endpoints</h2>
        {list.length === 0 && !endpoints.loading ? <p>No endpoints yet.</p> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((endpoint) => (
                <tr key={endpoint.id} data-endpoint={endpoint.id}>
                  <td className="mono">{endpoint.url}</td>
                  <td>{endpoint.event_types.join(', ')}</td>
                  <td>{endpoint.enabled ? 'enabled' : `disabled${endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ''}`}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => void act(() => api.webhookEndpoints.update(endpoint.id, { enabled: !endpoint.enabled }))}>
                      {endpoint.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button type="button" className="secondary" onClick={() => void act(async () => setSecret(await api.webhookEndpoints.rotateSecret(endpoint.id)))}>
                      Rotate secret
                    </button>
                    <button type="button" className="secondary" onClick={() => setShown(endpoint)} aria-pressed={shown?.id === endpoint.id}>
                      Deliveries
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {shown ? <WebhookDeliveries key={shown.id} endpoint={shown} /> : null}
      <BalanceAlerts />
      <AutoTopUpPanel />
    </>
  );
}
