import { useState } from 'react';
import { messageOf } from '../api/problems';
import type { WebhookEndpoint } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatInstant } from '../format';

/** One endpoint's delivery log, newest first: each message with its attempts and last answer, and a replay (same webhook-id). */
export function WebhookDeliveries(props: { readonly endpoint: WebhookEndpoint }) {
  const api = useApi();
  const log = useLoad((client) => client.webhookEndpoints.deliveries(props.endpoint.id, { limit: 50 }), `deliveries:${props.endpoint.id}`);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const replay = async (deliveryId: string) => {
    setError(null);
    try {
      await api.webhookEndpoints.replay(props.endpoint.id, deliveryId);
      setNotice('Sent again with the same webhook-id.');
      log.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const deliveries = log.data?.deliveries ?? [];
  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries to {props.endpoint.url}</h2>
      <ErrorMessage message={log.error ?? error} />
      <p role="status">{notice}</p>
      <button type="button" className="secondary" onClick={log.reload}>
        Refresh deliveries
      </button>
      {deliveries.length === 0 && !log.loading ? <p>No deliveries yet.</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">webhook-id</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Created</th>
              <th scope="col">Replay</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-delivery={delivery.id}>
                <td>{delivery.event_type}</td>
                <td className="mono">{delivery.message_id}</td>
                <td>{delivery.status}</td>
                <td>{delivery.attempts}</td>
                <td>{delivery.last_status_code ?? delivery.last_error ?? 'none yet'}</td>
                <td>{formatInstant(delivery.created_at)}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => void replay(delivery.id)} aria-label={`Replay ${delivery.event_type} ${delivery.message_id}`}>
                    Replay
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
