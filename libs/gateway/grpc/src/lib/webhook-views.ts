import type { PoolBalanceAlertsView, WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecretView } from '@billing/gateway-application';
import { formatCredits, parseCredits } from '@billing/util';
import type { PoolBalanceAlertsMessage, WebhookDeliveryMessage, WebhookEndpointMessage } from './billing-messages';
import { timestampOf } from './proto-views';

/** The gateway's webhook views (shared with REST) as `billing.v1` messages: null text is empty, an ISO instant a Timestamp. */

const creditsText = (credits: number): string => formatCredits(parseCredits(credits));

export function webhookEndpointMessage(endpoint: WebhookEndpointView | WebhookEndpointWithSecretView): WebhookEndpointMessage {
  return {
    id: endpoint.id,
    url: endpoint.url,
    eventTypes: endpoint.event_types,
    enabled: endpoint.enabled,
    description: endpoint.description ?? '',
    disabledReason: endpoint.disabled_reason ?? '',
    createdAt: timestampOf(Date.parse(endpoint.created_at)),
    secret: ('secret' in endpoint ? endpoint.secret : null) ?? '',
  };
}

export function webhookDeliveryMessage(delivery: WebhookDeliveryView): WebhookDeliveryMessage {
  return {
    id: delivery.id,
    messageId: delivery.message_id,
    eventType: delivery.event_type,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.next_attempt_at === null ? null : timestampOf(Date.parse(delivery.next_attempt_at)),
    ...(delivery.last_status_code === null ? {} : { lastStatusCode: delivery.last_status_code }),
    lastError: delivery.last_error ?? '',
    payload: delivery.payload,
    createdAt: timestampOf(Date.parse(delivery.created_at)),
  };
}

export function poolBalanceAlertsMessage(pool: PoolBalanceAlertsView): PoolBalanceAlertsMessage {
  return {
    pool: pool.pool,
    thresholds: pool.thresholds.map(creditsText),
    alerts: pool.alerts.map((alert) => ({ type: alert.type, threshold: alert.threshold === null ? '' : creditsText(alert.threshold), armed: alert.armed, crossings: alert.crossings })),
  };
}
