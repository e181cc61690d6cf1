import {
  type AccountPlan,
  type Answering,
  type CatalogReply,
  DEFAULT_CONCURRENCY_LIMIT,
  type Entitlement,
  type Order,
  type OrderItem,
  orderStreamName,
  type PlacedOrder,
  type PlaceOrderCall,
  type PlanSubscriptionView,
  type PlanTerms,
  PricingRpc,
  type Receipt,
  PurchaseRpc,
  subscriptionStreamName,
  WalletRpc,
  type WebhookOutcome,
} from '@billing/contracts';
import type { SandboxPaymentProvider } from '@billing/payment-provider';
import { isSubscription, planInForce } from '@billing/purchase-domain';
import { type Clock, type Logger, type RpcClient, send } from '@billing/service-host';
import { autoTopUpOperations } from './auto-top-ups';
import { orderCredited } from './order-credits';
import { changePlan } from './plan-changes';
import { renewalRefunds } from './renewal-refunds';
import { receiveNotification, type NotificationDependencies } from './payment-notifications';
import type { ConfiguredProvider } from './payment-provider-config';
import { problems } from './purchase-problems';
import type { PurchaseStreams } from './purchase-streams';
import { decideSubscription } from './purchase-workflow-reactor';

export interface PurchaseRpcDependencies {
  readonly streams: PurchaseStreams;
  readonly payments: ConfiguredProvider;
  readonly rpc: RpcClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly priceBookId: string;
  readonly ownerOfPayment: NotificationDependencies['ownerOfPayment'];
  readonly linkedPaymentOf: NotificationDependencies['linkedPaymentOf'];
  readonly ownerRefundWindowMillis: number;
  /** The account's receipts (the receipts read model, caught up). */
  readonly receipts: (accountId: string, orderId?: string) => Promise<readonly Receipt[]>;
}

/** What the purchase service answers, one function per method of its contract. */
export function purchaseOperations(deps: PurchaseRpcDependencies): Answering<typeof PurchaseRpc> {
  const { streams, payments, clock } = deps;
  const catalog = () => send(deps.rpc, PricingRpc.catalog, { priceBookId: deps.priceBookId });

  async function orderOf(orderId: string, accountId?: string): Promise<Order> {
    const order = await streams.order(orderId);
    // Another account's order is not found: its existence is not theirs to learn.
    if (!order || (accountId !== undefined && order.accountId !== accountId)) throw problems.notFound('Order', `no order ${orderId}`, { orderId });
    return order;
  }

  async function checkout(order: Order, urls: { successUrl?: string; cancelUrl?: string } = {}): Promise<PlacedOrder> {
    const { orderId, accountId, amountCents, currency } = order;
    const recurring = order.item.kind === 'plan' ? { recurring: { interval: 'month' as const } } : {};
    const placed = await payments.provider.createCheckout({ orderId, accountId, amountCents, currency, description: describe(order.item), ...recurring, ...urls });
    return { order, checkoutUrl: placed.checkoutUrl, providerReference: placed.providerReference };
  }

  const receive = (rawBody: Buffer | string, headers: Record<string, string>): Promise<WebhookOutcome> =>
    receiveNotification({ streams, provider: payments.provider, logger: deps.logger, ownerOfPayment: deps.ownerOfPayment, linkedPaymentOf: deps.linkedPaymentOf }, rawBody, headers, clock.now());

  async function planOf(accountId: string): Promise<AccountPlan> {
    const [{ state, terms }, book] = await Promise.all([streams.subscription(accountId), catalog()]);
    if (planInForce(state, clock.now())) {
      const { planId, pool, monthlyMillicredits } = state;
      return { accountId, planId, source: 'subscription', pool, monthlyMillicredits, ...(terms ?? termsFromCatalog(book, planId)) };
    }
    const planId = book.defaultPlanId;
    return { accountId, planId, source: 'default', ...termsFromCatalog(book, planId) };
  }

  async function subscriptionOf(accountId: string): Promise<PlanSubscriptionView> {
    const { state } = await streams.subscription(accountId);
    if (!isSubscription(state)) throw problems.notFound('Subscription', `account ${accountId} has no plan subscription`, { accountId });
    const { planId, status, billing, paidThrough, endsAt, cancelledAt, pendingChange } = state;
    return { accountId, planId, status, billing, paidThrough, endsAt, cancelledAt, pendingChange: pendingChange && { planId: pendingChange.planId, from: pendingChange.effectiveAt } };
  }

  /** Tells the provider first (it bills the renewals), then records the change; both are idempotent, so a retry after a failure finishes it. */
  async function setCancelAtPeriodEnd(accountId: string, cancel: boolean): Promise<PlanSubscriptionView> {
    const { state } = await streams.subscription(accountId);
    if (!planInForce(state, clock.now())) throw problems.notFound('Subscription', `account ${accountId} has no plan in force`, { accountId });
    if (state.providerSubscriptionId !== undefined) await payments.provider.setCancelAtPeriodEnd(state.providerSubscriptionId, cancel);
    const now = clock.now();
    const metadata = { commandId: `${cancel ? 'cancel-at-period-end' : 'resume'}:${accountId}:${now}`, now, correlationId: `plan:${accountId}` };
    await streams.subscriptions.handle(
      subscriptionStreamName(accountId),
      cancel ? { type: 'ScheduleCancellation', data: { accountId, reason: 'customer_request' }, metadata } : { type: 'ResumeSubscription', data: { accountId }, metadata },
    );
    return subscriptionOf(accountId);
  }

  /**
   * The buyer refunds a pack of theirs, paid within the window and none of its credits
   * used (read from the wallet's books now). Credits spent between this check and the
   * revocation are not refunded: the money follows what the wallet takes back.
   */
  async function assertOwnerMayRefund(order: Order): Promise<void> {
    if (order.status === 'refund_requested' || order.status === 'refunded') return;
    if (order.item.kind !== 'pack') throw problems.forbidden('a plan is ended by cancelling it; its refunds are made by finance');
    if (order.status !== 'paid' || order.paidAt === null) throw problems.conflict(`order ${order.orderId} is ${order.status}: only a paid order is refunded`, { code: 'not_paid' });
    if (clock.now() - order.paidAt > deps.ownerRefundWindowMillis) {
      throw problems.forbidden(`order ${order.orderId} was paid more than ${Math.floor(deps.ownerRefundWindowMillis / 86_400_000)} days ago: ask support for a refund`);
    }
    const lot = await send(deps.rpc, WalletRpc.purchaseLot, { accountId: order.accountId, pool: order.item.pool, purchaseId: order.orderId }, { key: order.accountId, correlationId: order.orderId });
    if (!lot.known || lot.remainingMillicredits < lot.purchasedMillicredits || lot.heldMillicredits > 0) {
      throw problems.conflict(`order ${order.orderId}: some of its credits are used or held; only an unused pack is refunded on request`, { code: 'pack_used' });
    }
  }

  return {
    ...autoTopUpOperations({ streams, rpc: deps.rpc, clock, catalog }),
    ...renewalRefunds(deps),
    planSubscription: (request) => subscriptionOf(request.accountId),
    cancelPlanAtPeriodEnd: (request) => setCancelAtPeriodEnd(request.accountId, true),
    resumePlan: (request) => setCancelAtPeriodEnd(request.accountId, false),
    changePlan: async (request) => {
      await changePlan({ ...deps, provider: payments.provider, catalog }, request.accountId, request.planId);
      return subscriptionOf(request.accountId);
    },
    receipts: async (request) => ({ receipts: await deps.receipts(request.accountId, request.orderId) }),
    failNextSandboxRenewals: async (request) => {
      if (payments.kind !== 'sandbox') throw problems.forbidden('renewals are declined on demand only by the sandbox provider');
      payments.provider.failNextCharges(request.accountId, request.count ?? 1);
      return { accountId: request.accountId, failNext: request.count ?? 1 };
    },
    placeOrder: async (request): Promise<PlacedOrder> => {
      const urls = { ...(request.successUrl ? { successUrl: request.successUrl } : {}), ...(request.cancelUrl ? { cancelUrl: request.cancelUrl } : {}) };
      const known = await streams.order(request.orderId);
      if (known) return checkout(sameOrder(known, request), urls);
      const book = await catalog();
      const priced = priceOf(book, request.item);
      if (priced.item.kind === 'plan') {
        const { state } = await streams.subscription(request.accountId);
        if (planInForce(state, clock.now())) throw problems.conflict(`account ${request.accountId} is already on plan ${state.planId}`, { planId: state.planId });
      }
      const { orderId, accountId, actor } = request;
      await streams.orders.handle(orderStreamName(orderId), {
        type: 'PlaceOrder',
        data: { orderId, accountId, item: priced.item, amountCents: priced.amountCents, currency: book.currency, priceBookId: book.priceBookId, priceBookVersion: book.priceBookVersion, ...(actor ? { actor } : {}) },
        metadata: { commandId: `place-order:${orderId}`, now: clock.now(), correlationId: orderId },
      });
      // Two requests racing with one order id: the first one written is the order.
      return checkout(sameOrder(await orderOf(orderId), request), urls);
    },
    getOrder: (request) => orderOf(request.orderId, request.accountId),
    confirmSandboxPayment: async (request): Promise<WebhookOutcome> => {
      if (payments.kind !== 'sandbox') throw problems.forbidden('payments are confirmed locally only by the sandbox provider');
      const order = await orderOf(request.orderId);
      const sandbox: SandboxPaymentProvider = payments.provider;
      // The sandbox keeps checkouts in memory: after a restart the order is checked out again first.
      await checkout(order);
      const notification = sandbox.confirm(order.orderId, clock.now());
      return receive(notification.rawBody, notification.headers);
    },
    orderCredited: async (request) => {
      const deadline = Date.now() + request.waitMillis;
      return { credited: await orderCredited(await orderOf(request.orderId, request.accountId), deps, deadline) };
    },
    paymentWebhook: async (request): Promise<WebhookOutcome> => {
      if (request.provider !== payments.kind) throw problems.validation('provider', `this deployment takes payments through ${payments.kind}, not ${request.provider}`);
      return receive(Buffer.from(request.rawBody, 'base64'), request.headers);
    },
    refundOrder: async (request): Promise<Order> => {
      const initiatedBy = request.requestedBy ?? 'finance';
      const order = await orderOf(request.orderId, initiatedBy === 'owner' ? request.accountId : undefined);
      if (initiatedBy === 'owner') await assertOwnerMayRefund(order);
      // Stripe refunds a plan's payment by the PaymentIntent its first invoice was paid with, which Stripe reports on its own.
      if (order.item.kind === 'plan' && order.status === 'paid' && payments.kind === 'stripe' && order.linkedPaymentId === null) {
        throw problems.providerNotReady(`order ${order.orderId}: Stripe has not reported the payment that paid invoice ${order.paymentId ?? ''} yet; try again shortly`);
      }
      await streams.orders.handle(orderStreamName(request.orderId), {
        type: 'RefundOrder',
        data: { orderId: request.orderId, reason: request.reason, initiatedBy },
        metadata: { commandId: `refund-order:${request.orderId}`, now: clock.now(), correlationId: request.orderId },
      });
      return orderOf(request.orderId);
    },
    accountPlan: (request) => planOf(request.accountId),
    startContractPlan: async (request): Promise<AccountPlan> => {
      const book = await catalog();
      const plan = book.plans.find((candidate) => candidate.id === request.planId);
      if (!plan) throw problems.notFound('Plan', `price book ${book.priceBookId} has no plan ${request.planId}`, { planId: request.planId });
      if (plan.priceCents !== null) throw problems.validation('planId', `plan ${plan.id} is sold online: place an order for it`);
      const { accountId } = request;
      const { state } = await streams.subscription(accountId);
      const inForce = planInForce(state, clock.now());
      if (inForce && state.planId !== plan.id) throw problems.conflict(`account ${accountId} is already on plan ${state.planId}`, { planId: state.planId });
      if (!inForce) {
        const now = clock.now();
        const { concurrencyLimit, priority, entitlements } = plan;
        await decideSubscription(
          streams,
          {
            type: 'StartSubscription',
            data: { accountId, planId: plan.id, monthlyMillicredits: plan.monthlyGrantMillicredits, pool: plan.pool, periodStart: now, concurrencyLimit, priority, entitlements },
            metadata: { commandId: `contract-plan:${accountId}:${request.contractReference}`, now, correlationId: request.contractReference },
          },
          deps.logger,
        );
      }
      return planOf(accountId);
    },
  };
}

/** The item priced from the book in force: a pack's credits and price, or a plan's monthly price and terms. */
function priceOf(book: CatalogReply, item: PlaceOrderCall['item']): { item: OrderItem; amountCents: number } {
  if (item.kind === 'pack') {
    const pack = book.packs.find((candidate) => candidate.id === item.packId);
    if (!pack) throw problems.notFound('Pack', `price book ${book.priceBookId} ${book.priceBookVersion} has no pack ${item.packId}`, { packId: item.packId });
    return { item: { kind: 'pack', packId: pack.id, pool: pack.pool, millicredits: pack.millicredits }, amountCents: pack.priceCents };
  }
  const plan = book.plans.find((candidate) => candidate.id === item.planId);
  if (!plan) throw problems.notFound('Plan', `price book ${book.priceBookId} ${book.priceBookVersion} has no plan ${item.planId}`, { planId: item.planId });
  if (plan.priceCents === null) throw problems.validation('item.planId', `plan ${plan.id} is sold by contract, not online`);
  if (plan.priceCents === 0 || plan.monthlyGrantMillicredits === 0) throw problems.validation('item.planId', `plan ${plan.id} is free: there is nothing to order`);
  const { concurrencyLimit, priority, entitlements } = plan;
  return {
    item: { kind: 'plan', planId: plan.id, monthlyMillicredits: plan.monthlyGrantMillicredits, pool: plan.pool, concurrencyLimit, priority, entitlements },
    amountCents: plan.priceCents,
  };
}

/** A repeated order id must be the same order (same account, same pack or plan). */
function sameOrder(order: Order, request: PlaceOrderCall): Order {
  const { item } = order;
  const same =
    order.accountId === request.accountId &&
    item.kind === request.item.kind &&
    (item.kind === 'pack' ? item.packId === request.item.packId : item.planId === request.item.planId);
  if (!same) throw problems.conflict(`order ${order.orderId} already exists with other contents`, { orderId: order.orderId });
  return order;
}

function describe(item: OrderItem): string {
  if (item.kind === 'plan') return `Plan ${item.planId}, monthly`;
  return `${(item.millicredits / 1000).toLocaleString('en-US')} credits (${item.pool} pool)`;
}

/** A plan the book no longer lists keeps the seed's limit and nothing extra. */
function termsFromCatalog(book: CatalogReply, planId: string): PlanTerms {
  const plan = book.plans.find((candidate) => candidate.id === planId);
  if (!plan) return { concurrencyLimit: DEFAULT_CONCURRENCY_LIMIT, priority: false, entitlements: [] as Entitlement[] };
  return { concurrencyLimit: plan.concurrencyLimit, priority: plan.priority, entitlements: plan.entitlements };
}
