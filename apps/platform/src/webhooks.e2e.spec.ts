import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES, walletStreamName, WebhooksRpc } from '@billing/contracts';
import { send } from '@billing/service-host';
import { eventually, eventuallyValue } from '@billing/util/testing';
import type { PlatformRuntime } from './runtime/platform-runtime';
import { startEmbedded } from './testing/embedded';

describe('outgoing webhooks on the embedded platform', () => {
  let dir: string;
  let runtime: PlatformRuntime;
  let server: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webhooks-e2e-'));
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => (received.push({ headers: request.headers, body }), response.writeHead(204).end()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    runtime = await startEmbedded(dir);
  }, 60_000);
  afterAll(async () => {
    await runtime.stop();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an endpoint for purchases, when the wallet records a purchase, then a real receiver gets it signed with the endpoint secret', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const endpoint = await send(runtime.rpc, WebhooksRpc.createEndpoint, { accountId: 'hooked', endpointId: 'ep-e2e', url, eventTypes: ['credits.purchased'] });
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
    const [{ headers, body }] = received as [{ headers: IncomingHttpHeaders; body: string }];
    const key = Buffer.from(endpoint.secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
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
