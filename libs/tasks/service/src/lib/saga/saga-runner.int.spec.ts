import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskStreamName, type TaskCommand } from '@billing/contracts';
import { type EventStore, openSqliteEventStore, type ReadStreamOptions } from '@billing/event-store';
import { createLogger, ManualClock, type OutgoingCommand, type ReactorEvent } from '@billing/service-host';
import { reservationIdFor } from '@billing/tasks-domain';
import { aQuote } from '@billing/tasks-domain/testing';
import { TaskStreams } from '../streams/task-streams';
import { SagaRunner } from './saga-runner';

const NOW = Date.UTC(2026, 0, 10, 12);
const taskId = 't1';
const reservationId = reservationIdFor(taskId);
const meta = (commandId: string) => ({ commandId, now: NOW, correlationId: taskId });
const request = (admission: { kind: 'slot' } | { kind: 'queued'; limit: number; running: number }): TaskCommand => ({
  type: 'RequestTask',
  data: { taskId, accountId: 'acct-1', channel: 'api', pool: 'api', quote: aQuote(), queueIfBusy: true, priority: false, admission },
  metadata: meta('RequestTask'),
});
const recordReservation: TaskCommand = { type: 'RecordReservation', data: { taskId, reservationId, millicredits: 75_000, expiresAt: NOW + 60_000 }, metadata: meta('RecordReservation') };

/**
 * The saga decides on the task state this instance knows when that is safe, and reads the
 * task's stream when it is not: `here` is the instance the saga runs in, `elsewhere` another
 * instance on the same store (its appends leave `here`'s state behind).
 */
describe('the saga runner on the task states this instance knows', () => {
  let dir: string;
  let store: EventStore;
  let here: TaskStreams;
  let elsewhere: TaskStreams;
  let saga: SagaRunner;
  let taskReads: number;
  let sent: OutgoingCommand[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'saga-runner-'));
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
    taskReads = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (name: string, options?: ReadStreamOptions) => {
        if (name.startsWith('task-')) taskReads++;
        return store.readStream(name, options);
      },
    });
    here = new TaskStreams(counting, randomUUID, () => undefined);
    elsewhere = new TaskStreams(store, randomUUID, () => undefined);
    sent = [];
    saga = new SagaRunner({
      streams: here,
      admissions: { startQueued: async () => undefined },
      commands: { send: async (_service, commands) => void sent.push(...commands) },
      clock: new ManualClock(NOW),
      logger: createLogger('tasks', { sink: () => undefined, level: 'warn' }),
      reservationTtlMillis: 60_000,
      walletService: 'wallet',
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The task's event at `revision` as the store reactor hands it over. */
  async function ownEvent(revision: number): Promise<ReactorEvent> {
    const [event] = await store.readStream(taskStreamName(taskId), { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`no event at revision ${revision}`);
    return { eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, data: event.data, streamName: event.streamName, revision: event.revision };
  }
  const walletAnswer = (type: string, data: object): ReactorEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data: { ...data, at: NOW }, streamName: 'wallet-acct-1-api' });
  const walletCommands = () => sent.map(({ command }) => ({ type: command.type, data: command.data }));
  const taskEvents = async () => (await store.readStream(taskStreamName(taskId))).map((event) => event.type);

  it('given a task dequeued by another instance while this one knows it queued, when the saga reacts to the TaskDequeued, then it reads the task and reserves its credits', async () => {
    await here.handleTask(request({ kind: 'queued', limit: 1, running: 1 }));
    await elsewhere.handleTask({ type: 'DequeueTask', data: { taskId }, metadata: meta('DequeueTask') });
    expect(await here.known(taskId)).toMatchObject({ revision: 1, task: { status: 'queued' } });
    taskReads = 0;

    await saga.react([await ownEvent(2)]);

    expect(walletCommands()).toEqual([{ type: 'ReserveCredits', data: expect.objectContaining({ reservationId, millicredits: 75_000, taskId }) }]);
    expect(taskReads).toBe(1);
  });

  it('given the state this instance left at the event, when the saga reacts to its success and then to the charge, then it reads nothing', async () => {
    await here.handleTask(request({ kind: 'slot' }));
    await here.handleTask(recordReservation);
    await here.handleTask({ type: 'DispatchTask', data: { taskId, providerJobId: 'job-1' }, metadata: meta('DispatchTask') });
    await here.handleTask({ type: 'CompleteTask', data: { taskId, outputDurationMillis: 5_000 }, metadata: meta('CompleteTask') });
    taskReads = 0;

    await saga.react([await ownEvent(3), walletAnswer('CreditsReserved', { reservationId, millicredits: 75_000, allocations: [], expiresAt: NOW + 60_000, taskId })]);
    expect(walletCommands()).toEqual([{ type: 'ChargeReservation', data: { reservationId, millicredits: 75_000 } }]);
    await saga.react([walletAnswer('CreditsCharged', { reservationId, millicredits: 75_000, allocations: [] })]);

    expect(await taskEvents()).toEqual(['TaskRequested', 'TaskReserved', 'TaskDispatched', 'TaskSucceeded', 'TaskCharged']);
    expect(taskReads).toBe(0);
  });

  it('given a reservation recorded by another instance while this one knows the task requested, when the wallet\'s answer arrives, then the stale decision conflicts and is decided again on a fresh read: nothing recorded twice', async () => {
    await here.handleTask(request({ kind: 'slot' }));
    await elsewhere.handleTask(recordReservation);
    taskReads = 0;

    await saga.react([walletAnswer('CreditsReserved', { reservationId, millicredits: 75_000, allocations: [], expiresAt: NOW + 60_000, taskId })]);

    expect(await taskEvents()).toEqual(['TaskRequested', 'TaskReserved']);
    expect(await here.known(taskId)).toMatchObject({ revision: 1, task: { status: 'reserved', reservationId } });
    expect(taskReads).toBe(1);
  });
});
