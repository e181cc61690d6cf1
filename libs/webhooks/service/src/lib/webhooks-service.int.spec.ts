import Database from 'better-sqlite3';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PurchaseLotCall, type PurchaseLotReply, type RpcContract, SUBSCRIPTION_CATEGORY, WalletRpc, WebhooksRpc } from '@billing/contracts';
import { type EventStore, openSqliteEventStore, type RecordedEvent } from '@billing/event-store';
import { InProcessMessageBus, SUBSCRIPTION_TOPIC, toOutgoingMessage, WALLET_TOPIC, walletRoute } from '@billing/messaging';
import { ManualClock, RpcDirectory, RpcError, send, ServiceHost, silentLogger } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { createWebhooksService, DELIVERY_JOB, GRANT_NOTICE_JOB } from './webhooks-service';

/** The Standard Webhooks check, written from the spec (not the platform's signer): any v1 signature under the secret's key. */
function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string, now: number): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = Number(headers['webhook-timestamp']);
  if (Math.abs(now / 1000 - timestamp) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .map((entry) => (entry.startsWith('v1,') ? Buffer.from(entry.slice(3), 'base64') : Buffer.alloc(0)))
    .some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
}

interface Received {
  readonly id: string;
  readonly verified: boolean;
  readonly verifiedByOld: boolean;
  readonly body: { type: string; data: Record<string, unknown> };
}

/** A real receiver: answers 500 to the first `failFirst` requests, then 204; verifies each signature. */
class Receiver {
  readonly received: Received[] = [];
  failFirst = 0;
  secret = '';
  oldSecret = '';
  private server!: Server;
  constructor(private readonly clock: ManualClock) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body) as Received['body'];
        this.received.push({
          id: String(request.headers['webhook-id']),
          verified: verify(this.secret, request.headers, body, this.clock.now()),
          verifiedByOld: this.oldSecret !== '' && verify(this.oldSecret, request.headers, body, this.clock.now()),
          body: parsed,
        });
        response.writeHead(this.received.length <= this.failFirst ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const T0 = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;
let position = 0;
const walletEvent = (eventId: string, type: string, data: object, streamName = 'wallet-acme-api.202603'): RecordedEvent => ({
  streamName,
  revision: position,
  position: ++position,
  eventId,
  type,
  schemaVersion: 1,
  data: { at: T0, ...data },
  metadata: {},
  recordedAt: T0,
  hash: '',
  previousHash: '',
});
const purchased = (id: string) =>
  walletEvent(id, 'CreditsPurchased', { purchaseId: `p-${id}`, millicredits: 1_000_000, amountCents: 7200, currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1' });

describe('webhooks service under the host: a real receiver, Standard Webhooks signatures, retries, restarts', () => {
  let dir: string;
  let bus: InProcessMessageBus;
  let clock: ManualClock;
  let receiver: Receiver;
  let url: string;
  let webhooks: { host: ServiceHost; store: EventStore; db: Database.Database } | undefined;
  /** What the wallet's books say is left of each grant (by grant id), answered over the wallet's `purchaseLot` as the wallet would. */
  let grantLots: Map<string, PurchaseLotReply>;
  let walletAsked: PurchaseLotCall[];
  const walletDirectory = () => {
    const directory = new RpcDirectory();
    const purchaseLot = async (request: unknown) => {
      const call = request as PurchaseLotCall;
      walletAsked.push(call);
      return grantLots.get(call.grantId ?? '') ?? { known: false, purchasedMillicredits: 0, remainingMillicredits: 0, heldMillicredits: 0, revoked: false };
    };
    directory.register('wallet', [{ name: WalletRpc.purchaseLot.method, dto: Object, handle: purchaseLot }], silentLogger);
    return directory;
  };

  const start = async (environment = 'development') => {
    const store = openSqliteEventStore({ path: join(dir, 'webhooks.events.db') });
    const db = new Database(join(dir, 'webhooks.state.db'));
    const host = await ServiceHost.start({
      serviceName: 'webhooks',
      // The schedule is data: one minute, then two, then spent. Jitter 0.5 is no spread.
      factory: createWebhooksService({ environment, retryScheduleMillis: [60_000, 120_000], deliverEveryMillis: 3_600_000, jitter: () => 0.5 }),
      store,
      db,
      bus,
      logger: silentLogger,
      partitions: 1,
      clock,
      directory: walletDirectory(),
    });
    webhooks = { host, store, db };
    return host;
  };
  const stop = async () => {
    if (!webhooks) return;
    await webhooks.host.stop();
    await webhooks.store.close();
    webhooks.db.close();
    webhooks = undefined;
  };
  const running = () => {
    if (!webhooks) throw new Error('the webhooks service is not running');
    return webhooks.host;
  };
  const call = <Request, Reply>(method: RpcContract<Request, Reply>, request: NoInfer<Request>) => send(running().context.rpc, method, request);
  const deliver = () => running().runJob(DELIVERY_JOB);
  const publish = (...events: RecordedEvent[]) => bus.publish(events.map((event) => toOutgoingMessage(event, walletRoute(4))));
  const queued = (endpointId: string, n: number) =>
    eventually(async () => (await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId })).deliveries.length >= n, `${n} deliveries queued`);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webhooks-service-'));
    bus = new InProcessMessageBus();
    await bus.ensureTopics([
      { topic: WALLET_TOPIC, partitions: 4 },
      { topic: SUBSCRIPTION_TOPIC, partitions: 4 },
    ]);
    clock = new ManualClock(T0);
    grantLots = new Map();
    walletAsked = [];
    receiver = new Receiver(clock);
    url = await receiver.start();
    await start();
  });
  afterEach(async () => {
    await stop();
    await receiver.stop();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an endpoint for purchases, when credits are purchased, then the receiver gets one message whose signature verifies', async () => {
    const endpoint = await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['credits.purchased'] });
    receiver.secret = endpoint.secret;
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await publish(purchased('e-1'), walletEvent('e-2', 'CreditsCharged', { reservationId: 'r', millicredits: 5_000, allocations: [], taskId: 't-1' }));
    await queued('ep-1', 1);
    await deliver();
    expect(receiver.received).toEqual([
      {
        id: 'msg_e-1',
        verified: true,
        verifiedByOld: false,
        body: { type: 'credits.purchased', timestamp: '2026-03-01T00:00:00.000Z', data: expect.objectContaining({ account_id: 'acme', pool: 'api', credits: 1000, amount_cents: 7200 }) },
      },
    ]);
    const [delivery] = (await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries;
    expect(delivery).toMatchObject({ messageId: 'msg_e-1', status: 'succeeded', attempts: 1, lastStatusCode: 204 });
  });

  it('given a receiver that fails twice, then it is retried on the schedule with the same webhook-id until it answers 2xx', async () => {
    await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['credits.purchased'] }).then((e) => (receiver.secret = e.secret));
    receiver.failFirst = 2;
    await publish(purchased('e-1'));
    await queued('ep-1', 1);
    await deliver();
    await deliver(); // not due yet: nothing sent
    expect(receiver.received).toHaveLength(1);
    clock.advance(60_000);
    await deliver();
    clock.advance(120_000);
    await deliver();
    expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([
      ['msg_e-1', true],
      ['msg_e-1', true],
      ['msg_e-1', true],
    ]);
    const [delivery] = (await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3 });
  });

  it('given a receiver that never answers 2xx, when the schedule is spent, then the delivery fails and the endpoint is disabled with the reason; a replay sends it again', async () => {
    await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['credits.purchased'] }).then((e) => (receiver.secret = e.secret));
    receiver.failFirst = 3;
    await publish(purchased('e-1'));
    await queued('ep-1', 1);
    for (const wait of [0, 60_000, 120_000]) {
      clock.advance(wait);
      await deliver();
    }
    const endpoint = await call(WebhooksRpc.getEndpoint, { accountId: 'acme', endpointId: 'ep-1' });
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('failed 3 times (last: answered 500)') });
    const [failed] = (await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries;
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500 });

    await call(WebhooksRpc.updateEndpoint, { accountId: 'acme', endpointId: 'ep-1', enabled: true });
    expect(await call(WebhooksRpc.getEndpoint, { accountId: 'acme', endpointId: 'ep-1' })).toMatchObject({ enabled: true, disabledReason: null });
    await call(WebhooksRpc.replayDelivery, { accountId: 'acme', endpointId: 'ep-1', deliveryId: failed?.deliveryId ?? '' });
    await deliver();
    expect(receiver.received.map((r) => r.id)).toEqual(['msg_e-1', 'msg_e-1', 'msg_e-1', 'msg_e-1']);
    expect((await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries[0]).toMatchObject({ status: 'succeeded', attempts: 4 });
  });

  it('given a rotation, then during the overlap both the new and the old secret verify, and after it only the new one', async () => {
    const created = await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['credits.purchased'] });
    const rotated = await call(WebhooksRpc.rotateSecret, { accountId: 'acme', endpointId: 'ep-1', overlapMillis: 3_600_000 });
    expect(rotated.secret).not.toBe(created.secret);
    receiver.secret = rotated.secret;
    receiver.oldSecret = created.secret;
    await publish(purchased('e-1'));
    await queued('ep-1', 1);
    await deliver();
    clock.advance(3_600_000);
    await publish(purchased('e-2'));
    await queued('ep-1', 2);
    await deliver();
    expect(receiver.received.map((r) => [r.id, r.verified, r.verifiedByOld])).toEqual([
      ['msg_e-1', true, true],
      ['msg_e-2', true, false],
    ]);
  });

  it('given the service stopped with a message queued and restarted, then it is delivered once, and the event seen again queues nothing new', async () => {
    await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['credits.purchased'] }).then((e) => (receiver.secret = e.secret));
    await publish(purchased('e-1'));
    await queued('ep-1', 1);
    await stop();
    await start();
    await publish(purchased('e-1')); // the same event again, as a redelivery after a crash would bring it
    await deliver();
    await deliver();
    expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([['msg_e-1', true]]);
    expect((await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries).toHaveLength(1);
  });

  it('given a renewal the provider could not collect, then plan.renewal_failed goes to the endpoints that asked for it, once however often the event comes', async () => {
    const endpoint = await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['plan.renewal_failed'] });
    receiver.secret = endpoint.secret;
    const pastDue = walletEvent('e-past-due', 'SubscriptionPastDue', { accountId: 'acme', planId: 'explorer', invoiceId: 'in_1', periodStart: T0, periodEnd: T0 + 31 * DAY, attempt: 1, reason: 'card_declined' }, 'subscription-acme');
    const subscriptionRoute = { category: SUBSCRIPTION_CATEGORY, topic: SUBSCRIPTION_TOPIC, partitions: 4, keyOf: () => 'acme' };
    await bus.publish([toOutgoingMessage(pastDue, subscriptionRoute), toOutgoingMessage(pastDue, subscriptionRoute)]);
    await queued('ep-1', 1);
    await deliver();
    expect(receiver.received).toEqual([
      { id: 'msg_e-past-due', verified: true, verifiedByOld: false, body: { type: 'plan.renewal_failed', timestamp: '2026-03-01T00:00:00.000Z', data: expect.objectContaining({ plan_id: 'explorer', attempt: 1, reason: 'card_declined' }) } },
    ]);
    expect((await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries).toHaveLength(1);
  });

  it('given a plan grant expiring in 10 days, part of it spent, then grant.expiring goes out once, 3 days before, on the platform clock, with what is left of it', async () => {
    const endpoint = await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['grant.expiring', 'credits.purchased'] });
    receiver.secret = endpoint.secret;
    const grant = walletEvent('e-grant', 'CreditsGranted', { grantId: 'plan:acme:1', millicredits: 2_000_000, source: { kind: 'plan', reference: 'plan:acme:1' }, expiresAt: T0 + 10 * DAY });
    await publish(grant, purchased('e-after')); // the purchase's delivery shows the batch with the grant was seen
    await queued('ep-1', 1);
    const notices = async () => (await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries.filter((d) => d.eventType === 'grant.expiring');
    clock.set(T0 + 7 * DAY - 1);
    await running().runJob(GRANT_NOTICE_JOB);
    expect(await notices()).toEqual([]);
    expect(walletAsked).toEqual([]);
    // 1,249.75 of the 2,000 credits spent by the notice; 100 of what is left held by a running task.
    grantLots.set('plan:acme:1', { known: true, purchasedMillicredits: 2_000_000, remainingMillicredits: 750_250, heldMillicredits: 100_000, revoked: false });
    clock.set(T0 + 7 * DAY);
    await running().runJob(GRANT_NOTICE_JOB);
    expect(walletAsked).toEqual([{ accountId: 'acme', pool: 'api', purchaseId: 'plan:acme:1', grantId: 'plan:acme:1' }]);
    await publish(grant); // the grant seen again (a redelivery) is not announced twice
    await publish(purchased('e-later'));
    await queued('ep-1', 3);
    clock.advance(DAY);
    await running().runJob(GRANT_NOTICE_JOB);
    expect(await notices()).toMatchObject([{ messageId: 'msg_expiring_e-grant', status: 'pending' }]);
    await deliver();
    const received = receiver.received.filter((r) => r.body.type === 'grant.expiring');
    expect(received).toEqual([
      {
        id: 'msg_expiring_e-grant',
        verified: true,
        verifiedByOld: false,
        body: {
          type: 'grant.expiring',
          timestamp: '2026-03-08T00:00:00.000Z',
          data: { account_id: 'acme', pool: 'api', grant: 'plan:acme:1', credits: 750.25, credits_granted: 2000, expires_at: '2026-03-11T00:00:00.000Z' },
        },
      },
    ]);
  });

  it('given plan grants wholly spent or revoked by their notice, then no grant.expiring goes out, and a grant no endpoint asked about is not looked up', async () => {
    await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['grant.expiring', 'credits.purchased'] });
    const planGrant = (eventId: string, grantId: string, streamName = 'wallet-acme-api.202603') =>
      walletEvent(eventId, 'CreditsGranted', { grantId, millicredits: 1_000_000, source: { kind: 'plan', reference: grantId }, expiresAt: T0 + 10 * DAY }, streamName);
    await publish(planGrant('e-spent', 'plan:acme:spent'), planGrant('e-revoked', 'plan:acme:revoked'), planGrant('e-bob', 'plan:bob:1', 'wallet-bob-api.202603'), purchased('e-after'));
    await queued('ep-1', 1);
    grantLots.set('plan:acme:spent', { known: true, purchasedMillicredits: 1_000_000, remainingMillicredits: 0, heldMillicredits: 0, revoked: false });
    grantLots.set('plan:acme:revoked', { known: true, purchasedMillicredits: 1_000_000, remainingMillicredits: 0, heldMillicredits: 0, revoked: true });
    clock.set(T0 + 7 * DAY);
    await running().runJob(GRANT_NOTICE_JOB);
    expect(walletAsked.map((asked) => asked.grantId).sort()).toEqual(['plan:acme:revoked', 'plan:acme:spent']);
    grantLots.set('plan:acme:spent', { known: true, purchasedMillicredits: 1_000_000, remainingMillicredits: 1_000_000, heldMillicredits: 0, revoked: false });
    await running().runJob(GRANT_NOTICE_JOB); // marked: not asked again, not announced later
    expect(walletAsked).toHaveLength(2);
    expect((await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-1' })).deliveries.filter((d) => d.eventType === 'grant.expiring')).toEqual([]);
  });

  it('given endpoints on localhost and 127.0.0.1 (made in development), when the service runs in production, then each attempt is refused at send time, the name by what it resolves to now', async () => {
    const port = new URL(url).port;
    await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-name', url: `http://localhost:${port}/hooks`, eventTypes: ['credits.purchased'] });
    await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-ip', url, eventTypes: ['credits.purchased'] });
    await stop();
    await start('production');
    await publish(purchased('e-1'));
    await queued('ep-name', 1);
    await queued('ep-ip', 1);
    await deliver();
    expect(receiver.received).toEqual([]);
    const [byName] = (await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-name' })).deliveries;
    expect(byName).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), a loopback, private or link-local address$/) });
    const [byIp] = (await call(WebhooksRpc.listDeliveries, { accountId: 'acme', endpointId: 'ep-ip' })).deliveries;
    expect(byIp).toMatchObject({ status: 'pending', attempts: 1, lastError: '127.0.0.1 is a loopback, private or link-local address' });
  });

  it('refuses what is not an endpoint: a bad URL, an unknown event type, another account’s endpoint', async () => {
    await expect(call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-x', url: 'ftp://example.com', eventTypes: ['credits.purchased'] })).rejects.toMatchObject({
      problem: { type: 'validation', status: 400 },
    });
    await call(WebhooksRpc.createEndpoint, { accountId: 'acme', endpointId: 'ep-1', url, eventTypes: ['task.charged'] });
    await expect(call(WebhooksRpc.getEndpoint, { accountId: 'other', endpointId: 'ep-1' })).rejects.toBeInstanceOf(RpcError);
    expect((await call(WebhooksRpc.listEndpoints, { accountId: 'other' })).endpoints).toEqual([]);
  });
});
