import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { BillingGrpcClient, failureOf } from '@billing/gateway-grpc/testing';
import { SANDBOX_SIGNATURE_HEADER, SandboxPaymentProvider } from '@billing/payment-provider';
import type { BillingClient } from '@billing/sdk';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { balanceOf, confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

const DAY = 86_400_000;
const RENDER = { model: 'seedance-2.0', duration_seconds: 300 };
/** The bank's side of the embedded platform's sandbox: it signs with the platform's development secret. */
const bank = new SandboxPaymentProvider({ environment: 'test', checkoutBaseUrl: 'http://unused', webhookSecret: 'embedded-sandbox-webhook-secret' });

/** The refund rule, written out: the price pro rata to the credits taken back, rounded down to the cent. */
const proRata = (priceCents: number, revokedCredits: number, boughtCredits: number) => Math.floor((priceCents * revokedCredits * 1000) / (boughtCredits * 1000));

// Plans (points book, $29 for 1,000 points a month) through the sandbox provider on the whole platform: a refund of a plan's
// order or of a renewal takes back the unspent credits of the period it paid and returns their share of its price.
describe('plan refunds over REST and gRPC: the unspent share of the period paid, and finance reconciles', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let answers: SdkAnswers;
  let anon: BillingClient;
  let auditor: BillingClient;
  let financeToken: string;
  let grpc: BillingGrpcClient;
  let start: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-plan-refunds-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'plan-refunds-e2e-secret-plan-refunds', priceBookId: 'points', logRequests: false });
    answers = new SdkAnswers(platform.url);
    anon = answers.anon;
    financeToken = await platform.token('auditor', 'finance');
    auditor = anon.as(financeToken);
    grpc = new BillingGrpcClient(platform.grpcAddress);
    start = new Date(Date.now() - 1_000).toISOString();
  }, 30_000);

  afterAll(async () => {
    grpc?.close();
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const deliver = (notification: { rawBody: string; headers: Readonly<Record<string, string>> }) =>
    anon.webhooks.payment('sandbox', notification.rawBody, { headers: { [SANDBOX_SIGNATURE_HEADER]: notification.headers[SANDBOX_SIGNATURE_HEADER] ?? '' } });

  /** Renders until `credits` more are spent (each render's cost from its quote); what one render costs. */
  const spend = async (buyer: BillingClient, renders: number) => {
    for (let i = 0; i < renders; i++) {
      const task = await buyer.tasks.create(RENDER);
      await eventuallyValue(() => buyer.tasks.get(task.id), (answer) => answer.status === 'charged');
    }
  };

  /** An Explorer plan paid through the sandbox: the buyer, the order, and the instant its first period (and grant) starts. */
  const subscribed = async (accountId: string) => {
    const buyer = anon.as(await platform.token(accountId));
    const order = await confirmedOrder(buyer, { kind: 'plan', plan_id: 'explorer' });
    const receipt = await buyer.orders.receipt(order.id);
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.balance === 1000);
    return { buyer, orderId: order.id, paidAt: Date.parse(String(receipt.period_start)) };
  };

  /**
   * A plan renewed once by the sandbox bank (invoice `sandbox_in_<order>_<period start>`,
   * a period after the first), then tasks spend all of the first month and part of the
   * second: what is left of the renewal's grant.
   */
  const renewedAndPartlySpent = async (accountId: string) => {
    const { buyer, orderId } = await subscribed(accountId);
    const periodStart = Date.now() + 31 * DAY;
    const renewal = bank.renew({ accountId, orderId, periodStart, periodEnd: periodStart + 30 * DAY, amountCents: 2_900, currency: 'USD', attempt: 1 }, Date.now());
    expect(await deliver(renewal)).toMatchObject({ outcome: 'applied' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.balance === 2000);
    const { credits } = await buyer.tasks.quote(RENDER);
    const renders = Math.floor(1000 / credits) + 1;
    await spend(buyer, renders);
    const unspent = 2000 - renders * credits;
    expect(unspent).toBeGreaterThan(0);
    expect(unspent).toBeLessThan(1000);
    expect(await balanceOf(buyer, 'points')).toMatchObject({ balance: unspent, held: 0 });
    return { buyer, invoiceId: `sandbox_in_${orderId}_${periodStart}`, unspent, grantLot: `grant:plan:${accountId}:${periodStart}` };
  };

  const revocations = async (accountId: string) => {
    const statement = await auditor.finance.statement({ account: accountId, pool: 'points', from: start, to: new Date().toISOString() });
    expect(statement.finding_count).toBe(0);
    return statement.entries.filter((e) => e.type === 'CreditsRevoked').map((e) => [e.credits, e.balance, e.lot_id, e.reason]);
  };

  const reconciles = async () => {
    const liability = await auditor.finance.liability({ as_of: new Date().toISOString(), from: start });
    expect(liability.finding_count).toBe(0);
    expect(liability.pools.every((p) => p.reconciles === true)).toBe(true);
    expect((await auditor.finance.verify()).finding_count).toBe(0);
  };

  it('given a plan part of whose first month was spent, when finance refunds its order (twice), then the unspent credits of that month are revoked once, their share of $29 returned, the plan ends; conservation and liability hold', async () => {
    const { buyer, orderId, paidAt } = await subscribed('paula');
    const { credits } = await buyer.tasks.quote(RENDER);
    await spend(buyer, 1);
    const unspent = 1000 - credits;

    const asked = await auditor.orders.refund(orderId, { reason: 'plan goodwill' });
    expect(answers.last.status).toBe(202);
    expect(['refund_requested', 'refunded']).toContain(asked.status);
    await auditor.orders.refund(orderId, { reason: 'plan goodwill' });
    const refunded = await eventuallyValue(() => buyer.orders.get(orderId), (order) => order.status === 'refunded');
    expect(refunded).toMatchObject({ amount: { amount_cents: 2_900 }, refunded: { amount_cents: proRata(2_900, unspent, 1000), currency: 'USD' } });
    expect(refunded.refunded.amount_cents).toBeLessThan(2_900);
    expect(await balanceOf(buyer, 'points')).toEqual({ pool: 'points', balance: 0, held: 0, available: 0 });
    expect(await buyer.subscription.get()).toMatchObject({ status: 'cancelled' });
    expect(await revocations('paula')).toEqual([[unspent, 0, `grant:plan:paula:${paidAt}`, 'refund (finance): plan goodwill']]);
    await reconciles();
  }, 120_000);

  it('given a renewal partly spent, when finance refunds it over REST (twice), then the period’s unspent credits are revoked once, their share of $29 returned, and the plan goes on; the owner is refused (403), another account’s is not found (404)', async () => {
    const { buyer, invoiceId, unspent, grantLot } = await renewedAndPartlySpent('rita');
    expect(await problemOf(buyer.orders.refundRenewal(invoiceId, { reason: 'mine' }))).toMatchObject({ status: 403 });
    const erin = anon.as(await platform.token('erin'));
    expect(await problemOf(erin.orders.refundRenewal(invoiceId, {}))).toMatchObject({ status: 404 });
    expect(await problemOf(auditor.orders.refundRenewal('sandbox_in_none', {}))).toMatchObject({ status: 404 });

    const asked = await auditor.orders.refundRenewal(invoiceId, { reason: 'renewal goodwill' });
    expect(answers.last.status).toBe(202);
    expect(asked).toMatchObject({ id: invoiceId, account_id: 'rita', amount: { amount_cents: 2_900, currency: 'USD' }, credits: 1000 });
    expect(['refund_requested', 'refunded']).toContain(asked.status);
    const settled = await eventuallyValue(() => auditor.orders.refundRenewal(invoiceId, {}), (renewal) => renewal.status === 'refunded');
    expect(answers.last.status).toBe(202);
    expect(settled).toMatchObject({ refunded: { amount_cents: proRata(2_900, unspent, 1000), currency: 'USD' }, revoked_credits: unspent });
    // Its receipt names the invoice and shows the money returned.
    expect((await buyer.orders.receipts()).receipts.find((r) => r.id === `renewal:${invoiceId}`)).toMatchObject({ invoice_id: invoiceId, refund_status: 'refunded', refunded: settled.refunded, refundable: false });
    expect(await balanceOf(buyer, 'points')).toEqual({ pool: 'points', balance: 0, held: 0, available: 0 });
    expect(await buyer.subscription.get()).toMatchObject({ status: 'active' });
    expect(await revocations('rita')).toEqual([[unspent, 0, grantLot, 'refund (finance): renewal goodwill']]);
    await reconciles();
  }, 120_000);

  it('given a renewal unspent, when finance refunds it over gRPC, then all of it is returned; the owner is PERMISSION_DENIED, an unknown invoice NOT_FOUND, an empty one INVALID_ARGUMENT', async () => {
    const { buyer, orderId } = await subscribed('gus');
    const periodStart = Date.now() + 31 * DAY;
    expect(await deliver(bank.renew({ accountId: 'gus', orderId, periodStart, periodEnd: periodStart + 30 * DAY, amountCents: 2_900, currency: 'USD', attempt: 1 }, Date.now()))).toMatchObject({ outcome: 'applied' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.balance === 2000);
    const invoiceId = `sandbox_in_${orderId}_${periodStart}`;
    const gus = await platform.token('gus');
    expect((await failureOf(grpc.refundRenewal({ invoiceId }, gus))).code).toBe(status.PERMISSION_DENIED);
    expect((await failureOf(grpc.refundRenewal({ invoiceId: 'sandbox_in_none' }, financeToken))).code).toBe(status.NOT_FOUND);
    expect((await failureOf(grpc.refundRenewal({ invoiceId: '' }, financeToken))).code).toBe(status.INVALID_ARGUMENT);

    const asked = await grpc.refundRenewal({ invoiceId, reason: 'over grpc' }, financeToken);
    expect(asked).toMatchObject({ invoiceId, accountId: 'gus', credits: '1000', amount: { amountCents: '2900', currency: 'USD' } });
    const settled = await eventuallyValue(() => grpc.refundRenewal({ invoiceId }, financeToken), (renewal) => renewal.status === 'refunded');
    expect(settled).toMatchObject({ refunded: { amountCents: '2900' }, revokedCredits: '1000' });
    expect(await balanceOf(buyer, 'points')).toMatchObject({ balance: 1000 });
  }, 120_000);

  /** Exact millicredits of a credits number from the API (at most three decimals). */
  const mc = (credits: number) => Math.round(credits * 1000);
  /** The refund rule in exact integers: floor(price x revoked / bought), in millicredits. */
  const exactProRata = (priceCents: number, revokedCredits: number, boughtCredits: number) => Number((BigInt(priceCents) * BigInt(mc(revokedCredits))) / BigInt(mc(boughtCredits)));

  /**
   * An Explorer plan upgraded to Creator in its first month: the sandbox invoices the pro rata
   * difference on its own (`sandbox_in_<change's key>`), and its credits are granted until the
   * month ends; then two renders spend more than the month's own 1,000 points.
   */
  const upgradedAndSpent = async (accountId: string) => {
    const { buyer, orderId, paidAt } = await subscribed(accountId);
    await buyer.subscription.change({ plan_id: 'creator' });
    const { paid_through } = await buyer.subscription.get();
    const upgrade = await eventuallyValue(async () => (await buyer.orders.receipts()).receipts.find((r) => r.kind === 'upgrade'), (found) => found !== undefined);
    if (!upgrade) throw new Error('no upgrade receipt');
    const upgradeCredits = upgrade.credits;
    const upgradeCents = upgrade.amount.amount_cents;
    expect(upgradeCredits).toBeGreaterThan(0);
    expect(upgradeCents).toBeGreaterThan(0);
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => mc(pool?.balance ?? 0) === mc(1000 + upgradeCredits));
    const { credits } = await buyer.tasks.quote(RENDER);
    await spend(buyer, 2);
    const spent = 2 * credits;
    expect(spent).toBeGreaterThan(1000);
    const invoiceId = `sandbox_in_change-plan:${accountId}:creator:${Date.parse(String(paid_through))}`;
    // The receipt names the invoice its refund takes, and the owner may ask for it (the gateway's table; the purchase rules refuse them later).
    expect(upgrade).toMatchObject({ invoice_id: invoiceId, refund_status: 'none', refunded: { amount_cents: 0 }, refundable: true });
    return { buyer, orderId, paidAt, invoiceId, upgradeCredits, upgradeCents, spent, upgradeLot: `grant:plan-upgrade:${accountId}:${Date.parse(String(upgrade.paid_at))}` };
  };

  it('given a plan upgraded mid-month and partly spent, when finance refunds the upgrade’s invoice (twice), then the unspent credits of the upgrade’s grant are revoked once and their exact share of its charge returned; the plan goes on; conservation and liability hold', async () => {
    const { buyer, invoiceId, upgradeCredits, upgradeCents, spent, upgradeLot } = await upgradedAndSpent('ulla');
    const asked = await auditor.orders.refundRenewal(invoiceId, { reason: 'upgrade goodwill' });
    expect(answers.last.status).toBe(202);
    expect(asked).toMatchObject({ id: invoiceId, account_id: 'ulla', amount: { amount_cents: upgradeCents, currency: 'USD' }, credits: upgradeCredits });
    const settled = await eventuallyValue(() => auditor.orders.refundRenewal(invoiceId, {}), (renewal) => renewal.status === 'refunded');
    const revoked = await revocations('ulla');
    expect(revoked).toHaveLength(1);
    const [[revokedCredits, , lot, reason]] = revoked as [[number, number, string, string]];
    expect([lot, reason]).toEqual([upgradeLot, 'refund (finance): upgrade goodwill']);
    expect(revokedCredits).toBeGreaterThan(0);
    expect(revokedCredits).toBeLessThan(upgradeCredits);
    expect(settled).toMatchObject({ refunded: { amount_cents: exactProRata(upgradeCents, revokedCredits, upgradeCredits) }, revoked_credits: revokedCredits });
    expect(settled.refunded.amount_cents).toBeLessThan(upgradeCents);
    expect((await buyer.orders.receipts()).receipts.find((r) => r.kind === 'upgrade')).toMatchObject({ refund_status: 'refunded', refunded: settled.refunded, refundable: false });
    // What is left is the month's own grant, unspent: 1,000 + upgrade - spent - revoked, to the millicredit.
    const pool = await balanceOf(buyer, 'points');
    expect(mc(pool?.balance ?? -1)).toBe(mc(1000) + mc(upgradeCredits) - mc(spent) - mc(revokedCredits));
    expect(await buyer.subscription.get()).toMatchObject({ status: 'active', plan_id: 'creator' });
    await reconciles();
  }, 120_000);

  it('given a plan upgraded in its first month and partly spent, when finance refunds its order, then the month’s grant and the upgrade’s grant each lose their unspent credits, each returned pro rata to its own price, and the plan ends; conservation and liability hold', async () => {
    const { buyer, orderId, paidAt, invoiceId, upgradeCredits, upgradeCents, spent, upgradeLot } = await upgradedAndSpent('ursula');
    await auditor.orders.refund(orderId, { reason: 'plan goodwill' });
    const refunded = await eventuallyValue(() => buyer.orders.get(orderId), (order) => order.status === 'refunded');
    // The plan's end and the upgrade's refund are one decision: once ended, the upgrade's refund is under way.
    await eventuallyValue(() => buyer.subscription.get(), (plan) => plan.status === 'cancelled');
    const upgrade = await eventuallyValue(() => auditor.orders.refundRenewal(invoiceId, {}), (renewal) => renewal.status === 'refunded');
    const revoked = new Map((await revocations('ursula')).map(([credits, , lot, reason]) => [lot, { credits: Number(credits), reason }]));
    expect([...revoked.keys()].sort()).toEqual([`grant:plan:ursula:${paidAt}`, upgradeLot].sort());
    const month = revoked.get(`grant:plan:ursula:${paidAt}`);
    const upgraded = revoked.get(upgradeLot);
    if (!month || !upgraded) throw new Error('a revocation is missing');
    expect(month.reason).toBe('refund (finance): plan goodwill');
    expect(upgraded.reason).toBe(`refund (finance): plan goodwill (order ${orderId} refunded)`);
    // Everything unspent is taken back: nothing is left, nothing held.
    expect(mc(month.credits) + mc(upgraded.credits)).toBe(mc(1000) + mc(upgradeCredits) - mc(spent));
    expect(await balanceOf(buyer, 'points')).toEqual({ pool: 'points', balance: 0, held: 0, available: 0 });
    expect(refunded).toMatchObject({ refunded: { amount_cents: exactProRata(2_900, month.credits, 1000) } });
    expect(upgrade).toMatchObject({ refunded: { amount_cents: exactProRata(upgradeCents, upgraded.credits, upgradeCredits) }, revoked_credits: upgraded.credits });
    await reconciles();
  }, 120_000);

  it('given a plan part of whose first month was spent, when its payment is disputed and lost, then the unspent credits are frozen, then revoked, the plan ends (a chargeback), and finance reconciles', async () => {
    const { buyer, orderId, paidAt } = await subscribed('lola');
    const { credits } = await buyer.tasks.quote(RENDER);
    await spend(buyer, 1);
    const unspent = 1000 - credits;
    await bank.createCheckout({ orderId, accountId: 'lola', description: 'explorer', amountCents: 2_900, currency: 'USD', recurring: { interval: 'month' } });
    expect(await deliver(bank.dispute(orderId, Date.now()))).toMatchObject({ outcome: 'applied' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.held === unspent);
    expect(await deliver(bank.dispute(orderId, Date.now(), 'lost'))).toMatchObject({ outcome: 'applied' });
    const refunded = await eventuallyValue(() => buyer.orders.get(orderId), (order) => order.status === 'refunded');
    // The bank took the disputed amount back: the order records it.
    expect(refunded).toMatchObject({ refunded: { amount_cents: 2_900 } });
    expect(await balanceOf(buyer, 'points')).toEqual({ pool: 'points', balance: 0, held: 0, available: 0 });
    expect(await buyer.subscription.get()).toMatchObject({ status: 'cancelled' });
    expect(await revocations('lola')).toEqual([[unspent, 0, `grant:plan:lola:${paidAt}`, `refund (provider): dispute sandbox_dp_${orderId} lost`]]);
    await reconciles();
  }, 120_000);
});
