import { AUTO_TOP_UP_CATEGORY, type AutoTopUpFailed, type AutoTopUpSucceeded, type EpochMillis, parseWalletStreamName, type WebhookEventType } from '@billing/contracts';
import { creditsNumber } from '@billing/util';

/** One message to an account's endpoints: its id is the delivery's `webhook-id`, the same on every attempt and replay. */
export interface WebhookMessage {
  readonly messageId: string;
  readonly type: WebhookEventType;
  readonly accountId: string;
  readonly at: EpochMillis;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A billing event as it was recorded (a wallet or subscription event off its topic, an auto top-up's end from the purchase service). */
export interface RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly streamName: string;
}

interface WalletEventData {
  readonly at: EpochMillis;
  readonly millicredits: number;
  readonly purchaseId?: string;
  readonly amountCents?: number;
  readonly currency?: string;
  readonly source?: { readonly kind: string; readonly reference: string };
  readonly expiresAt?: EpochMillis | null;
  readonly taskId?: string;
  readonly reason?: string;
}

interface RenewalFailedData {
  readonly accountId: string;
  readonly planId: string;
  readonly invoiceId: string;
  readonly periodStart: EpochMillis;
  readonly periodEnd: EpochMillis;
  readonly attempt: number;
  readonly reason: string;
  readonly at: EpochMillis;
}

const isoOf = (at: EpochMillis): string => new Date(at).toISOString();

/**
 * The webhook message an event makes, if any: a purchase, a plan's granted period, a
 * renewal the provider could not collect, a task's charge, a task's released hold, an auto
 * top-up's end. The message id comes from the event's id, so the same event always makes
 * the same message.
 */
export function webhookMessageOf(event: RecordedEvent): WebhookMessage | undefined {
  if (event.type === 'SubscriptionPastDue') return renewalFailedMessage(event.eventId, event.data as RenewalFailedData);
  if (event.streamName.startsWith(`${AUTO_TOP_UP_CATEGORY}-`)) return autoTopUpMessageOf(event);
  const wallet = parseWalletStreamName(event.streamName);
  if (wallet === undefined) return undefined;
  const data = event.data as WalletEventData;
  const message = (type: WebhookEventType, fields: Record<string, unknown>): WebhookMessage => ({
    messageId: `msg_${event.eventId}`,
    type,
    accountId: wallet.accountId,
    at: data.at,
    data: { account_id: wallet.accountId, pool: wallet.pool, credits: creditsNumber(data.millicredits), ...fields },
  });
  switch (event.type) {
    case 'CreditsPurchased':
      return message('credits.purchased', { purchase_id: data.purchaseId, amount_cents: data.amountCents, currency: data.currency });
    case 'CreditsGranted':
      if (data.source?.kind !== 'plan') return undefined;
      return message('plan.renewed', { grant: data.source.reference, expires_at: data.expiresAt ? isoOf(data.expiresAt) : null });
    case 'CreditsCharged':
      return data.taskId === undefined ? undefined : message('task.charged', { task_id: data.taskId });
    case 'CreditsReleased':
      return data.taskId === undefined ? undefined : message('task.refunded', { task_id: data.taskId, reason: data.reason });
    default:
      return undefined;
  }
}

/** A renewal not paid: nothing is granted for its period until a later attempt is; `attempt` counts the provider's tries. */
function renewalFailedMessage(eventId: string, data: RenewalFailedData): WebhookMessage {
  return {
    messageId: `msg_${eventId}`,
    type: 'plan.renewal_failed',
    accountId: data.accountId,
    at: data.at,
    data: {
      account_id: data.accountId,
      plan_id: data.planId,
      invoice_id: data.invoiceId,
      period_start: isoOf(data.periodStart),
      period_end: isoOf(data.periodEnd),
      attempt: data.attempt,
      reason: data.reason,
    },
  };
}

/** A top-up's end: `auto_top_up.succeeded` with what it bought, or `auto_top_up.failed` with the reason and whether auto top-up is now disabled. */
function autoTopUpMessageOf(event: RecordedEvent): WebhookMessage | undefined {
  if (event.type !== 'AutoTopUpSucceeded' && event.type !== 'AutoTopUpFailed') return undefined;
  const data = event.data as AutoTopUpSucceeded['data'] | AutoTopUpFailed['data'];
  const common = { account_id: data.accountId, pool: data.pool, order_id: data.orderId };
  const fields =
    'reason' in data
      ? { ...common, reason: data.reason, failures: data.failures, disabled: data.disabled }
      : { ...common, credits: creditsNumber(data.millicredits), amount_cents: data.amountCents, currency: data.currency };
  const type = event.type === 'AutoTopUpSucceeded' ? 'auto_top_up.succeeded' : 'auto_top_up.failed';
  return { messageId: `msg_${event.eventId}`, type, accountId: data.accountId, at: data.at, data: fields };
}

/** The body every attempt sends: `{type, timestamp, data}` as the Standard Webhooks spec lays it out. */
export const webhookBody = (message: WebhookMessage): string =>
  JSON.stringify({ type: message.type, timestamp: new Date(message.at).toISOString(), data: message.data });
