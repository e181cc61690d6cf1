import Stripe from 'stripe';
import { STRIPE_SIGNATURE_HEADER } from '@billing/payment-provider';
import { startPurchaseWorld } from '../testing/purchase-world';
import { runningStripeMock, stripeMockPayments, stripeSuite } from '../testing/stripe-world';
import { PurchaseRpc } from '@billing/contracts';

const NOW = Date.UTC(2026, 2, 3, 12, 0);
const WEBHOOK_SECRET = 'whsec_purchase_service_test';

describe('purchase service with the Stripe adapter against stripe-mock', () => {
  const suite = stripeSuite('purchase-stripe-');

  it('given a pack ordered, checked out at Stripe and paid (signed webhook), then the wallet is told to add its credits, once', async () => {
    const mock = runningStripeMock(suite);
    if (!mock) return;
    const world = await startPurchaseWorld(suite.dir, { environment: 'production', priceBookId: 'credits', payments: stripeMockPayments(mock, WEBHOOK_SECRET) }, NOW);
    suite.world = world;
    const placed = await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-s', orderId: 'order-s1', item: { kind: 'pack', packId: 'api-300' } });
    expect(placed.checkoutUrl).toMatch(/^https?:\/\//);
    expect(placed.providerReference).toMatch(/^cs_/);
    await expect(world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'order-s1' })).rejects.toMatchObject({ problem: { type: 'forbidden', status: 403 } });

    const payload = JSON.stringify({
      id: 'evt_paid_1',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: placed.providerReference,
          object: 'checkout.session',
          client_reference_id: 'order-s1',
          metadata: { orderId: 'order-s1', accountId: 'acct-s' },
          amount_total: 2_400,
          currency: 'usd',
          payment_status: 'paid',
          payment_intent: 'pi_s1',
        },
      },
    });
    const signature = new Stripe('sk_test_123').webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(NOW / 1000) });
    const webhook = { provider: 'stripe' as const, rawBody: Buffer.from(payload).toString('base64'), headers: { [STRIPE_SIGNATURE_HEADER]: signature } };
    expect(await world.rpc(PurchaseRpc.paymentWebhook, webhook)).toMatchObject({ outcome: 'applied', order: { status: 'paid', paymentId: 'pi_s1' } });
    // Stripe delivers at least once.
    expect((await world.rpc(PurchaseRpc.paymentWebhook, webhook)).outcome).toBe('duplicate');
    await expect(world.rpc(PurchaseRpc.paymentWebhook, { ...webhook, headers: { [STRIPE_SIGNATURE_HEADER]: signature.replace(/v1=(.)/, (_all, first: string) => `v1=${first === '0' ? '1' : '0'}`) } })).rejects.toMatchObject({
      problem: { type: 'validation', status: 400 },
    });

    await world.quiesce('acct-s');
    expect(world.sentToWallet.map((c) => [c.type, c.targetStream, c.data['millicredits'], c.data['amountCents']])).toEqual([
      ['PurchaseCredits', 'wallet-acct-s-api', 300_000, 2_400],
    ]);
  }, 60_000);
});
