import {
  AUTO_TOP_UP_ORDER_PREFIX,
  type AutoTopUpEvent,
  type AutoTopUpStarted,
  orderStreamName,
  parseWalletStreamName,
  WebhooksRpc,
} from '@billing/contracts';
import type { CreditsPurchasedPayload } from '@billing/messaging';
import { PaymentProviderError, type PaymentProvider, type SavedMethodOutcome } from '@billing/payment-provider';
import { isAutoTopUp } from '@billing/purchase-domain';
import { type Clock, type ReactorEvent, type RpcClient, send } from '@billing/service-host';
import { availableIn, decideAutoTopUp } from './auto-top-ups';
import { type NotificationDependencies, receivePayment } from './payment-notifications';
import type { PurchaseStreams } from './purchase-streams';

export interface AutoTopUpReactionDependencies {
  readonly streams: PurchaseStreams;
  readonly provider: PaymentProvider;
  readonly rpc: RpcClient;
  readonly clock: Clock;
  /** What deciding a charge's outcome on its order needs, as for a provider's notification. */
  readonly notifications: NotificationDependencies;
}

/** The wallet events that move a pool's available credits (and `CreditsPurchased`, which also ends a top-up). */
export const AVAILABLE_CREDIT_MOVES = [
  'CreditsPurchased',
  'CreditsGranted',
  'CreditsReserved',
  'ReservationRejected',
  'CreditsCharged',
  'CreditsReleased',
  'ReservationExpired',
  'CreditsExpired',
  'CreditsRefunded',
  'CreditsRevoked',
  'CreditsFrozen',
  'CreditsUnfrozen',
];

/** The three reactions of auto top-up: the checks on the wallet's moves, the charges, the notices. */
export function autoTopUpReactions(deps: AutoTopUpReactionDependencies) {
  return { autoTopUpChecks: autoTopUpChecks(deps), autoTopUpCharges: autoTopUpCharges(deps), autoTopUpNotices: autoTopUpNotices(deps.rpc) };
}

const isTopUpOrder = (orderId: string) => orderId.startsWith(AUTO_TOP_UP_ORDER_PREFIX);

/**
 * After each batch of wallet events: a top-up whose credits arrived ends, then each touched
 * pool with auto top-up enabled is checked against its available credits as the wallet
 * answers now. The stream's revision check makes a second top-up in flight impossible, and
 * a batch seen again (after a crash) checks the same pools against the wallet as it is then.
 */
export function autoTopUpChecks(deps: AutoTopUpReactionDependencies): (events: readonly ReactorEvent[]) => Promise<void> {
  return async (events) => {
    const now = deps.clock.now();
    const touched = new Map<string, { accountId: string; pool: string }>();
    for (const event of events) {
      const wallet = parseWalletStreamName(event.streamName);
      if (!wallet) continue;
      touched.set(`${wallet.accountId}\u0000${wallet.pool}`, wallet);
      const { purchaseId } = event.data as Partial<CreditsPurchasedPayload>;
      if (event.type !== 'CreditsPurchased' || purchaseId === undefined || !isTopUpOrder(purchaseId)) continue;
      await decideAutoTopUp(deps.streams, {
        type: 'SettleAutoTopUp',
        data: { ...wallet, orderId: purchaseId, outcome: 'succeeded' },
        metadata: { commandId: `settle-auto-top-up:${purchaseId}`, now, correlationId: purchaseId, causationId: event.eventId },
      });
    }
    for (const { accountId, pool } of touched.values()) {
      const state = await deps.streams.autoTopUp(accountId, pool);
      if (!isAutoTopUp(state) || state.status !== 'enabled' || state.inFlight !== null) continue;
      const availableMillicredits = await availableIn(deps.rpc, accountId, pool);
      await decideAutoTopUp(deps.streams, {
        type: 'CheckAutoTopUp',
        data: { accountId, pool, availableMillicredits },
        metadata: { commandId: `check-auto-top-up:${accountId}:${pool}:${now}`, now, correlationId: `auto-top-up:${accountId}:${pool}` },
      });
    }
  };
}

/**
 * On the purchase store: a started top-up becomes an order for its pack, charged to the
 * saved payment method (keyed by the order, so a batch handled again charges once), and
 * the charge's outcome is decided on the order as a provider's notification would be; a
 * declined top-up order settles its top-up as failed. A paid one goes on like any order.
 */
export function autoTopUpCharges(deps: AutoTopUpReactionDependencies): (events: readonly ReactorEvent[]) => Promise<void> {
  return async (events) => {
    for (const event of events) {
      if (event.type === 'AutoTopUpStarted') await charge(deps, event.data as AutoTopUpStarted['data'], event.eventId);
      if (event.type === 'PaymentFailed') await settleDeclined(deps, event);
    }
  };
}

async function charge(deps: AutoTopUpReactionDependencies, started: AutoTopUpStarted['data'], eventId: string): Promise<void> {
  const { orderId, accountId, pool, packId, millicredits, amountCents, currency, priceBookId, priceBookVersion } = started;
  const now = deps.clock.now();
  await deps.streams.orders.handle(orderStreamName(orderId), {
    type: 'PlaceOrder',
    data: { orderId, accountId, item: { kind: 'pack', pool, millicredits, packId }, amountCents, currency, priceBookId, priceBookVersion },
    metadata: { commandId: `place-order:${orderId}`, now, correlationId: orderId, causationId: eventId },
  });
  // Charged before, and the batch handled again: the order already says how it went.
  if ((await deps.streams.order(orderId))?.status !== 'placed') return;
  const description = `Auto top-up: ${(millicredits / 1000).toLocaleString('en-US')} credits (${pool} pool)`;
  const outcome = await deps.provider
    .chargeSavedMethod({ orderId, accountId, description, amountCents, currency, idempotencyKey: `auto-top-up:${orderId}` })
    .catch((error: unknown): SavedMethodOutcome => {
      // Unreachable or failing on its side: the batch is tried again later. Any other refusal is a declined charge.
      if (!(error instanceof PaymentProviderError) || error.code === 'unavailable') throw error;
      return { kind: 'payment_failed', orderId, reason: `${error.code}: ${error.message}` };
    });
  await receivePayment(deps.notifications, outcome, now);
}

async function settleDeclined(deps: AutoTopUpReactionDependencies, event: ReactorEvent): Promise<void> {
  const { orderId, reason } = event.data as { orderId: string; reason: string };
  const order = await deps.streams.order(orderId);
  if (!order || order.item.kind !== 'pack') return;
  await decideAutoTopUp(deps.streams, {
    type: 'SettleAutoTopUp',
    data: { accountId: order.accountId, pool: order.item.pool, orderId, outcome: 'failed', reason },
    metadata: { commandId: `settle-auto-top-up:${orderId}`, now: deps.clock.now(), correlationId: orderId, causationId: event.eventId },
  });
}

/** Each ended top-up goes to the webhooks service, which makes it a message for the account's endpoints (its id follows the event's, so a resend is the same message). */
export function autoTopUpNotices(rpc: RpcClient): (events: readonly ReactorEvent[]) => Promise<void> {
  return async (events) => {
    const ended = events.filter((event) => event.type === 'AutoTopUpSucceeded' || event.type === 'AutoTopUpFailed');
    if (ended.length === 0) return;
    await send(rpc, WebhooksRpc.billingEvents, {
      events: ended.map((event) => ({ eventId: event.eventId, type: event.type as AutoTopUpEvent['type'], streamName: event.streamName, data: event.data as Record<string, unknown> })),
    });
  };
}
