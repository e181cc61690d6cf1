import { type CatalogReply, type PlanOffer, subscriptionStreamName, type SubscriptionCommand } from '@billing/contracts';
import type { PaymentProvider } from '@billing/payment-provider';
import { priceOfPlanChange } from '@billing/pricing-domain';
import { planInForce, planPeriod, subscriptionDecider } from '@billing/purchase-domain';
import type { Clock } from '@billing/service-host';
import { problems } from './purchase-problems';
import type { PurchaseStreams } from './purchase-streams';

export interface PlanChangeDependencies {
  readonly streams: PurchaseStreams;
  readonly provider: PaymentProvider;
  readonly clock: Clock;
  readonly catalog: () => Promise<CatalogReply>;
}

/**
 * Moves the account's plan to `planId` of the book in force (README, "Plan changes"):
 * priced by the pricing domain, checked by the subscription's decider, told to the
 * provider (which charges an upgrade's difference), then recorded. A repeat of a change
 * already made changes nothing and asks the provider for nothing.
 */
export async function changePlan(deps: PlanChangeDependencies, accountId: string, planId: string): Promise<void> {
  const [{ state }, book] = await Promise.all([deps.streams.subscription(accountId), deps.catalog()]);
  const now = deps.clock.now();
  if (!planInForce(state, now)) throw problems.notFound('Subscription', `account ${accountId} has no plan in force`, { accountId });
  const plan = book.plans.find((candidate) => candidate.id === planId);
  if (!plan) throw problems.notFound('Plan', `price book ${book.priceBookId} has no plan ${planId}`, { planId });
  if (plan.priceCents === null || plan.priceCents === 0 || plan.monthlyGrantMillicredits === 0) {
    throw problems.validation('plan_id', `plan ${planId} is not sold online by the month: a contract plan is arranged with sales, a free plan is reached by cancelling`);
  }
  if (plan.pool !== state.pool) throw problems.validation('plan_id', `plan ${planId} grants ${plan.pool} credits, not ${state.pool}`);
  const order = state.orderId === undefined ? undefined : await deps.streams.order(state.orderId);
  const paidThrough = state.paidThrough ?? planPeriod(state.anchor, 0).periodEnd;
  const period = { periodStart: state.paidFrom ?? state.anchor, periodEnd: paidThrough };
  const from = { monthlyMillicredits: state.monthlyMillicredits, monthlyPriceCents: state.monthlyPriceCents ?? order?.amountCents ?? 0 };
  const { concurrencyLimit, priority, entitlements } = plan;
  const to: PlanOffer = { planId, monthlyMillicredits: plan.monthlyGrantMillicredits, monthlyPriceCents: plan.priceCents, currency: book.currency, concurrencyLimit, priority, entitlements };
  const price = priceOfPlanChange(from, to, period, now);
  const metadata = { commandId: `change-plan:${accountId}:${planId}:${paidThrough}`, now, correlationId: `plan:${accountId}` };
  const command: SubscriptionCommand =
    price.kind === 'upgrade'
      ? { type: 'UpgradePlan', data: { accountId, to, proratedMillicredits: price.millicredits, proratedCents: price.amountCents }, metadata }
      : { type: 'ScheduleDowngrade', data: { accountId, to }, metadata };
  // Refused or already made: the provider is not asked.
  if (subscriptionDecider.decide(command, state).length === 0) return;
  let billed = {};
  if (state.providerSubscriptionId !== undefined) {
    billed = await deps.provider.changePlan({
      providerSubscriptionId: state.providerSubscriptionId,
      accountId,
      orderId: state.orderId ?? '',
      description: `Plan ${planId}, monthly`,
      monthlyAmountCents: plan.priceCents,
      currency: book.currency,
      prorate: price.kind === 'upgrade' && price.amountCents > 0,
      idempotencyKey: metadata.commandId,
    });
  }
  const recorded: SubscriptionCommand = command.type === 'UpgradePlan' ? { ...command, data: { ...command.data, ...billed } } : command;
  await deps.streams.subscriptions.handle(subscriptionStreamName(accountId), recorded);
}
