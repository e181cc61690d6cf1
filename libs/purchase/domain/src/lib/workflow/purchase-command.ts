import { subscriptionStreamName, walletStreamName, type SubscriptionCommand, type WalletCommand } from '@billing/contracts';
import { assertNever } from '@billing/util';

/** A command the purchase workflow decided, with the stream it is meant for. */
export type PurchaseWorkflowCommand =
  | { readonly target: 'subscription'; readonly accountId: string; readonly command: SubscriptionCommand }
  | { readonly target: 'wallet'; readonly accountId: string; readonly pool: string; readonly command: WalletCommand };

export function purchaseTargetStream(workflowCommand: PurchaseWorkflowCommand): string {
  switch (workflowCommand.target) {
    case 'subscription':
      return subscriptionStreamName(workflowCommand.accountId);
    case 'wallet':
      return walletStreamName(workflowCommand.accountId, workflowCommand.pool);
    default:
      return assertNever(workflowCommand, 'purchase command target');
  }
}

/** Plan credits are granted once per account and period: the id says which. */
export function planGrantId(accountId: string, periodStart: number): string {
  return `plan:${accountId}:${periodStart}`;
}

/** An upgrade's pro rata credits: one upgrade per moment, so the moment says which. */
export function planUpgradeGrantId(accountId: string, at: number): string {
  return `plan-upgrade:${accountId}:${at}`;
}
