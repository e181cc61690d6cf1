import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillingClient } from '@billing/sdk';
import { eventually, eventuallyValue, startWebhookReceiver, type WebhookReceiver } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

describe('low-balance alerts over REST: a threshold fires once per crossing downwards, as a signed webhook', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let receiver: WebhookReceiver;
  let anon: BillingClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-balance-alerts-e2e-'));
    receiver = await startWebhookReceiver();
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'balance-alerts-e2e-secret-balance-alerts-e2e', logRequests: false });
    anon = new SdkAnswers(platform.url).anon;
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a threshold of 200 on the app pool, when spending crosses it, goes on below it, is refilled and crosses again, then balance.low fires twice and balance.depleted once at zero', async () => {
    const hana = anon.as(await platform.token('hana'));
    const endpoint = await hana.webhookEndpoints.create({ url: receiver.url, event_types: ['balance.low', 'balance.depleted', 'task.charged'] });
    receiver.trust(String(endpoint.secret));
    expect(await hana.balanceAlerts.set('app', { thresholds: [200] })).toMatchObject({ pool: 'app', thresholds: [200] });

    /** The alerts queued so far, read once the delivery log shows the task's charge (so its batch has been seen). */
    const alertsAfter = async (seconds: number): Promise<string[]> => {
      const task = await hana.tasks.create({ model: 'seedance-2.0', duration_seconds: seconds });
      const log = await eventuallyValue(
        () => hana.webhookEndpoints.deliveries(endpoint.id, { limit: 500 }),
        (page) => page.deliveries.some((d) => d.event_type === 'task.charged' && d.payload.includes(task.id)),
        `the charge of ${task.id} in the log`,
      );
      return log.deliveries
        .filter((d) => d.event_type !== 'task.charged')
        .reverse()
        .map((d) => {
          const data = (JSON.parse(d.payload) as { data: { available: number; crossing: number } }).data;
          return `${d.event_type} ${data.available} #${data.crossing}`;
        });
    };

    await confirmedOrder(hana, { kind: 'pack', pack_id: 'app-300' });
    expect(await alertsAfter(10)).toEqual(['balance.low 150 #1']); // 300 -> 150: crosses 200
    expect(await alertsAfter(5)).toEqual(['balance.low 150 #1']); // 150 -> 75: still below, nothing new
    await confirmedOrder(hana, { kind: 'pack', pack_id: 'app-300' }); // 375: re-armed
    expect(await alertsAfter(10)).toEqual(['balance.low 150 #1']); // 375 -> 225: above
    expect(await alertsAfter(5)).toEqual(['balance.low 150 #1', 'balance.low 150 #2']); // 225 -> 150: crosses again
    expect(await alertsAfter(10)).toEqual(['balance.low 150 #1', 'balance.low 150 #2', 'balance.depleted 0 #1']); // 150 -> 0

    expect((await hana.balanceAlerts.list()).pools).toEqual([
      {
        pool: 'app',
        thresholds: [200],
        alerts: [
          { type: 'balance.low', threshold: 200, armed: false, crossings: 2 },
          { type: 'balance.depleted', threshold: null, armed: false, crossings: 1 },
        ],
      },
    ]);
    await eventually(() => receiver.received.filter((r) => r.body.includes('"balance.')).length === 3, 'three alerts delivered');
    const alerts = receiver.received.filter((r) => r.body.includes('"balance.'));
    expect(new Set(alerts.map((r) => r.headers['webhook-id'])).size).toBe(3);
    expect(receiver.rejected).toEqual([]);
  }, 90_000);

  it('given a pool the price book does not know, or a threshold with four decimals, then the answer is a 400 problem', async () => {
    const ivan = anon.as(await platform.token('ivan'));
    expect(await problemOf(ivan.balanceAlerts.set('gold', { thresholds: [10] }))).toMatchObject({ status: 400, errors: [{ field: 'pool' }] });
    expect(await problemOf(ivan.balanceAlerts.set('app', { thresholds: [0.0001] }))).toMatchObject({ status: 400 });
    expect(await ivan.balanceAlerts.set('app', { thresholds: [] })).toEqual({ pool: 'app', thresholds: [], alerts: [] });
    expect((await ivan.balanceAlerts.list()).pools).toEqual([]);
  });
});
