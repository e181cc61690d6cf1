import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { afterFailure, webhookHeaders } from '@billing/webhooks-domain';
import type { Logger } from '@billing/service-host';
import type { AttemptResult, Deliveries, DueDelivery } from './deliveries';
import { isInternalAddress } from './endpoint-urls';
import type { Endpoints } from './endpoints';
import { publicOnlyLookup } from './public-lookup';

export interface DeliverySenderOptions {
  readonly deliveries: Deliveries;
  readonly endpoints: Endpoints;
  readonly logger: Logger;
  readonly retryScheduleMillis: readonly number[];
  readonly timeoutMillis: number;
  /** A number in [0, 1) for each retry's jitter. */
  readonly jitter: () => number;
  /** Production connects only to public addresses, checked when the name is resolved for each attempt. */
  readonly production: boolean;
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
  const result = await post(endpoint.url, { ...headers, 'content-type': 'application/json' }, delivery.payload, options);
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

/**
 * The answer's body is never read (a receiver cannot make the platform download anything),
 * a redirect is not followed, and the time is bounded. In production the connection goes
 * only to a public address: an IP in the URL is checked here, a name where it is resolved.
 */
function post(url: string, headers: Record<string, string>, body: string, options: Pick<DeliverySenderOptions, 'timeoutMillis' | 'production'>): Promise<AttemptResult> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (options.production && isIP(host) !== 0 && isInternalAddress(host)) {
    return Promise.resolve({ ok: false, statusCode: null, error: `${host} is a loopback, private or link-local address` });
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(options.timeoutMillis),
        ...(options.production ? { lookup: publicOnlyLookup } : {}),
      },
      (response) => {
        response.destroy();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, statusCode: status } : { ok: false, statusCode: status, error: `answered ${status}` });
      },
    );
    request.on('error', (error) => resolve({ ok: false, statusCode: null, error: error.message }));
    request.end(body);
  });
}
