import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PurchaseRpc } from '@billing/contracts';
import type { BillingClient, components } from '@billing/sdk';
import { send } from '@billing/service-host';
import { eventually, eventuallyValue, startWebhookReceiver, type WebhookReceiver } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { bookWithoutConcurrencyLimit } from '../testing/price-books';
import { balanceOf, confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

/** 75 credits from the app pool (15 per second, no video reference). */
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
const TASK_CREDITS = 75;
const PACK = { id: 'app-1000', credits: 1000, cents: 7200 };
const THRESHOLD = 500;
const CAP_PACKS = 3;


/** 201 for a task created, or the status of the problem that refused it. */
const statusOf = (call: Promise<unknown>): Promise<number> => call.then(() => 201, async () => (await problemOf(call)).status);

const isTopUp = (purchaseId: string | null | undefined): purchaseId is string => purchaseId?.startsWith('auto-top-up_') ?? false;

describe('auto top-up over REST (sandbox provider): one top-up per crossing, one at a time, within the cap', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let receiver: WebhookReceiver;
  let anon: BillingClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-auto-top-up-e2e-'));
    receiver = await startWebhookReceiver();
    platform = await EmbeddedTestPlatform.start({
      dir,
      jwtSecret: 'auto-top-up-e2e-secret-auto-top-up-e2e',
      logRequests: false,
      // Generations take long enough that every hold of the test is still open when it is counted.
      variables: { PRICE_BOOKS_DIR: bookWithoutConcurrencyLimit(dir), SIMULATOR_LATENCY_MIN_MS: '60000', SIMULATOR_LATENCY_MAX_MS: '60000' },
    });
    anon = new SdkAnswers(platform.url).anon;
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The pool's auto top-up once no top-up is in flight. */
  const settled = (client: BillingClient) => eventuallyValue(() => client.autoTopUp.get('app'), (view) => view.in_flight_order_id === null, 'no top-up in flight');
  const appLedger = async (client: BillingClient) => {
    const entries: components['schemas']['LedgerEntryDto'][] = [];
    for await (const entry of client.account.entries({ pool: 'app' })) entries.push(entry);
    return entries;
  };

  it('given a pool with threshold 500 and a cap of three packs, when 200 tasks drain it at once and then more one by one, then each crossing gets one top-up, never two in flight, and never past the cap; a task that does not fit is refused (402) meanwhile', async () => {
    const ada = anon.as(await platform.token('ada'));
    const endpoint = await ada.webhookEndpoints.create({ url: receiver.url, event_types: ['auto_top_up.succeeded', 'credits.purchased'] });
    receiver.trust(String(endpoint.secret));
    await confirmedOrder(ada, { kind: 'pack', pack_id: PACK.id });
    const setting = await ada.autoTopUp.set('app', { threshold: THRESHOLD, pack_id: PACK.id, monthly_cap_cents: CAP_PACKS * PACK.cents, max_failures: 2 });
    expect(setting).toMatchObject({ pool: 'app', status: 'enabled', threshold: THRESHOLD, pack_credits: PACK.credits, pack_price: { amount_cents: PACK.cents, currency: 'USD' }, failures: 0 });

    const burst = await Promise.all(Array.from({ length: 200 }, () => statusOf(ada.tasks.create(RENDER))));
    // Then one task at a time until the cap is spent and the pool cannot take another.
    for (let i = 0; i < 200; i += 1) {
      const view = await settled(ada);
      const status = await statusOf(ada.tasks.create(RENDER));
      burst.push(status);
      if (status === 402 && view.spent_this_month.amount_cents + PACK.cents > CAP_PACKS * PACK.cents && (await settled(ada)).in_flight_order_id === null) break;
    }

    expect(new Set(burst)).toEqual(new Set([201, 402]));
    const final = await settled(ada);
    expect(final.spent_this_month).toEqual({ amount_cents: CAP_PACKS * PACK.cents, currency: 'USD' });

    // Every top-up is an order like any other: a receipt, and credits.purchased with its order id.
    const topUps = (await ada.orders.receipts()).receipts.filter((receipt) => isTopUp(receipt.order_id)).reverse();
    expect(topUps.map((receipt) => [receipt.amount.amount_cents, receipt.credits])).toEqual(Array.from({ length: CAP_PACKS }, () => [PACK.cents, PACK.credits]));

    const ledger = await appLedger(ada);
    const purchases = ledger.flatMap((entry, index) => (entry.type === 'CreditsPurchased' && isTopUp(entry.purchase_id) ? [{ index, entry }] : []));
    expect(purchases.map((p) => p.entry.purchase_id)).toEqual(topUps.map((receipt) => receipt.order_id));
    let from = 0;
    for (const [k, { index, entry }] of purchases.entries()) {
      // One crossing each: after the previous top-up's credits (which bring the pool to the threshold or above), the pool fell below the threshold before this one.
      const between = ledger.slice(from, index);
      expect(between.some((e) => e.available >= THRESHOLD)).toBe(true);
      expect(between.findIndex((e) => e.available < THRESHOLD)).toBeGreaterThan(between.findIndex((e) => e.available >= THRESHOLD));
      expect(entry.available).toBeGreaterThanOrEqual(THRESHOLD);
      // Never two in flight: this top-up's order was placed once the previous one's credits were in the wallet.
      const previous = purchases[k - 1];
      if (previous) expect(Date.parse((await ada.orders.get(entry.purchase_id ?? '')).placed_at)).toBeGreaterThanOrEqual(Date.parse(previous.entry.at));
      from = index;
    }

    // Conservation: every accepted task holds its credits; the pool holds what it bought, no more.
    const accepted = burst.filter((status) => status === 201).length;
    expect(await balanceOf(ada, 'app')).toEqual({ pool: 'app', balance: PACK.credits * (1 + CAP_PACKS), held: accepted * TASK_CREDITS, available: PACK.credits * (1 + CAP_PACKS) - accepted * TASK_CREDITS });
    expect(PACK.credits * (1 + CAP_PACKS) - accepted * TASK_CREDITS).toBeLessThan(TASK_CREDITS);

    // auto_top_up.succeeded once per top-up, verified by the receiver (standardwebhooks), beside each top-up's credits.purchased.
    await eventually(() => receiver.received.filter((r) => r.body.includes('"auto_top_up.succeeded"')).length === CAP_PACKS, 'every top-up announced');
    const announced = receiver.received.filter((r) => r.body.includes('"auto_top_up.succeeded"'));
    expect(receiver.rejected).toEqual([]);
    expect(announced.map((r) => (JSON.parse(r.body) as { data: { order_id: string } }).data.order_id).sort()).toEqual(topUps.map((receipt) => receipt.order_id).sort());
    await eventually(() => topUps.every((receipt) => receiver.received.some((r) => r.body.includes('"credits.purchased"') && r.body.includes(String(receipt.order_id)))), 'credits.purchased for each top-up');
  }, 180_000);

  it('given a saved card the sandbox declines, then each declined charge counts a try, and after the second auto top-up is disabled with auto_top_up.failed saying so', async () => {
    const bo = anon.as(await platform.token('bo'));
    receiver.trust(String((await bo.webhookEndpoints.create({ url: receiver.url, event_types: ['auto_top_up.failed'] })).secret));
    await confirmedOrder(bo, { kind: 'pack', pack_id: PACK.id });
    await send(platform.rpc, PurchaseRpc.failNextSandboxRenewals, { accountId: 'bo', count: 5 });
    await bo.autoTopUp.set('app', { threshold: THRESHOLD, pack_id: PACK.id, monthly_cap_cents: CAP_PACKS * PACK.cents, max_failures: 2 });

    for (let i = 0; i < 12; i += 1) await bo.tasks.create(RENDER).catch(() => undefined);
    const disabled = await eventuallyValue(() => bo.autoTopUp.get('app'), (view) => view.status === 'disabled', 'auto top-up disabled');
    expect(disabled).toMatchObject({ failures: 2, in_flight_order_id: null, spent_this_month: { amount_cents: 0 }, disabled_reason: expect.stringContaining('card_declined') });

    await eventually(() => receiver.received.filter((r) => r.body.includes('"auto_top_up.failed"') && r.body.includes('"bo"')).length === 2, 'two failures announced');
    const failures = receiver.received
      .filter((r) => r.body.includes('"auto_top_up.failed"') && r.body.includes('"bo"'))
      .map((r) => (JSON.parse(r.body) as { data: { failures: number; disabled: boolean; reason: string } }).data);
    expect(failures.sort((a, b) => a.failures - b.failures)).toEqual([
      expect.objectContaining({ failures: 1, disabled: false, reason: 'card_declined' }),
      expect.objectContaining({ failures: 2, disabled: true, reason: 'card_declined' }),
    ]);
    // Nothing was bought; disabled, more tasks start nothing.
    expect((await bo.orders.receipts()).receipts.filter((receipt) => isTopUp(receipt.order_id))).toEqual([]);
    await bo.tasks.create(RENDER).catch(() => undefined);
    expect(await bo.autoTopUp.get('app')).toMatchObject({ status: 'disabled', failures: 2 });
  }, 90_000);

  it('refuses what is not a setting: a pack of another pool, a pack below the threshold, a cap below one pack; a pool without one is 404; DELETE turns it off', async () => {
    const cy = anon.as(await platform.token('cy'));
    expect(await problemOf(cy.autoTopUp.set('app', { threshold: 100, pack_id: 'api-1000', monthly_cap_cents: 10_000 }))).toMatchObject({ status: 400 });
    expect(await problemOf(cy.autoTopUp.set('app', { threshold: 2000, pack_id: PACK.id, monthly_cap_cents: 10_000 }))).toMatchObject({ status: 400 });
    expect(await problemOf(cy.autoTopUp.set('app', { threshold: 100, pack_id: PACK.id, monthly_cap_cents: 100 }))).toMatchObject({ status: 400 });
    expect(await problemOf(cy.autoTopUp.get('app'))).toMatchObject({ status: 404 });
    await cy.autoTopUp.set('app', { threshold: 100, pack_id: PACK.id, monthly_cap_cents: 10_000 });
    await cy.autoTopUp.remove('app');
    expect(await problemOf(cy.autoTopUp.get('app'))).toMatchObject({ status: 404 });
  });
});
