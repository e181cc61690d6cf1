import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import type { PoolBalanceAlertsMessage, WebhookDeliveryMessage, WebhookEndpointMessage } from '@billing/gateway-grpc';
import { BillingGrpcClient, failureOf, problemOf } from '@billing/gateway-grpc/testing';
import { eventually, eventuallyValue, type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from '@billing/util/testing';
import { EmbeddedBilling } from '../testing/embedded-billing';

/*
 * Webhook endpoints and balance alerts over billing.v1 against the embedded platform, with
 * a real receiver verifying each delivery (standardwebhooks); each answer is compared with
 * what REST says of the same thing.
 */

const UMA = 'acct-grpc-hooks-uma';
const VIC = 'acct-grpc-hooks-vic';

let dir: string;
let platform: EmbeddedBilling;
let client: BillingGrpcClient;
let receiver: WebhookReceiver;
let uma: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'billing-grpc-webhooks-e2e-'));
  receiver = await startWebhookReceiver();
  platform = await EmbeddedBilling.start(dir);
  client = new BillingGrpcClient(platform.grpcAddress);
  uma = await platform.token(UMA);
}, 60_000);

afterAll(async () => {
  client?.close();
  await platform?.stop();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

const deliveriesOf = (endpointId: string) => client.call<{ deliveries: WebhookDeliveryMessage[] }>('ListWebhookDeliveries', { endpointId }, uma);

describe('billing.v1 webhook endpoints and balance alerts', () => {
  let endpoint: WebhookEndpointMessage;

  it('given an endpoint created over gRPC, when the caller buys a pack, then the receiver gets it signed by the secret, and the log over gRPC is REST’s', async () => {
    endpoint = await client.call('CreateWebhookEndpoint', { url: receiver.url, eventTypes: ['credits.purchased'], description: 'grpc', idempotencyKey: 'grpc-create-1' }, uma);
    expect(endpoint).toMatchObject({ url: receiver.url, eventTypes: ['credits.purchased'], enabled: true, description: 'grpc', disabledReason: '', secret: expect.stringMatching(/^whsec_/) });
    receiver.trust(endpoint.secret);
    const again = await client.call<WebhookEndpointMessage>('CreateWebhookEndpoint', { url: receiver.url, eventTypes: ['credits.purchased'], idempotencyKey: 'grpc-create-1' }, uma);
    expect(again.id).toBe(endpoint.id);
    const listed = await client.call<{ endpoints: WebhookEndpointMessage[] }>('ListWebhookEndpoints', {}, uma);
    expect(listed.endpoints).toEqual([{ ...endpoint, secret: '' }]);
    expect(await platform.restGet(uma, `/v1/webhook-endpoints/${endpoint.id}`)).toMatchObject({ id: endpoint.id, url: receiver.url, event_types: ['credits.purchased'], description: 'grpc' });

    await platform.buyPack(UMA, 'app-300');
    await eventually(() => receiver.received.length === 1, 'one delivery');
    const first = receiver.received[0] as ReceivedWebhook;
    expect(receiver.rejected).toEqual([]);
    const log = await eventuallyValue(() => deliveriesOf(endpoint.id), (page) => page.deliveries[0]?.status === 'succeeded', 'the attempt logged');
    const [delivery] = log.deliveries as [WebhookDeliveryMessage];
    expect(delivery).toMatchObject({ messageId: first.headers['webhook-id'], eventType: 'credits.purchased', attempts: 1, lastStatusCode: 204, lastError: '', payload: first.body, nextAttemptAt: null });
    const rest = (await platform.restGet(uma, `/v1/webhook-endpoints/${endpoint.id}/deliveries`))['deliveries'] as Record<string, unknown>[];
    expect(rest).toEqual([expect.objectContaining({ id: delivery.id, message_id: delivery.messageId, attempts: 1, last_status_code: 204, payload: delivery.payload })]);

    const replayed = await client.call<WebhookDeliveryMessage>('ReplayWebhookDelivery', { endpointId: endpoint.id, deliveryId: delivery.id }, uma);
    expect(replayed).toMatchObject({ id: delivery.id, status: 'pending' });
    await eventually(() => receiver.received.length === 2, 'the replay');
    expect((receiver.received[1] as ReceivedWebhook).headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(receiver.rejected).toEqual([]);
  });

  it('rotates the secret, disables, deletes; another account finds nothing; bad input is INVALID_ARGUMENT naming the field', async () => {
    const rotated = await client.call<WebhookEndpointMessage>('RotateWebhookSecret', { endpointId: endpoint.id, overlapSeconds: 60 }, uma);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    const disabled = await client.call<WebhookEndpointMessage>('UpdateWebhookEndpoint', { endpointId: endpoint.id, enabled: false, eventTypes: ['credits.purchased', 'grant.expiring'] }, uma);
    expect(disabled).toMatchObject({ enabled: false, eventTypes: ['credits.purchased', 'grant.expiring'], url: receiver.url, description: 'grpc', secret: '' });

    const vic = await platform.token(VIC);
    expect((await failureOf(client.call('GetWebhookEndpoint', { endpointId: endpoint.id }, vic))).code).toBe(status.NOT_FOUND);
    expect((await failureOf(client.call('ListWebhookEndpoints', {}))).code).toBe(status.UNAUTHENTICATED);

    const badType = await failureOf(client.call('CreateWebhookEndpoint', { url: receiver.url, eventTypes: ['credits.stolen'] }, uma));
    expect(badType.code).toBe(status.INVALID_ARGUMENT);
    expect(problemOf(badType)['errors']).toEqual([{ field: 'event_types[0]', message: expect.stringContaining('must be one of credits.purchased') }]);
    const badUrl = await failureOf(client.call('CreateWebhookEndpoint', { url: 'ftp://example.com/hooks', eventTypes: ['task.charged'] }, uma));
    expect(badUrl.code).toBe(status.INVALID_ARGUMENT);
    expect(problemOf(badUrl)['errors']).toEqual([{ field: 'url', message: 'url must be http or https' }]);
    expect((await failureOf(client.call('ListWebhookDeliveries', { endpointId: endpoint.id, limit: 501 }, uma))).code).toBe(status.INVALID_ARGUMENT);

    await client.call('DeleteWebhookEndpoint', { endpointId: endpoint.id }, uma);
    expect((await failureOf(client.call('GetWebhookEndpoint', { endpointId: endpoint.id }, uma))).code).toBe(status.NOT_FOUND);
  });

  it('sets a pool’s thresholds as exact decimal text and reads them back as REST does; a fourth decimal or an unknown pool is refused', async () => {
    const set = await client.call<PoolBalanceAlertsMessage>('SetBalanceAlerts', { pool: 'app', thresholds: ['50.5', '200'] }, uma);
    expect(set).toEqual({
      pool: 'app',
      thresholds: ['200', '50.5'],
      alerts: [
        { type: 'balance.low', threshold: '200', armed: true, crossings: 0 },
        { type: 'balance.low', threshold: '50.5', armed: true, crossings: 0 },
        { type: 'balance.depleted', threshold: '', armed: true, crossings: 0 },
      ],
    });
    expect(await client.call('GetBalanceAlerts', {}, uma)).toEqual({ pools: [set] });
    expect(await platform.restGet(uma, '/v1/balance-alerts')).toEqual({ pools: [expect.objectContaining({ pool: 'app', thresholds: [200, 50.5] })] });

    const fourDecimals = await failureOf(client.call('SetBalanceAlerts', { pool: 'app', thresholds: ['0.0001'] }, uma));
    expect(fourDecimals.code).toBe(status.INVALID_ARGUMENT);
    expect(problemOf(fourDecimals)['errors']).toEqual([{ field: 'thresholds[0]', message: 'must be credits above 0, as decimal text with at most three decimals' }]);
    expect((await failureOf(client.call('SetBalanceAlerts', { pool: 'gold', thresholds: ['10'] }, uma))).code).toBe(status.INVALID_ARGUMENT);
  });
});
