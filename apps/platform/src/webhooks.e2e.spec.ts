import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES, walletStreamName, WebhooksRpc } from '@billing/contracts';
import { send } from '@billing/service-host';
import { eventually, eventuallyValue, type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from '@billing/util/testing';
import type { PlatformRuntime } from './runtime/platform-runtime';
import { startEmbedded } from './testing/embedded';

describe('outgoing webhooks on the embedded platform', () => {
  let dir: string;
  let runtime: PlatformRuntime;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webhooks-e2e-'));
    receiver = await startWebhookReceiver();
    runtime = await startEmbedded(dir);
  }, 60_000);
  afterAll(async () => {
    await runtime.stop();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an endpoint for purchases, when the wallet records a purchase, then a real receiver gets it signed with the endpoint secret as the standardwebhooks package verifies it', async () => {
    const { received } = receiver;
    const endpoint = await send(runtime.rpc, WebhooksRpc.createEndpoint, { accountId: 'hooked', endpointId: 'ep-e2e', url: receiver.url, eventTypes: ['credits.purchased'] });
    receiver.trust(endpoint.secret);
    await runtime.commands.send(SERVICES.wallet, [
      {
        accountId: 'hooked',
        streamName: walletStreamName('hooked', 'api'),
        command: {
          type: 'PurchaseCredits',
          data: { purchaseId: 'order-1', millicredits: 1_000_000, amountCents: 7200, currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1' },
          metadata: { commandId: 'purchase-order-1', now: Date.now() },
        },
      },
    ]);
    await eventually(() => received.length === 1, 'one delivery');
    const [delivered] = received as [ReceivedWebhook];
    const { headers, body } = delivered;
    expect(receiver.rejected).toEqual([]);
    expect(JSON.parse(body)).toMatchObject({ type: 'credits.purchased', data: { account_id: 'hooked', pool: 'api', credits: 1000, purchase_id: 'order-1' } });
    // The log records the attempt once the receiver's answer is back.
    const deliveries = await eventuallyValue(
      async () => (await send(runtime.rpc, WebhooksRpc.listDeliveries, { accountId: 'hooked', endpointId: 'ep-e2e' })).deliveries,
      (found) => found[0]?.status !== 'pending',
      'the attempt logged',
    );
    expect(deliveries).toMatchObject([{ messageId: headers['webhook-id'], status: 'succeeded', attempts: 1, lastStatusCode: 204 }]);
  });
});
