import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_SIGNATURE_HEADER, SandboxPaymentProvider } from '@billing/payment-provider';
import type { BillingClient } from '@billing/sdk';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';
import { balanceOf, confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
/** The bank's side of the embedded platform's sandbox: it signs with the platform's development secret. */
const bank = new SandboxPaymentProvider({ environment: 'test', checkoutBaseUrl: 'http://unused', webhookSecret: 'embedded-sandbox-webhook-secret' });

// Public operations go through @billing/sdk; raw HTTP (HttpClient) only for a malformed body and a forged signature.
describe('refunds over REST: the unspent credits go, their share of the price comes back, and finance reconciles', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let answers: SdkAnswers;
  let anon: BillingClient;
  let raw: HttpClient;
  let auditor: BillingClient;
  let start: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-refunds-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'refunds-e2e-secret-refunds-e2e-secret', logRequests: false });
    answers = new SdkAnswers(platform.url);
    anon = answers.anon;
    raw = new HttpClient(platform.url);
    auditor = anon.as(await platform.token('auditor', 'finance'));
    start = new Date(Date.now() - 1_000).toISOString();
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const settled = (client: BillingClient, id: string) => eventuallyValue(() => client.orders.get(id), (order) => order.status === 'refunded');
  const charged = async (client: BillingClient) => {
    const task = await client.tasks.create(RENDER);
    expect(answers.last.status).toBe(201);
    await eventuallyValue(() => client.tasks.get(task.id), (answer) => answer.status === 'charged');
  };

  it('given a pack 75 of whose 1,000 credits were spent, when finance refunds it (twice), then 925 credits are revoked once, $66.60 of $72 returned, conservation holds and liability reconciles', async () => {
    const carol = anon.as(await platform.token('carol'));
    const order = await confirmedOrder(carol, { kind: 'pack', pack_id: 'app-1000' });
    const id = order.id;
    await charged(carol);

    const refund = await auditor.orders.refund(id, { reason: 'customer complaint' });
    expect(answers.last.status).toBe(202);
    expect(['refund_requested', 'refunded']).toContain(refund.status);
    await auditor.orders.refund(id, { reason: 'customer complaint' });
    expect(answers.last.status).toBe(202);
    const refunded = await settled(carol, id);
    expect(refunded).toMatchObject({ status: 'refunded', amount: { amount_cents: 7200, currency: 'USD' }, refunded: { amount_cents: 6660, currency: 'USD' } });
    expect(await balanceOf(carol, 'app')).toEqual({ pool: 'app', balance: 0, held: 0, available: 0 });
    // A refund asked again after it settled changes nothing.
    expect(await auditor.orders.refund(id, {})).toMatchObject({ status: 'refunded', refunded: { amount_cents: 6660 } });

    const to = new Date().toISOString();
    const statement = await auditor.finance.statement({ account: 'carol', pool: 'app', from: start, to });
    expect(statement.finding_count).toBe(0);
    expect(statement.entries.map((e) => [e.type, e.credits, e.balance])).toEqual([
      ['CreditsPurchased', 1000, 1000],
      ['CreditsReserved', 75, 1000],
      ['CreditsCharged', 75, 925],
      ['CreditsRevoked', 925, 0],
    ]);
    expect(String(statement.entries[3]?.reason)).toContain('refund (finance): customer complaint');
    const liability = await auditor.finance.liability({ as_of: to, from: start });
    expect(answers.last.status).toBe(200);
    expect(liability.finding_count).toBe(0);
    const app = liability.pools.find((p) => p.pool === 'app');
    expect(app).toMatchObject({
      outstanding: { credits: 0 },
      period: { purchased: { credits: 1000, value: [{ amount_cents: 7200, currency: 'USD' }] }, charged: { credits: 75, value: [{ amount_cents: 540, currency: 'USD' }] }, revoked: { credits: 925, value: [{ amount_cents: 6660, currency: 'USD' }] } },
      reconciles: true,
    });
    expect((await auditor.finance.verify()).finding_count).toBe(0);
  });

  it('the owner refunds an unused pack within the window in full; a used one is refused (409), another account’s is not found (404)', async () => {
    const dave = anon.as(await platform.token('dave'));
    const unused = (await confirmedOrder(dave, { kind: 'pack', pack_id: 'app-300' })).id;
    await dave.orders.refund(unused, {});
    expect(answers.last.status).toBe(202);
    expect(await settled(dave, unused)).toMatchObject({ refunded: { amount_cents: 2400, currency: 'USD' } });
    expect(await balanceOf(dave, 'app')).toMatchObject({ balance: 0 });

    const used = (await confirmedOrder(dave, { kind: 'pack', pack_id: 'app-1000' })).id;
    await charged(dave);
    const refused = await problemOf(dave.orders.refund(used, { reason: 'changed my mind' }));
    expect(refused).toMatchObject({ status: 409, type: `${PROBLEM}conflict` });
    expect(refused.extensions).toMatchObject({ code: 'pack_used' });
    expect(await balanceOf(dave, 'app')).toMatchObject({ balance: 925 });

    const erin = anon.as(await platform.token('erin'));
    expect(await problemOf(erin.orders.refund(used, {}))).toMatchObject({ status: 404 });
    expect((await raw.as(await platform.token('dave')).post(`/v1/orders/${used}/refund`, { reason: 7 })).status).toBe(400);
  });

  describe('disputes, through the sandbox provider’s signed webhooks', () => {
    const deliver = async (notification: { rawBody: string; headers: Readonly<Record<string, string>> }) =>
      anon.webhooks.payment('sandbox', notification.rawBody, { headers: { [SANDBOX_SIGNATURE_HEADER]: notification.headers[SANDBOX_SIGNATURE_HEADER] ?? '' } });
    const partlySpentPack = async (accountId: string) => {
      const buyer = anon.as(await platform.token(accountId));
      const order = await confirmedOrder(buyer, { kind: 'pack', pack_id: 'app-1000' });
      const id = order.id;
      await bank.createCheckout({ orderId: id, accountId, description: 'app-1000', amountCents: 7_200, currency: 'USD' });
      await charged(buyer);
      return { buyer, id };
    };

    it('given a pack 75 of whose 1,000 credits were spent, when its payment is disputed, then 925 are frozen; when the dispute is lost, they are revoked, and conservation and liability hold', async () => {
      const from = new Date(Date.now() - 1_000).toISOString();
      const { buyer, id } = await partlySpentPack('gina');
      const opened = bank.dispute(id, Date.now());
      expect(await deliver(opened)).toMatchObject({ outcome: 'applied', order_id: id });
      expect(await deliver(opened)).toMatchObject({ outcome: 'duplicate' });
      await eventuallyValue(() => balanceOf(buyer, 'app'), (pool) => pool?.held === 925);
      expect(await balanceOf(buyer, 'app')).toEqual({ pool: 'app', balance: 925, held: 925, available: 0 });
      expect(await problemOf(buyer.tasks.create(RENDER))).toMatchObject({ status: 402 });

      const forged = bank.dispute(id, Date.now(), 'lost');
      expect((await raw.post('/v1/webhooks/payments/sandbox', JSON.parse(forged.rawBody) as Json, { [SANDBOX_SIGNATURE_HEADER]: `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` })).status).toBe(400);
      expect(await deliver(forged)).toMatchObject({ outcome: 'applied' });
      const refunded = await settled(buyer, id);
      expect(refunded).toMatchObject({ status: 'refunded', refunded: { amount_cents: 7200 } });
      expect(await balanceOf(buyer, 'app')).toEqual({ pool: 'app', balance: 0, held: 0, available: 0 });

      const to = new Date().toISOString();
      const statement = await auditor.finance.statement({ account: 'gina', pool: 'app', from, to });
      expect(statement.finding_count).toBe(0);
      expect(statement.entries.slice(3).map((e) => [e.type, e.credits, e.balance, e.held, e.reason])).toEqual([
        ['CreditsFrozen', 925, 925, 925, 'dispute sandbox_dp_' + id + ' opened'],
        ['CreditsUnfrozen', 925, 925, 0, 'refund (provider): dispute sandbox_dp_' + id + ' lost'],
        ['CreditsRevoked', 925, 0, 0, 'refund (provider): dispute sandbox_dp_' + id + ' lost'],
      ]);
      const liability = await auditor.finance.liability({ as_of: to, from });
      expect(liability.finding_count).toBe(0);
      expect(liability.pools.every((p) => p.reconciles === true)).toBe(true);
      expect((await auditor.finance.verify()).finding_count).toBe(0);
    });

    it('when a dispute is won, then the frozen credits are spendable again; a close delivered before its opening closes it, and the late opening freezes nothing', async () => {
      const { buyer, id } = await partlySpentPack('hugo');
      await deliver(bank.dispute(id, Date.now()));
      await eventuallyValue(() => balanceOf(buyer, 'app'), (pool) => pool?.held === 925);
      expect(await deliver(bank.dispute(id, Date.now(), 'won'))).toMatchObject({ outcome: 'applied' });
      await eventuallyValue(() => balanceOf(buyer, 'app'), (pool) => pool?.available === 925);
      expect(await balanceOf(buyer, 'app')).toEqual({ pool: 'app', balance: 925, held: 0, available: 925 });

      const second = await partlySpentPack('iris');
      expect(await deliver(bank.dispute(second.id, Date.now(), 'won'))).toMatchObject({ outcome: 'applied' });
      expect(await deliver(bank.dispute(second.id, Date.now()))).toMatchObject({ outcome: 'duplicate' });
      expect(await balanceOf(second.buyer, 'app')).toEqual({ pool: 'app', balance: 925, held: 0, available: 925 });
    });
  });
});
