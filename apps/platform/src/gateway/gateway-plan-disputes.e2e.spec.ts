import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { STRIPE_SIGNATURE_HEADER } from '@billing/payment-provider';
import { startStripeMock, type StripeMockAvailability } from '@billing/payment-provider/testing';
import type { BillingClient } from '@billing/sdk';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { balanceOf } from '../testing/orders';
import { SdkAnswers } from '../testing/sdk';

const SECRET = 'whsec_plan_disputes_e2e';
const signer = new Stripe('sk_test_123');
const DAY = 86_400_000;

/** A Stripe event as Stripe signs it, now. */
function signed(type: string, object: Record<string, unknown>, id = `evt_${type}_${String(object['id'])}`) {
  const payload = JSON.stringify({ id, object: 'event', type, data: { object } });
  return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) }) };
}

// Plans bought through Stripe (stripe-mock), on the whole platform: the wallet's books and finance's reports see what disputes and refunds of a renewal do.
describe('plan payments disputed or refunded at Stripe reach the ledger (stripe-mock, signed webhooks)', () => {
  let dir: string;
  let stripe: StripeMockAvailability = { kind: 'unavailable', reason: 'not started' };
  let platform: EmbeddedTestPlatform | undefined;
  let anon: BillingClient;
  let auditor: BillingClient;
  let start: string;

  beforeAll(async () => {
    stripe = await startStripeMock();
    if (stripe.kind !== 'running') return;
    dir = mkdtempSync(join(tmpdir(), 'gateway-plan-disputes-e2e-'));
    const { host, port } = stripe.mock;
    platform = await EmbeddedTestPlatform.start({
      dir,
      jwtSecret: 'plan-disputes-e2e-secret-plan-disputes',
      priceBookId: 'points',
      logRequests: false,
      variables: {
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_123',
        STRIPE_WEBHOOK_SECRET: SECRET,
        STRIPE_SUCCESS_URL: 'https://billing.example/paid',
        STRIPE_CANCEL_URL: 'https://billing.example/cancelled',
        STRIPE_API_URL: `http://${host}:${port}`,
      },
    });
    anon = new SdkAnswers(platform.url).anon;
    auditor = anon.as(await platform.token('auditor', 'finance'));
    start = new Date(Date.now() - 1_000).toISOString();
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
    if (stripe.kind === 'running') await stripe.mock.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Without Go stripe-mock cannot be built: said, and the only reason accepted. */
  function running(): boolean {
    if (stripe.kind === 'running') return true;
    console.warn(`stripe-mock could not run, so the Stripe path was not exercised: ${stripe.reason}`);
    expect(stripe.reason).toMatch(/Go is not installed/);
    return false;
  }

  const deliver = ({ payload, signature }: ReturnType<typeof signed>) => anon.webhooks.payment('stripe', payload, { headers: { [STRIPE_SIGNATURE_HEADER]: signature } });

  /**
   * An Explorer plan (1,000 points a month) checked out through Stripe, its second month
   * renewed (invoice `in_<account>_1`, paid by PaymentIntent `pi_<account>_1`, whose link
   * Stripe reports before the invoice, twice), then tasks spend all of the first month and
   * part of the second: what is left of the renewal's grant, and its grant id.
   */
  async function renewedAndPartlySpent(accountId: string) {
    if (platform === undefined) throw new Error('the platform did not start');
    const buyer = anon.as(await platform.token(accountId));
    const order = await buyer.orders.place({ kind: 'plan', plan_id: 'explorer' });
    const session = { id: `cs_${accountId}`, object: 'checkout.session', mode: 'subscription', client_reference_id: order.id, metadata: { orderId: order.id, accountId }, amount_total: 2_900, currency: 'usd', payment_status: 'paid', payment_intent: null, subscription: `sub_${accountId}`, invoice: `in_${accountId}_0` };
    expect(await deliver(signed('checkout.session.completed', session))).toMatchObject({ outcome: 'applied' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.balance === 1000);

    const invoiceId = `in_${accountId}_1`;
    const link = signed('invoice_payment.paid', { id: `inpay_${invoiceId}`, object: 'invoice_payment', invoice: invoiceId, status: 'paid', payment: { type: 'payment_intent', payment_intent: `pi_${accountId}_1` } });
    expect(await deliver(link)).toMatchObject({ outcome: 'applied' });
    expect(await deliver(link)).toMatchObject({ outcome: 'duplicate' });
    // Stripe's renewal bills the next month: a period after the first, whatever the clock says.
    const period = { start: Math.floor((Date.now() + 31 * DAY) / 1000), end: Math.floor((Date.now() + 62 * DAY) / 1000) };
    const renewal = {
      id: invoiceId, object: 'invoice', billing_reason: 'subscription_cycle', amount_paid: 2_900, amount_due: 2_900, currency: 'usd', attempt_count: 1, next_payment_attempt: null,
      lines: { object: 'list', data: [{ id: `il_${invoiceId}`, period }] },
      parent: { type: 'subscription_details', subscription_details: { subscription: `sub_${accountId}`, metadata: { orderId: order.id, accountId } } },
    };
    expect(await deliver(signed('invoice.paid', renewal))).toMatchObject({ outcome: 'applied' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.balance === 2000);

    // Tasks draw on the month that ends first: all of it, then part of the renewal's.
    const render = { model: 'seedance-2.0', duration_seconds: 300 };
    const { credits } = await buyer.tasks.quote(render);
    const tasks = Math.floor(1000 / credits) + 1;
    for (let i = 0; i < tasks; i++) {
      const task = await buyer.tasks.create(render);
      await eventuallyValue(() => buyer.tasks.get(task.id), (answer) => answer.status === 'charged');
    }
    const unspent = 2000 - tasks * credits;
    expect(unspent).toBeGreaterThan(0);
    expect(unspent).toBeLessThan(1000);
    expect(await balanceOf(buyer, 'points')).toMatchObject({ balance: unspent, held: 0 });
    return { buyer, orderId: order.id, invoiceId, unspent, grantLot: `grant:plan:${accountId}:${period.start * 1000}`, dispute: (status: string) => ({ id: `dp_${accountId}`, object: 'dispute', payment_intent: `pi_${accountId}_1`, amount: 2_900, currency: 'usd', status }) };
  }

  const statementOf = async (accountId: string) => {
    const statement = await auditor.finance.statement({ account: accountId, pool: 'points', from: start, to: new Date().toISOString() });
    expect(statement.finding_count).toBe(0);
    return statement.entries.filter((e) => ['CreditsFrozen', 'CreditsUnfrozen', 'CreditsRevoked', 'CreditsExpired'].includes(e.type)).map((e) => [e.type, e.credits, e.balance, e.held, e.lot_id, e.reason]);
  };

  const reconciles = async () => {
    const liability = await auditor.finance.liability({ as_of: new Date().toISOString(), from: start });
    expect(liability.finding_count).toBe(0);
    expect(liability.pools.every((p) => p.reconciles === true)).toBe(true);
    expect((await auditor.finance.verify()).finding_count).toBe(0);
  };

  it('given a renewal partly spent, when its payment is disputed, then its unspent credits are frozen; lost, they are revoked and the plan ends; conservation and liability hold', async () => {
    if (!running()) return;
    const { buyer, unspent, grantLot, dispute } = await renewedAndPartlySpent('nora');
    const opened = signed('charge.dispute.created', dispute('needs_response'));
    expect(await deliver(opened)).toMatchObject({ outcome: 'applied' });
    expect(await deliver(opened)).toMatchObject({ outcome: 'duplicate' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.held === unspent);
    expect(await balanceOf(buyer, 'points')).toEqual({ pool: 'points', balance: unspent, held: unspent, available: 0 });

    expect(await deliver(signed('charge.dispute.closed', dispute('lost')))).toMatchObject({ outcome: 'applied' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.balance === 0);
    expect(await balanceOf(buyer, 'points')).toEqual({ pool: 'points', balance: 0, held: 0, available: 0 });
    expect(await buyer.subscription.get()).toMatchObject({ status: 'cancelled' });
    // Ended here as a chargeback, so cancelled at Stripe too (stripe-mock took the DELETE: no refusal logged).
    expect(platform?.logs.some((line) => line.includes('refused to cancel'))).toBe(false);

    const reason = 'refund (provider): dispute dp_nora lost';
    expect(await statementOf('nora')).toEqual([
      ['CreditsFrozen', unspent, unspent, unspent, grantLot, 'dispute dp_nora opened'],
      ['CreditsUnfrozen', unspent, unspent, 0, grantLot, reason],
      ['CreditsRevoked', unspent, 0, 0, grantLot, reason],
    ]);
    await reconciles();
  }, 120_000);

  it('given a renewal partly spent, when its dispute is won, then its frozen credits are spendable again and the plan goes on', async () => {
    if (!running()) return;
    const { buyer, unspent, grantLot, dispute } = await renewedAndPartlySpent('olga');
    await deliver(signed('charge.dispute.created', dispute('needs_response')));
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.held === unspent);
    expect(await deliver(signed('charge.dispute.closed', dispute('won')))).toMatchObject({ outcome: 'applied' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.available === unspent);
    expect(await buyer.subscription.get()).toMatchObject({ status: 'active' });
    expect(await statementOf('olga')).toEqual([
      ['CreditsFrozen', unspent, unspent, unspent, grantLot, 'dispute dp_olga opened'],
      ['CreditsUnfrozen', unspent, unspent, 0, grantLot, 'dispute dp_olga won'],
    ]);
    await reconciles();
  }, 120_000);

  it('given a renewal partly spent, when finance refunds it here over REST (twice), then Stripe refunds its PaymentIntent for the unspent share, the renewal records it, and the plan goes on; Stripe’s charge.refunded for it changes nothing', async () => {
    if (!running()) return;
    const { buyer, invoiceId, unspent, grantLot } = await renewedAndPartlySpent('rosa');
    expect(await auditor.orders.refundRenewal(invoiceId, { reason: 'goodwill' })).toMatchObject({ id: invoiceId, account_id: 'rosa', amount: { amount_cents: 2_900 } });
    const settled = await eventuallyValue(() => auditor.orders.refundRenewal(invoiceId, {}), (renewal) => renewal.status === 'refunded');
    // floor(2,900 x unspent / 1,000): the renewal's price pro rata to its credits taken back, rounded down to the cent.
    expect(settled).toMatchObject({ refunded: { amount_cents: Math.floor((2_900 * unspent) / 1000), currency: 'USD' }, revoked_credits: unspent });
    const refunded = signed('charge.refunded', { id: 'ch_rosa_1', object: 'charge', payment_intent: 'pi_rosa_1', amount_refunded: settled.refunded.amount_cents });
    expect(await deliver(refunded)).toMatchObject({ outcome: 'duplicate' });
    expect(await balanceOf(buyer, 'points')).toEqual({ pool: 'points', balance: 0, held: 0, available: 0 });
    expect(await buyer.subscription.get()).toMatchObject({ status: 'active' });
    expect(await statementOf('rosa')).toEqual([['CreditsRevoked', unspent, 0, 0, grantLot, 'refund (finance): goodwill']]);
    await reconciles();
  }, 120_000);

  it('given a renewal partly spent, when Stripe refunds it (reported twice), then its unspent credits are revoked once and the plan goes on', async () => {
    if (!running()) return;
    const { buyer, unspent, grantLot } = await renewedAndPartlySpent('pia');
    const refunded = signed('charge.refunded', { id: 'ch_pia_1', object: 'charge', payment_intent: 'pi_pia_1', amount_refunded: 2_900 });
    expect(await deliver(refunded)).toMatchObject({ outcome: 'applied' });
    expect(await deliver(refunded)).toMatchObject({ outcome: 'duplicate' });
    await eventuallyValue(() => balanceOf(buyer, 'points'), (pool) => pool?.balance === 0);
    expect(await buyer.subscription.get()).toMatchObject({ status: 'active' });
    expect(await statementOf('pia')).toEqual([['CreditsRevoked', unspent, 0, 0, grantLot, 'refund (provider): refunded at the payment provider']]);
    await reconciles();
  }, 120_000);
});
