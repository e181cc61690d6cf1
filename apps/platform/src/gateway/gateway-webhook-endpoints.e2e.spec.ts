import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillingClient } from '@billing/sdk';
import { eventually, eventuallyValue, type ReceivedWebhook, startWebhookReceiver, verifies, type WebhookReceiver } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

const PROBLEM = 'https://billing.local/problems/';

describe('outgoing webhooks over REST: register an endpoint, receive a signed purchase, read the log, replay, rotate', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let receiver: WebhookReceiver;
  let answers: SdkAnswers;
  let anon: BillingClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-webhook-endpoints-e2e-'));
    receiver = await startWebhookReceiver();
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'webhook-endpoints-e2e-secret-webhook-endpoints', logRequests: false });
    answers = new SdkAnswers(platform.url);
    anon = answers.anon;
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an endpoint for purchases, when the caller buys credits, then the receiver gets one signed delivery that the log shows and a replay sends again with the same webhook-id', async () => {
    const dana = anon.as(await platform.token('dana'));
    const created = await dana.webhookEndpoints.create({ url: receiver.url, event_types: ['credits.purchased'], description: 'e2e receiver' });
    expect(answers.last.status).toBe(201);
    expect(created).toMatchObject({ url: receiver.url, event_types: ['credits.purchased'], enabled: true, description: 'e2e receiver', disabled_reason: null });
    const secret = String(created.secret);
    expect(secret).toMatch(/^whsec_/);
    receiver.trust(secret);
    expect((await dana.webhookEndpoints.list()).endpoints).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

    await confirmedOrder(dana, { kind: 'pack', pack_id: 'app-300' });
    await eventually(() => receiver.received.length === 1, 'one delivery');
    const first = receiver.received[0] as ReceivedWebhook;
    expect(receiver.rejected).toEqual([]);
    expect(JSON.parse(first.body)).toMatchObject({ type: 'credits.purchased', data: { account_id: 'dana', pool: 'app', credits: 300 } });

    const log = await eventuallyValue(() => dana.webhookEndpoints.deliveries(created.id), (page) => page.deliveries[0]?.status === 'succeeded', 'the attempt logged');
    expect(log.deliveries).toEqual([
      expect.objectContaining({ message_id: first.headers['webhook-id'], event_type: 'credits.purchased', attempts: 1, last_status_code: 204, payload: first.body }),
    ]);
    const deliveryId = String(log.deliveries[0]?.id);

    // Rotated, the next send carries a signature by each secret while they overlap.
    const rotated = await dana.webhookEndpoints.rotateSecret(created.id, { overlap_seconds: 600 });
    const newSecret = String(rotated.secret);
    expect(newSecret).not.toBe(secret);

    const replay = await dana.webhookEndpoints.replay(created.id, deliveryId);
    expect(answers.last.status).toBe(202);
    expect(replay).toMatchObject({ id: deliveryId, status: 'pending' });
    await eventually(() => receiver.received.length === 2, 'the replay');
    const again = receiver.received[1] as ReceivedWebhook;
    expect({ id: again.headers['webhook-id'], body: again.body }).toEqual({ id: first.headers['webhook-id'], body: first.body });
    expect(String(again.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect({ byNew: verifies(newSecret, again), byOld: verifies(secret, again) }).toEqual({ byNew: true, byOld: true });
    expect(receiver.rejected).toEqual([]);
    await eventuallyValue(
      () => dana.webhookEndpoints.deliveries(created.id, { limit: 1 }),
      (page) => page.deliveries[0]?.attempts === 2 && page.deliveries[0].status === 'succeeded',
      'the replay logged',
    );
  });

  it('given endpoints, then PATCH changes only what it sends, DELETE removes one, another account finds none, and bad input is a 400 problem naming the field', async () => {
    const erin = anon.as(await platform.token('erin'));
    const { id } = await erin.webhookEndpoints.create({ url: receiver.url, event_types: ['task.charged'] });

    const patched = await erin.webhookEndpoints.update(id, { enabled: false, event_types: ['task.charged', 'task.refunded'] });
    expect(patched).toMatchObject({ url: receiver.url, enabled: false, event_types: ['task.charged', 'task.refunded'] });
    expect(await erin.webhookEndpoints.get(id)).toMatchObject({ enabled: false });

    const stranger = anon.as(await platform.token('frank'));
    expect((await problemOf(stranger.webhookEndpoints.get(id))).status).toBe(404);
    expect((await problemOf(stranger.webhookEndpoints.delete(id))).status).toBe(404);
    expect((await problemOf(anon.webhookEndpoints.list())).status).toBe(401);

    const badUrl = await problemOf(erin.webhookEndpoints.create({ url: 'ftp://example.com/hooks', event_types: ['task.charged'] }));
    expect(badUrl).toMatchObject({ type: `${PROBLEM}validation`, status: 400, errors: [{ field: 'url' }] });
    const badType = await problemOf(erin.webhookEndpoints.create({ url: receiver.url, event_types: ['credits.stolen' as 'task.charged'] }));
    expect(badType).toMatchObject({ type: `${PROBLEM}validation`, errors: [expect.objectContaining({ field: 'event_types' })] });
    expect((await problemOf(erin.webhookEndpoints.deliveries(id, { limit: 0 }))).status).toBe(400);

    await erin.webhookEndpoints.delete(id);
    expect((await problemOf(erin.webhookEndpoints.get(id))).status).toBe(404);
    expect((await erin.webhookEndpoints.list()).endpoints).toEqual([]);
  });

  it('given an Idempotency-Key, when a create is sent twice, then one endpoint exists and the replay shows it without its secret', async () => {
    const gina = anon.as(await platform.token('gina'));
    const body = { url: receiver.url, event_types: ['credits.purchased' as const] };
    const first = await gina.webhookEndpoints.create(body, { idempotencyKey: 'create-once' });
    const second = await gina.webhookEndpoints.create(body, { idempotencyKey: 'create-once' });
    expect(answers.last.status).toBe(201);
    expect(second).toEqual({ ...first, secret: null });
    expect((await gina.webhookEndpoints.list()).endpoints).toHaveLength(1);
  });
});
