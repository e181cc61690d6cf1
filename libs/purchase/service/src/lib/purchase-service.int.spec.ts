import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PurchaseRpc, subscriptionStreamName } from '@billing/contracts';
import { SandboxPaymentProvider } from '@billing/payment-provider';
import { addCalendarMonths } from '@billing/purchase-domain';
import { RpcError } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { startPurchaseWorld, type PurchaseWorld } from '../testing/purchase-world';
import { createPurchaseService, ORDER_TOPIC, SUBSCRIPTION_TOPIC, type PurchaseServiceOptions } from './purchase-service';

const NOW = Date.UTC(2026, 0, 31, 9, 30);
const SECRET = 'whsec_sandbox_test';
const sandbox = (priceBookId: string): PurchaseServiceOptions => ({
  environment: 'embedded',
  priceBookId,
  payments: { kind: 'sandbox', checkoutBaseUrl: 'http://localhost:3000/sandbox/checkout', webhookSecret: SECRET },
});
/** The provider's side of the sandbox, signing notifications the way the service's own provider checks them. */
const providerSide = new SandboxPaymentProvider({ environment: 'test', checkoutBaseUrl: 'http://unused', webhookSecret: SECRET });
const asWebhook = (notification: { rawBody: string; headers: Readonly<Record<string, string>> }) => ({
  provider: 'sandbox' as const,
  rawBody: Buffer.from(notification.rawBody).toString('base64'),
  headers: notification.headers,
});

describe('purchase service: packs (credits book, sandbox payments)', () => {
  let dir: string;
  let world: PurchaseWorld;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'purchase-packs-'));
    world = await startPurchaseWorld(dir, sandbox('credits'), NOW);
  });
  afterEach(async () => {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const placePack = (orderId: string, packId: string, accountId = 'acct-1') =>
    world.rpc(PurchaseRpc.placeOrder, { accountId, orderId, item: { kind: 'pack', packId } });

  it('given a pack bought and paid, then the wallet is told to add its credits to its pool, once, whatever the confirmations', async () => {
    const placed = await placePack('order-1', 'api-1000');
    expect(placed.checkoutUrl).toBe('http://localhost:3000/sandbox/checkout/order-1');
    expect(placed.order).toMatchObject({
      status: 'placed',
      accountId: 'acct-1',
      item: { kind: 'pack', packId: 'api-1000', pool: 'api', millicredits: 1_000_000 },
      amountCents: 7_200,
      currency: 'USD',
      priceBookId: 'credits',
      priceBookVersion: '2026-01-01',
    });
    // Placing it again (a retried request) answers the same order.
    expect((await placePack('order-1', 'api-1000')).order).toEqual(placed.order);

    const confirmed = await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'order-1' });
    expect(confirmed.outcome).toBe('applied');
    expect(confirmed.order?.status).toBe('paid');
    expect((await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'order-1' })).outcome).toBe('duplicate');

    await world.quiesce('acct-1');
    expect(world.sentToWallet).toEqual([
      {
        type: 'PurchaseCredits',
        data: { purchaseId: 'order-1', millicredits: 1_000_000, amountCents: 7_200, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
        metadata: expect.objectContaining({ commandId: 'PaymentConfirmed:order-1', correlationId: 'order-1' }),
        targetStream: 'wallet-acct-1-api',
        accountId: 'acct-1',
      },
    ]);
    expect(await world.rpc(PurchaseRpc.getOrder, { orderId: 'order-1', accountId: 'acct-1' })).toMatchObject({ status: 'paid', paymentId: 'sandbox_pay_order-1' });
  });

  it('given a payment that failed, then the order says so and the wallet hears nothing', async () => {
    await placePack('order-2', 'app-300');
    await providerSide.createCheckout({ orderId: 'order-2', accountId: 'acct-1', description: 'x', amountCents: 2_400, currency: 'USD' });
    const failed = await world.rpc(PurchaseRpc.paymentWebhook, asWebhook(providerSide.fail('order-2', NOW)));
    expect(failed).toMatchObject({ outcome: 'applied', order: { status: 'payment_failed' } });
    await world.quiesce('acct-1');
    expect(world.sentToWallet).toEqual([]);
  });

  it('refuses webhooks it cannot verify, and answers with problem details', async () => {
    await placePack('order-3', 'app-300');
    const forger = new SandboxPaymentProvider({ environment: 'test', checkoutBaseUrl: 'http://unused', webhookSecret: 'not-the-secret' });
    await forger.createCheckout({ orderId: 'order-3', accountId: 'acct-1', description: 'x', amountCents: 2_400, currency: 'USD' });
    await expect(world.rpc(PurchaseRpc.paymentWebhook, asWebhook(forger.confirm('order-3', NOW)))).rejects.toMatchObject({
      problem: { type: 'validation', status: 400, errors: [{ field: 'headers' }] },
    });
    await expect(world.rpc(PurchaseRpc.paymentWebhook, { ...asWebhook(forger.confirm('order-3', NOW)), provider: 'stripe' as const })).rejects.toMatchObject({ problem: { type: 'validation' } });
    expect((await world.rpc(PurchaseRpc.getOrder, { orderId: 'order-3' })).status).toBe('placed');
    await expect(world.rpc(PurchaseRpc.getOrder, { orderId: 'order-3', accountId: 'acct-2' })).rejects.toMatchObject({ problem: { type: 'not-found', status: 404 } });
    await expect(placePack('order-4', 'no-such-pack')).rejects.toMatchObject({ problem: { type: 'not-found' } });
    await expect(placePack('order-3', 'api-300')).rejects.toMatchObject({ problem: { type: 'conflict', status: 409 } });
    await expect(world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-1', orderId: 'o', item: { kind: 'pack' } })).rejects.toBeInstanceOf(RpcError);
  });

  it('given a paid pack refunded, then its credits are revoked in the wallet, once', async () => {
    await placePack('order-5', 'app-3000', 'acct-9');
    await expect(world.rpc(PurchaseRpc.refundOrder, { orderId: 'order-5', reason: 'chargeback' })).rejects.toMatchObject({ problem: { type: 'conflict' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'order-5' });
    // The wallet's revocation settles the money (the gateway e2e follows it there).
    expect(await world.rpc(PurchaseRpc.refundOrder, { orderId: 'order-5', reason: 'chargeback' })).toMatchObject({ status: 'refund_requested' });
    await world.rpc(PurchaseRpc.refundOrder, { orderId: 'order-5', reason: 'chargeback' });
    await world.quiesce('acct-9');
    expect(world.sentToWallet.map((c) => [c.type, c.targetStream, c.data['purchaseId']])).toEqual([
      ['PurchaseCredits', 'wallet-acct-9-app', 'order-5'],
      ['RevokePurchasedCredits', 'wallet-acct-9-app', 'order-5'],
    ]);
  });

  it('answers an account without a plan with the default plan of the book in force', async () => {
    expect(await world.rpc(PurchaseRpc.accountPlan, { accountId: 'acct-new' })).toEqual({
      accountId: 'acct-new',
      planId: 'pay-as-you-go',
      source: 'default',
      concurrencyLimit: 6,
      priority: false,
      entitlements: ['api_access', 'batch_generation'],
    });
    await expect(world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-1', orderId: 'free', item: { kind: 'plan', planId: 'pay-as-you-go' } })).rejects.toMatchObject({
      problem: { type: 'validation' },
    });
  });
});

describe('purchase service: plans (points book, sandbox payments)', () => {
  let dir: string;
  let world: PurchaseWorld;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'purchase-plans-'));
    world = await startPurchaseWorld(dir, sandbox('points'), NOW);
  });
  afterEach(async () => {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const grants = () => world.sentToWallet.filter((c) => c.type === 'GrantCredits');

  it('given a plan paid, then its first period is granted at once and the next at the next period start, once each, expiring at period end', async () => {
    const placed = await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-p', orderId: 'plan-order', item: { kind: 'plan', planId: 'explorer' } });
    expect(placed.order).toMatchObject({ amountCents: 2_900, item: { kind: 'plan', planId: 'explorer', monthlyMillicredits: 1_000_000, pool: 'points' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'plan-order' });
    await world.quiesce('acct-p');
    // Anchored on the 31st: February's period starts on its last day.
    const second = addCalendarMonths(NOW, 1);
    const third = addCalendarMonths(NOW, 2);
    expect(second).toBe(Date.UTC(2026, 1, 28, 9, 30));
    expect(grants()).toEqual([
      expect.objectContaining({
        targetStream: 'wallet-acct-p-points',
        data: { grantId: `plan:acct-p:${NOW}`, millicredits: 1_000_000, source: { kind: 'plan', reference: 'explorer' }, expiresAt: second },
      }),
    ]);
    await eventually(() => world.published.filter((m) => m.topic === SUBSCRIPTION_TOPIC).length === 2, 'subscription events published');
    expect(world.published.filter((m) => m.topic === SUBSCRIPTION_TOPIC).map((m) => [m.key, m.type])).toEqual([
      ['acct-p', 'SubscriptionStarted'],
      ['acct-p', 'PlanPeriodGranted'],
    ]);
    expect(world.published.filter((m) => m.topic === ORDER_TOPIC).map((m) => [m.key, m.type])).toEqual([
      ['plan-order', 'OrderPlaced'],
      ['plan-order', 'PaymentConfirmed'],
    ]);
    const started = await world.purchaseStore.readStream(subscriptionStreamName('acct-p'));
    expect(started.map((e) => e.type)).toEqual(['SubscriptionStarted', 'PlanPeriodGranted']);
    for (const event of started) expect(event.data).toMatchObject({ planId: 'explorer', concurrencyLimit: 6, priority: false, entitlements: [] });

    await world.purchase.runJob('grant-plan-periods');
    world.clock.set(second - 1);
    await world.purchase.runJob('grant-plan-periods');
    await world.quiesce('acct-p');
    expect(grants()).toHaveLength(1);

    world.clock.set(second);
    await world.purchase.runJob('grant-plan-periods');
    await world.purchase.runJob('grant-plan-periods');
    await world.quiesce('acct-p');
    expect(grants().map((g) => [g.data['grantId'], g.data['expiresAt']])).toEqual([
      [`plan:acct-p:${NOW}`, second],
      [`plan:acct-p:${second}`, third],
    ]);
    expect(await world.rpc(PurchaseRpc.accountPlan, { accountId: 'acct-p' })).toEqual({
      accountId: 'acct-p',
      planId: 'explorer',
      source: 'subscription',
      pool: 'points',
      monthlyMillicredits: 1_000_000,
      concurrencyLimit: 6,
      priority: false,
      entitlements: [],
    });
    // A second plan while one is active is refused before anyone pays.
    await expect(world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-p', orderId: 'plan-2', item: { kind: 'plan', planId: 'creator' } })).rejects.toMatchObject({
      problem: { type: 'conflict' },
    });
  });

  it('given a plan refunded, then no later period is granted', async () => {
    await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-r', orderId: 'plan-r', item: { kind: 'plan', planId: 'creator' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'plan-r' });
    // The first period is granted before the refund (a refund read in the same batch as the payment grants nothing).
    await world.quiesce('acct-r');
    await world.rpc(PurchaseRpc.refundOrder, { orderId: 'plan-r', reason: 'changed mind' });
    await world.quiesce('acct-r');
    world.clock.set(addCalendarMonths(NOW, 3));
    await world.purchase.runJob('grant-plan-periods');
    await world.quiesce('acct-r');
    expect(grants()).toHaveLength(1);
    expect((await world.rpc(PurchaseRpc.accountPlan, { accountId: 'acct-r' })).planId).toBe('starter');
  });

  it('given a renewal paid, when finance refunds it (twice), then its period’s unspent credits are revoked once and the plan goes on; the owner is refused (403), an unknown invoice or another account’s is not found (404)', async () => {
    await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-n', orderId: 'plan-n', item: { kind: 'plan', planId: 'explorer' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'plan-n' });
    await world.quiesce('acct-n');
    const second = addCalendarMonths(NOW, 1);
    world.clock.set(second);
    await world.purchase.runJob('grant-plan-periods');
    await world.quiesce('acct-n');
    const invoiceId = `sandbox_in_plan-n_${second}`;
    const paid = { accountId: 'acct-n', invoiceId, periodStart: second, periodEnd: addCalendarMonths(NOW, 2), amountCents: 2_900, currency: 'USD', millicredits: 1_000_000 };

    await expect(world.rpc(PurchaseRpc.refundRenewal, { invoiceId, reason: 'mine', requestedBy: 'owner', accountId: 'acct-n' })).rejects.toMatchObject({ problem: { status: 403 } });
    await expect(world.rpc(PurchaseRpc.refundRenewal, { invoiceId, reason: 'theirs', requestedBy: 'owner', accountId: 'acct-x' })).rejects.toMatchObject({ problem: { status: 404 } });
    await expect(world.rpc(PurchaseRpc.refundRenewal, { invoiceId: 'sandbox_in_none', reason: 'none' })).rejects.toMatchObject({ problem: { status: 404 } });
    // The first period was paid by the order: it is refunded as the order, not as a renewal.
    await expect(world.rpc(PurchaseRpc.refundRenewal, { invoiceId: 'sandbox_pay_plan-n', reason: 'order' })).rejects.toMatchObject({ problem: { status: 404 } });

    const asked = await world.rpc(PurchaseRpc.refundRenewal, { invoiceId, reason: 'goodwill' });
    expect(asked).toEqual({ ...paid, status: 'refund_requested', refundedCents: 0, revokedMillicredits: 0 });
    expect(await world.rpc(PurchaseRpc.refundRenewal, { invoiceId, reason: 'again' })).toEqual(asked);
    await world.quiesce('acct-n');
    const revocations = world.sentToWallet.filter((c) => c.type === 'RevokePurchasedCredits');
    expect(revocations.map((c) => [c.targetStream, c.data])).toEqual([['wallet-acct-n-points', { purchaseId: invoiceId, grantId: `plan:acct-n:${second}`, reason: 'refund (finance): goodwill' }]]);
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-n' })).toMatchObject({ status: 'active' });
  });

  it('given a plan whose payment is disputed and lost, then its first period’s credits are revoked and the plan ends, here and at the sandbox (a chargeback)', async () => {
    await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-c', orderId: 'plan-c', item: { kind: 'plan', planId: 'explorer' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'plan-c' });
    await world.quiesce('acct-c');
    await providerSide.createCheckout({ orderId: 'plan-c', accountId: 'acct-c', description: 'explorer', amountCents: 2_900, currency: 'USD', recurring: { interval: 'month' } });
    expect((await world.rpc(PurchaseRpc.paymentWebhook, asWebhook(providerSide.dispute('plan-c', NOW, 'lost')))).outcome).toBe('applied');
    await world.quiesce('acct-c');
    expect(world.sentToWallet.filter((c) => c.type === 'RevokePurchasedCredits').map((c) => c.data)).toEqual([
      { purchaseId: 'plan-c', grantId: `plan:acct-c:${NOW}`, reason: `refund (provider): dispute sandbox_dp_plan-c lost` },
    ]);
    const events = await world.purchaseStore.readStream(subscriptionStreamName('acct-c'));
    expect(events.at(-1)).toMatchObject({ type: 'SubscriptionCancelled', data: { reason: 'chargeback: dispute sandbox_dp_plan-c lost', cause: 'chargeback' } });
    await eventually(
      () => world.logs.some((line) => line['message'] === 'subscription cancelled at the payment provider' && line['providerSubscriptionId'] === 'sandbox_sub_plan-c'),
      'the sandbox subscription cancelled',
    );
    // Time passing grants nothing more, and the sandbox bills nothing.
    world.clock.set(addCalendarMonths(NOW, 2));
    await world.purchase.runJob('grant-plan-periods');
    await world.quiesce('acct-c');
    expect(grants().filter((g) => g.accountId === 'acct-c')).toHaveLength(1);
  });

  it('given a contract plan (Studio) started, then the account has its priority and limit and its first grant', async () => {
    await expect(world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-s', orderId: 'studio', item: { kind: 'plan', planId: 'studio' } })).rejects.toMatchObject({
      problem: { type: 'validation' },
    });
    const plan = await world.rpc(PurchaseRpc.startContractPlan, { accountId: 'acct-s', planId: 'studio', contractReference: 'contract-42' });
    expect(plan).toMatchObject({ planId: 'studio', source: 'subscription', concurrencyLimit: 24, priority: true, entitlements: ['batch_generation', 'api_access'] });
    await world.quiesce('acct-s');
    expect(grants().map((g) => g.data['millicredits'])).toEqual([100_000_000]);
  });
});

describe('purchase service configuration', () => {
  it('refuses to create a sandbox-paid purchase service for production', () => {
    expect(() => createPurchaseService({ ...sandbox('credits'), environment: 'production' })).toThrow(/refuses to start in production/);
    expect(() => createPurchaseService({ ...sandbox('credits'), environment: 'Production ' })).toThrow(/production/);
    expect(typeof createPurchaseService(sandbox('credits'))).toBe('function');
  });
});
