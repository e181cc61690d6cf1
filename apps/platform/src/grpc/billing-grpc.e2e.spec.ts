import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import type { TaskMessage, TaskUpdateMessage } from '@billing/gateway-grpc';
import { BillingGrpcClient, failureOf, problemOf } from '@billing/gateway-grpc/testing';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedBilling } from '../testing/embedded-billing';

/*
 * billing.v1 over a real gRPC connection to the embedded platform: every service, the
 * gateway facade and the gRPC server in this process, on SQLite files in a temporary folder.
 * Credits come in through the real purchase path (order, sandbox payment confirmation).
 */

const ALICE = 'acct-alice';
const BOB = 'acct-bob';
/** seedance-2.0 without a video reference: 15 credits per second, 5 s = 75 credits in either pool. */
const RENDER = { model: 'seedance-2.0', durationSeconds: '5' };

let dir: string;
let platform: EmbeddedBilling;
let client: BillingGrpcClient;
let aliceKey: string;
let aliceToken: string;
let bobToken: string;

const poolsOf = async (credential: string) =>
  Object.fromEntries((await client.getBalances(credential)).pools.map((p) => [p.pool, { available: p.availableMillicredits, held: p.heldMillicredits, balance: p.balance }]));

const charged = (task: TaskMessage) => task.status === 'TASK_STATUS_CHARGED';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'billing-grpc-e2e-'));
  platform = await EmbeddedBilling.start(dir);
  client = new BillingGrpcClient(platform.grpcAddress);
  aliceKey = await platform.apiKey(ALICE);
  aliceToken = await platform.token(ALICE);
  bobToken = await platform.token(BOB);
  await platform.buyPack(ALICE, 'api-300');
  await platform.buyPack(ALICE, 'app-300');
  await eventuallyValue(() => poolsOf(aliceToken), (pools) => pools['api']?.available === '300000' && pools['app']?.available === '300000', 'both packs in alice’s pools');
}, 60_000);

afterAll(async () => {
  client?.close();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('billing.v1 over gRPC against the embedded platform', () => {
  it('refuses a call without metadata as UNAUTHENTICATED, with the problem as google.rpc.Status details', async () => {
    const error = await failureOf(client.getBalances());
    expect(error.code).toBe(status.UNAUTHENTICATED);
    expect(problemOf(error)).toMatchObject({ type: expect.stringMatching(/unauthorized$/), status: 401 });
    expect((await failureOf(client.getBalances('bk_not-a-real-key'))).code).toBe(status.UNAUTHENTICATED);
  });

  it('quotes in exact credits, naming the pool of the caller’s channel', async () => {
    const byKey = await client.createQuote({ render: RENDER }, aliceKey);
    expect(byKey).toMatchObject({ credits: '75', millicredits: '75000', pool: 'api', priceBookId: 'credits' });
    expect(byKey.breakdown.length).toBeGreaterThan(0);
    expect(Number(byKey.expiresAt.seconds)).toBeGreaterThan(Number(byKey.quotedAt.seconds));
    const byToken = await client.createQuote({ render: { ...RENDER, durationSeconds: '2.5', videoReference: true } }, aliceToken);
    expect(byToken).toMatchObject({ credits: '75', millicredits: '75000', pool: 'app' });
  });

  it('runs a task made with an API key on the API pool, and WatchTasks follows it up to charged', async () => {
    const watch = client.watchTasks({}, aliceKey);
    const bobWatch = client.watchTasks({}, bobToken);
    await Promise.all([watch.ready, bobWatch.ready]);

    const task = await client.createTask({ render: RENDER }, aliceKey);
    expect(task).toMatchObject({ pool: 'api', channel: 'api' });
    await eventuallyValue(async () => watch.updates, (updates) => updates.some((u) => u.task?.taskId === task.taskId && charged(u.task)), 'the charged update');

    const mine = watch.updates.filter((u) => u.task.taskId === task.taskId);
    const statuses = mine.map((u: TaskUpdateMessage) => u.task.status);
    expect(statuses).toContain('TASK_STATUS_RESERVED');
    expect(statuses[statuses.length - 1]).toBe('TASK_STATUS_CHARGED');
    expect(new Set(statuses).size).toBe(statuses.length); // each status change once
    expect(mine.find((u) => u.task.status === 'TASK_STATUS_RESERVED')?.task).toMatchObject({ creditsReserved: '75', creditsReservedMillicredits: '75000' });
    expect(mine[mine.length - 1]).toMatchObject({
      eventType: 'TaskCharged',
      task: { creditsCost: '75', creditsCostMillicredits: '75000', endReason: 'TASK_END_REASON_SUCCEEDED', deliveredDurationSeconds: '5', chargeBasis: 'CHARGE_BASIS_FULL' },
    });
    // Bob's stream hears nothing of Alice's task.
    expect(bobWatch.updates).toEqual([]);

    await expect(client.getTask(task.taskId, aliceKey)).resolves.toMatchObject({ status: 'TASK_STATUS_CHARGED', creditsCost: '75' });
    const pools = await poolsOf(aliceKey);
    expect(pools['api']).toMatchObject({ available: '225000', held: '0', balance: '225' });
    expect(pools['app']).toMatchObject({ available: '300000' });

    watch.cancel();
    bobWatch.cancel();
    expect((await watch.ended).code).toBe(status.CANCELLED);
    await eventuallyValue(async () => platform.grpc.activeWatches, (n) => n === 0, 'the server to drop cancelled watches');
  });

  it('runs a task made with a signed-in token on the App pool', async () => {
    const task = await client.createTask({ render: RENDER, idempotencyKey: 'app-task-1' }, aliceToken);
    expect(task).toMatchObject({ pool: 'app', channel: 'app' });
    const done = await eventuallyValue(() => client.getTask(task.taskId, aliceToken), charged, 'the app task to be charged');
    expect(done).toMatchObject({ creditsCost: '75', creditsCostMillicredits: '75000' });
    // The same idempotency key and request name the same task.
    await expect(client.createTask({ render: RENDER, idempotencyKey: 'app-task-1' }, aliceToken)).resolves.toMatchObject({ taskId: task.taskId });
    const pools = await poolsOf(aliceToken);
    expect(pools['app']).toMatchObject({ available: '225000' });
    expect(pools['api']).toMatchObject({ available: '225000' });

    const listed = await client.listTasks({}, aliceToken);
    expect(listed.tasks.map((t) => t.taskId)).toContain(task.taskId);
    const adopted = await client.adoptTask(task.taskId, aliceToken);
    expect(adopted.adopted).toBe(true);
  });

  it('answers another account’s task as NOT_FOUND, whatever the call', async () => {
    const task = await client.createTask({ render: RENDER }, aliceKey);
    for (const call of [client.getTask(task.taskId, bobToken), client.cancelTask(task.taskId, bobToken), client.adoptTask(task.taskId, bobToken)]) {
      const error = await failureOf(call);
      expect(error.code).toBe(status.NOT_FOUND);
      expect(problemOf(error)).toMatchObject({ type: expect.stringMatching(/not-found$/), status: 404 });
    }
    expect((await client.listTasks({}, bobToken)).tasks).toEqual([]);
  });

  it('acts in the organisation x-organisation-id names: one the caller created has pools of its own; a non-member is PERMISSION_DENIED, as for one that does not exist', async () => {
    const created = await platform.restPost(bobToken, '/v1/organisations', { name: 'bob grpc' });
    expect(created.status).toBe(201);
    const organisationId = String(created.body['id']);
    const inOrganisation = new BillingGrpcClient(platform.grpcAddress, organisationId);
    const nowhere = new BillingGrpcClient(platform.grpcAddress, 'org_00000000000000000000000000000000');
    try {
      const pools = Object.fromEntries((await inOrganisation.getBalances(bobToken)).pools.map((p) => [p.pool, p.availableMillicredits]));
      expect(pools).toEqual({ app: '0', api: '0' });
      const refused = await failureOf(inOrganisation.createTask({ render: RENDER }, bobToken));
      expect(refused.code).toBe(status.FAILED_PRECONDITION);
      expect(problemOf(refused)).toMatchObject({ pool: 'app', available: '0' });
      const intoBobs = await failureOf(inOrganisation.getBalances(aliceToken));
      const intoNowhere = await failureOf(nowhere.getBalances(aliceToken));
      expect([intoBobs.code, intoNowhere.code]).toEqual([status.PERMISSION_DENIED, status.PERMISSION_DENIED]);
      // An API key acts in its own organisation only.
      expect((await failureOf(inOrganisation.getBalances(aliceKey))).code).toBe(status.PERMISSION_DENIED);
    } finally {
      inOrganisation.close();
      nowhere.close();
    }
  });

  it('refuses a task the pool cannot pay for as FAILED_PRECONDITION with pool, available and required', async () => {
    const error = await failureOf(client.createTask({ render: RENDER }, bobToken));
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    // ErrorInfo carries the REST problem's members, as text.
    expect(problemOf(error)).toMatchObject({ reason: 'INSUFFICIENT_CREDITS', domain: 'billing.local', type: expect.stringMatching(/insufficient-credits$/), status: 402, pool: 'app', available: '0', required: '75' });
  });

  it('refunds an unused pack for its owner (the order shows the money returned), refuses another account’s as NOT_FOUND, and answers GetSubscription without a plan as NOT_FOUND', async () => {
    const carl = await platform.token('acct-carl');
    const orderId = await platform.buyPack('acct-carl', 'app-300');
    expect((await failureOf(client.refundOrder({ orderId }, bobToken))).code).toBe(status.NOT_FOUND);
    expect((await failureOf(client.refundOrder({ orderId: '' }, carl))).code).toBe(status.INVALID_ARGUMENT);
    const asked = await client.refundOrder({ orderId, reason: 'bought by mistake' }, carl);
    expect(asked).toMatchObject({ orderId, kind: 'pack', packId: 'app-300', credits: '300', amount: { amountCents: '2400', currency: 'USD' } });
    expect(['refund_requested', 'refunded']).toContain(asked.status);
    const settled = await eventuallyValue(() => client.refundOrder({ orderId }, carl), (order) => order.status === 'refunded', 'the refund to settle');
    expect(settled.refunded).toEqual({ amountCents: '2400', currency: 'USD' });
    expect((await failureOf(client.getSubscription(carl))).code).toBe(status.NOT_FOUND);
    expect((await failureOf(client.cancelSubscription(carl))).code).toBe(status.NOT_FOUND);
  });

  it('refuses invalid requests as INVALID_ARGUMENT, naming each field', async () => {
    const error = await failureOf(client.createTask({ render: { model: '', durationSeconds: '0' } }, aliceKey));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    const problem = problemOf(error);
    expect(problem).toMatchObject({ type: expect.stringMatching(/validation$/), status: 400 });
    expect((problem['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual(['render.duration_seconds', 'render.model']);

    expect((await failureOf(client.createQuote({}, aliceKey))).code).toBe(status.INVALID_ARGUMENT);
    const unknownModel = await failureOf(client.createQuote({ render: { model: 'no-such-model', durationSeconds: '1' } }, aliceKey));
    expect(unknownModel.code).toBe(status.INVALID_ARGUMENT);
    expect((await failureOf(client.getTask('', aliceKey))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('holds the limits REST holds: past an hour, 240 fps or 1,000 variations, or a key not ASCII, is INVALID_ARGUMENT naming the field', async () => {
    const fieldsOf = async (call: Promise<unknown>) => {
      const error = await failureOf(call);
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      return (problemOf(error)['errors'] as { field: string }[]).map((e) => e.field).sort();
    };
    // 4,294,967.295 s would be priced at 64,424,509.425 credits; more than three decimals is no whole millisecond.
    expect(await fieldsOf(client.createQuote({ render: { ...RENDER, durationSeconds: '4294967.295' } }, aliceKey))).toEqual(['render.duration_seconds']);
    expect(await fieldsOf(client.createQuote({ render: { ...RENDER, durationSeconds: '2.0005' } }, aliceKey))).toEqual(['render.duration_seconds']);
    expect(await fieldsOf(client.createQuote({ render: { ...RENDER, durationSeconds: '5 s' } }, aliceKey))).toEqual(['render.duration_seconds']);
    expect(await fieldsOf(client.createQuote({ render: { ...RENDER, fps: 241, resolution: 'x'.repeat(101) }, batchSize: 1_001 }, aliceKey))).toEqual([
      'batch_size',
      'render.fps',
      'render.resolution',
    ]);
    expect(await fieldsOf(client.createTask({ render: { ...RENDER, durationSeconds: '3600.001' } }, aliceKey))).toEqual(['render.duration_seconds']);
    expect(await fieldsOf(client.createTask({ render: RENDER, idempotencyKey: 'ключ-1' }, aliceKey))).toEqual(['idempotency_key']);
    // An hour exactly is as far as REST goes too.
    await expect(client.createQuote({ render: { ...RENDER, durationSeconds: '3600' } }, aliceKey)).resolves.toMatchObject({ credits: '54000' });
  });
});
