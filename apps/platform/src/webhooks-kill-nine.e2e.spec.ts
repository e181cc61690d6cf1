import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAppToken } from '@billing/gateway-application';
import { BillingClient } from '@billing/sdk';
import { eventually, eventuallyValue, type ReceivedWebhook, startPlatformChild, startWebhookReceiver, type WebhookReceiver } from '@billing/util/testing';
import { frontDoorTestEnvironment } from './testing';
import { confirmedOrder } from './testing/orders';

const SECRET = 'webhooks-kill-nine-e2e-secret-0123456789';
/** Retries every half second, forty times: the receiver's failing spell never spends the schedule. */
const RETRY_EVERY_HALF_SECOND = Array.from({ length: 40 }, () => 500).join(',');

const idOf = (webhook: ReceivedWebhook): string => String(webhook.headers['webhook-id']);
/** What a message is about: its type and the purchase or task it reports. */
const subjectOf = (webhook: ReceivedWebhook): string => {
  const { type, data } = JSON.parse(webhook.body) as { type: string; data: { purchase_id?: string; task_id?: string } };
  return `${type} ${data.purchase_id ?? data.task_id}`;
};

async function killNine(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
}

describe('outgoing webhooks across a kill -9 of the platform mid-delivery', () => {
  let dir: string;
  let receiver: WebhookReceiver;
  let platform: { child: ChildProcess; url: string } | undefined;
  const output: string[] = [];
  const start = () => startPlatformChild({ ...frontDoorTestEnvironment(dir, SECRET), WEBHOOK_RETRY_SCHEDULE_MS: RETRY_EVERY_HALF_SECOND, LOG_LEVEL: 'warn' }, output);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webhooks-kill-nine-'));
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    if (platform) await killNine(platform.child);
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a receiver that answers 500 for a while and then hangs, when the platform is killed mid-delivery and restarted, then each event is acknowledged under one webhook-id and none is lost', async () => {
    platform = await start();
    const token = await signAppToken(SECRET, 'kill-nine-hooks', { now: Date.now(), ttlSeconds: 3_600 });
    const client = (url: string) => new BillingClient({ baseUrl: url, credential: token });
    const before = client(platform.url);
    const endpoint = await before.webhookEndpoints.create({ url: receiver.url, event_types: ['credits.purchased', 'task.charged'] });
    receiver.trust(String(endpoint.secret));

    // Failing: every attempt is answered 500, so each message is retried.
    const answered = new Map<string, number[]>();
    const answer = (webhook: ReceivedWebhook, status: number) => (answered.set(idOf(webhook), [...(answered.get(idOf(webhook)) ?? []), status]), status);
    receiver.answer = (webhook) => answer(webhook, 500);
    await confirmedOrder(before, { kind: 'pack', pack_id: 'app-300' });
    await confirmedOrder(before, { kind: 'pack', pack_id: 'app-300' });
    const tasks = await Promise.all([5, 5, 10].map((seconds) => before.tasks.create({ model: 'seedance-2.0', duration_seconds: seconds })));
    const subjects = new Set([...tasks.map((task) => `task.charged ${task.id}`)]);
    await eventually(() => new Set(receiver.received.map(subjectOf)).size === 5 && [...answered.values()].every((statuses) => statuses.length >= 2), 'every message failed twice', 30_000);
    for (const webhook of receiver.received) if (webhook.body.includes('credits.purchased')) subjects.add(subjectOf(webhook));
    expect(subjects.size).toBe(5);

    // Hanging: the next attempt is never answered; the platform dies while it waits.
    const held: ReceivedWebhook[] = [];
    receiver.answer = (webhook) => (held.push(webhook), new Promise<number>(() => undefined));
    await eventually(() => held.length > 0, 'a delivery in flight', 15_000);
    await killNine(platform.child);
    const heldIds = new Set(held.map(idOf));

    receiver.answer = (webhook) => answer(webhook, 204);
    platform = await start();
    const after = client(platform.url);
    await eventually(() => [...answered.values()].filter((statuses) => statuses.includes(204)).length === 5, 'every message acknowledged', 30_000);

    // Once in effect: one webhook-id per event, the same body on every attempt, each acknowledged; the held ones came again.
    const idsBySubject = new Map<string, Set<string>>();
    const bodiesById = new Map<string, Set<string>>();
    for (const webhook of receiver.received) {
      idsBySubject.set(subjectOf(webhook), (idsBySubject.get(subjectOf(webhook)) ?? new Set()).add(idOf(webhook)));
      bodiesById.set(idOf(webhook), (bodiesById.get(idOf(webhook)) ?? new Set()).add(webhook.body));
    }
    expect([...idsBySubject.keys()].sort()).toEqual([...subjects].sort());
    expect([...idsBySubject.values()].map((ids) => ids.size)).toEqual([1, 1, 1, 1, 1]);
    expect([...bodiesById.values()].map((bodies) => bodies.size)).toEqual([1, 1, 1, 1, 1]);
    for (const id of heldIds) expect(answered.get(id)?.at(-1)).toBe(204);
    expect(receiver.rejected).toEqual([]);

    const log = await eventuallyValue(
      () => after.webhookEndpoints.deliveries(endpoint.id),
      (page) => page.deliveries.length === 5 && page.deliveries.every((d) => d.status === 'succeeded'),
      'the log after the restart',
    );
    expect(new Set(log.deliveries.map((d) => d.message_id))).toEqual(new Set(bodiesById.keys()));
    for (const delivery of log.deliveries) expect(delivery.attempts).toBe(answered.get(delivery.message_id)?.length);
    process.stdout.write(
      `webhooks kill -9 mid-delivery: ${held.length} in flight at the kill, ${receiver.received.length} attempts received; delivery log after the restart:\n${log.deliveries
        .map((d) => `  ${d.message_id} ${d.event_type} ${d.status} attempts=${d.attempts} last=${d.last_status_code}`)
        .join('\n')}\n`,
    );
  }, 150_000);
});
