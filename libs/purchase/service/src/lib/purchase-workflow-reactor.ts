import { SERVICES, subscriptionStreamName, type OrderEvent, type StartSubscription, type SubscriptionCommand } from '@billing/contracts';
import { PurchaseError, purchaseTargetStream, reactToPurchaseEvent, type PurchaseWorkflowEvent } from '@billing/purchase-domain';
import type { Logger, OutgoingCommand, ReactorEvent, ServiceContext } from '@billing/service-host';
import type { PurchaseStreams } from './purchase-streams';

/**
 * The purchase workflow on the service's own events: a paid pack becomes purchased
 * credits in its pool, a paid plan starts the subscription, a granted period becomes a
 * grant expiring at the period's end, a refund takes back what the order gave. Command
 * ids come from the events (the workflow's rule), so a batch handled twice has the effect of one.
 */
export function purchaseWorkflow(streams: PurchaseStreams, context: Pick<ServiceContext, 'commands' | 'clock' | 'logger'>): (events: readonly ReactorEvent[]) => Promise<void> {
  return async (events) => {
    const toWallet: OutgoingCommand[] = [];
    for (const recorded of events) {
      // The store holds what the purchase deciders wrote.
      const event = { type: recorded.type, data: recorded.data } as PurchaseWorkflowEvent;
      for (const decided of reactToPurchaseEvent(event, { now: context.clock.now(), eventId: recorded.eventId })) {
        if (decided.target === 'wallet') toWallet.push({ accountId: decided.accountId, streamName: purchaseTargetStream(decided), command: decided.command });
        else await decideSubscription(streams, withPlanTerms(decided.command, event), context.logger);
      }
    }
    await context.commands.send(SERVICES.wallet, toWallet);
  };
}

/** A plan's start carries the terms the order sold it with (concurrency, priority, entitlements). */
function withPlanTerms(command: SubscriptionCommand, cause: PurchaseWorkflowEvent): SubscriptionCommand {
  if (command.type !== 'StartSubscription' || cause.type !== 'PaymentConfirmed') return command;
  const { item } = (cause as Extract<OrderEvent, { type: 'PaymentConfirmed' }>).data;
  if (item.kind !== 'plan' || item.concurrencyLimit === undefined || item.priority === undefined || item.entitlements === undefined) return command;
  const start: StartSubscription = {
    ...command,
    data: { ...command.data, concurrencyLimit: item.concurrencyLimit, priority: item.priority, entitlements: item.entitlements },
  };
  return start;
}

/** Local subscription commands: a refusal (a second plan, a period out of turn) is logged, not retried. */
export async function decideSubscription(streams: PurchaseStreams, command: SubscriptionCommand, logger: Logger): Promise<number> {
  try {
    const { events } = await streams.subscriptions.handle(subscriptionStreamName(command.data.accountId), command);
    return events.length;
  } catch (error) {
    if (!(error instanceof PurchaseError)) throw error;
    logger.warn('subscription command refused', { commandId: command.metadata.commandId, type: command.type, code: error.code, reason: error.message });
    return 0;
  }
}
