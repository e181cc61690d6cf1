import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskMessage } from '@billing/gateway-grpc';
import { BillingGrpcClient } from '@billing/gateway-grpc/testing';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedBilling } from '../testing/embedded-billing';

/*
 * A shorter output than quoted, seen by a client: the embedded platform's simulator delivers
 * every output short (SIMULATOR_PARTIAL_RATE=1), and the credits book charges it pro rata.
 * The task must say so over gRPC (Task, WatchTasks) and REST, not look like a success in full.
 */

const ALICE = 'acct-partial';
/** seedance-2.0 without a video reference: 15 credits per second, 5 s = 75 credits. */
const RENDER = { model: 'seedance-2.0', durationSeconds: '5' };
const QUOTED_MILLIS = 5_000;

let dir: string;
let platform: EmbeddedBilling;
let client: BillingGrpcClient;
let key: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'billing-partial-e2e-'));
  platform = await EmbeddedBilling.start(dir, { SIMULATOR_PARTIAL_RATE: '1', SIMULATOR_SEED: '7' });
  client = new BillingGrpcClient(platform.grpcAddress);
  key = await platform.apiKey(ALICE);
  await platform.buyPack(ALICE, 'api-300');
  await eventuallyValue(() => client.getBalances(key), (balances) => balances.pools.some((p) => p.pool === 'api' && p.availableMillicredits === '300000'), 'the pack in the API pool');
}, 60_000);

afterAll(async () => {
  client?.close();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a task whose output came back shorter than quoted', () => {
  it('shows the delivered duration and a pro rata charge over gRPC (task and update) and REST', async () => {
    const watch = client.watchTasks({}, key);
    await watch.ready;
    const created = await client.createTask({ render: RENDER }, key);
    const charged = (task: TaskMessage) => task.status === 'TASK_STATUS_CHARGED';
    const task = await eventuallyValue(() => client.getTask(created.taskId, key), charged, 'the task charged');

    // Seconds as decimal text with at most three decimals: whole milliseconds, exactly.
    const delivered = Math.round(Number(task.deliveredDurationSeconds ?? '0') * 1000);
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThan(QUOTED_MILLIS);
    // The credits book rounds to 0.001 credit: 75 credits x delivered / quoted, rounded down.
    const cost = Math.floor((75_000 * delivered) / QUOTED_MILLIS);
    expect(task).toMatchObject({
      endReason: 'TASK_END_REASON_SUCCEEDED',
      chargeBasis: 'CHARGE_BASIS_PRO_RATA',
      creditsCostMillicredits: String(cost),
      creditsReservedMillicredits: '75000',
    });

    const updates = await eventuallyValue(async () => watch.updates, (all) => all.some((u) => u.task.taskId === task.taskId && charged(u.task)), 'the charged update');
    const last = updates.filter((u) => u.task.taskId === task.taskId).at(-1);
    expect(last?.task).toMatchObject({ deliveredDurationSeconds: task.deliveredDurationSeconds, chargeBasis: 'CHARGE_BASIS_PRO_RATA', creditsCostMillicredits: String(cost) });
    watch.cancel();
    await watch.ended;

    const rest = await platform.restGet(key, `/v1/tasks/${task.taskId}`);
    expect(rest).toMatchObject({
      status: 'charged',
      end_reason: 'succeeded',
      credits_reserved: 75,
      credits_cost: cost / 1000,
      delivered_duration_seconds: delivered / 1000,
      charge_basis: 'pro_rata',
      quote: { duration_seconds: 5 },
    });
  });

  it('documents both fields in the OpenAPI task schema', async () => {
    const openapi = (await platform.restGet(key, '/openapi.json')) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(openapi.components.schemas['TaskDto']?.properties).toMatchObject({
      delivered_duration_seconds: { type: 'number', nullable: true },
      charge_basis: { type: 'string', enum: ['full', 'pro_rata'], nullable: true },
    });
  });
});
