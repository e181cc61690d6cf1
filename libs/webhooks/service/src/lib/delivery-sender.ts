import { afterFailure, webhookHeaders } from '@billing/webhooks-domain';
import type { Logger } from '@billing/service-host';
import type { AttemptResult, Deliveries, DueDelivery } from './deliveries';
import type { Endpoints } from './endpoints';

export interface DeliverySenderOptions {
  readonly deliveries: Deliveries;
  readonly endpoints: Endpoints;
  readonly logger: Logger;
  readonly retryScheduleMillis: readonly number[];
  readonly timeoutMillis: number;
  /** A number in [0, 1) for each retry's jitter. */
  readonly jitter: () => number;
  /** Most deliveries attempted in one run. */
  readonly batchSize?: number;
}

/**
 * One run of the sender: every delivery due now is POSTed to its endpoint, signed with
 * the endpoint's secrets in force, and the outcome logged. A 2xx is success; anything
 * else, a timeout or a refused connection is a failure retried by the schedule. When the
 * schedule is spent the delivery fails and the endpoint is disabled with the reason.
 */
export function deliverDue(options: DeliverySenderOptions): (now: number) => Promise<void> {
  return async (now) => {
    const due = options.deliveries.due(now, options.batchSize ?? 100);
    await Promise.all(due.map((delivery) => deliverOne(options, delivery, now)));
  };
}

async function deliverOne(options: DeliverySenderOptions, delivery: DueDelivery, now: number): Promise<void> {
  const endpoint = options.endpoints.target(delivery.endpointId, now);
  if (!endpoint || !endpoint.enabled) {
    options.deliveries.abandon(delivery.deliveryId, endpoint ? 'endpoint disabled' : 'endpoint deleted');
    return;
  }
  const headers = webhookHeaders(endpoint.secrets, delivery.messageId, Math.floor(now / 1000), delivery.payload);
  const result = await post(endpoint.url, { ...headers, 'content-type': 'application/json' }, delivery.payload, options.timeoutMillis);
  if (result.ok) {
    options.deliveries.recordAttempt(delivery.deliveryId, now, result, null);
    return;
  }
  const next = afterFailure(options.retryScheduleMillis, delivery.roundAttempts + 1, now, options.jitter());
  options.deliveries.recordAttempt(delivery.deliveryId, now, result, next.kind === 'retry' ? next.at : null);
  if (next.kind === 'exhausted') {
    const reason = `delivery ${delivery.deliveryId} failed ${delivery.roundAttempts + 1} times (last: ${result.error})`;
    options.endpoints.disable(delivery.endpointId, reason);
    options.logger.warn('webhook endpoint disabled: its deliveries keep failing', { endpointId: delivery.endpointId, reason });
  }
}

/** The answer's body is never read (a receiver cannot make the platform download anything); the time is bounded. */
async function post(url: string, headers: Record<string, string>, body: string, timeoutMillis: number): Promise<AttemptResult> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMillis) });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    return { ok: false, statusCode: response.status, error: `answered ${response.status}` };
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { ok: false, statusCode: null, error: cause };
  }
}
