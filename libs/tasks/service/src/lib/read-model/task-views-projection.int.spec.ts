import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASK_EVENT_SCHEMA_VERSIONS, type TaskCommand, type TaskEvent, taskStreamName } from '@billing/contracts';
import { type EventStore, openSqliteEventStore, type Projection, ProjectionRunner, type Subscription } from '@billing/event-store';
import { decideTask, evolveTask, initialTaskState, type TaskState } from '@billing/tasks-domain';
import { metadata, requestTask, T0 } from '@billing/tasks-domain/testing';
import { eventually } from '@billing/util/testing';
import { TaskViewsProjection } from './task-views-projection';

/** The store, except that its first subscription breaks after delivering `delivered` events (later ones are sound). */
function losingFirstSubscription(store: EventStore, delivered: number): EventStore {
  let lost = false;
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    subscribeToAll: (options) => {
      const inner = store.subscribeToAll(options);
      if (lost) return inner;
      lost = true;
      const breaking: Subscription = {
        stop: () => inner.stop(),
        async *[Symbol.asyncIterator]() {
          let count = 0;
          for await (const event of inner) {
            if (++count > delivered) throw new Error('subscription lost');
            yield event;
          }
        },
      };
      return breaking;
    },
  };
}

describe('TaskViewsProjection, rows kept in memory', () => {
  let dir: string;
  let store: EventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;
  let state: TaskState;
  let revision: number;
  const failOn = new Set<string>();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'task-views-'));
    store = openSqliteEventStore({ path: join(dir, 'tasks.events.db') });
    db = new Database(join(dir, 'tasks.state.db'));
    state = initialTaskState;
    revision = -1;
    failOn.clear();
  });
  afterEach(async () => {
    await runner.stop();
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Decides the command against the task and appends what it decided: the position of the last event. */
  const handle = async (command: TaskCommand): Promise<number> => {
    const events = decideTask(command, state);
    state = events.reduce<TaskState>((s, e) => evolveTask(s, e), state);
    const appended = await store.appendToStream(
      taskStreamName('t1'),
      events.map((event: TaskEvent, i) => ({ eventId: `${command.metadata.commandId}-${i}`, type: event.type, schemaVersion: TASK_EVENT_SCHEMA_VERSIONS[event.type], data: event.data })),
      revision === -1 ? 'no_stream' : revision,
    );
    revision = appended.nextExpectedRevision;
    return appended.lastPosition;
  };
  const reserve: TaskCommand = { type: 'RecordReservation', data: { taskId: 't1', reservationId: 'res-t1', millicredits: 75_000, expiresAt: T0 + 600_000 }, metadata: metadata('reserve:t1') };
  const rowStatus = () => (db.prepare('SELECT status FROM task_views WHERE task_id = ?').get('t1') as { status: string } | undefined)?.status;

  /** A second read model in the same runner, so its failure rolls back the views' batch too. */
  const failing: Projection = {
    name: 'fails-on-demand',
    setup: () => undefined,
    apply: (_db, event) => {
      if (failOn.has(event.type)) throw new Error(`refused ${event.type}`);
    },
    drop: () => undefined,
  };

  it('given a committed batch, then the row in memory is the row in the file', async () => {
    const views = new TaskViewsProjection();
    runner = new ProjectionRunner({ store, db, projection: [views, failing] });
    runner.start();
    await runner.waitFor(await handle(requestTask('t1')));
    await runner.waitFor(await handle(reserve));
    expect(views.cached('t1')?.status).toBe('reserved');
    expect(rowStatus()).toBe('reserved');
  });

  it('given a batch that rolls back, then memory keeps the committed row, not the one the batch wrote', async () => {
    const views = new TaskViewsProjection();
    runner = new ProjectionRunner({ store, db, projection: [views, failing] });
    runner.start();
    await runner.waitFor(await handle(requestTask('t1')));
    failOn.add('TaskReserved');
    await expect(runner.waitFor(await handle(reserve))).rejects.toThrow('refused TaskReserved');
    expect(rowStatus()).toBe('requested');
    expect(views.cached('t1')?.status).toBe('requested');

    // Started again, it applies the batch from the checkpoint, reading on from memory.
    failOn.clear();
    runner.start();
    await runner.waitFor(await store.headPosition());
    expect(rowStatus()).toBe('reserved');
    expect(views.cached('t1')?.status).toBe('reserved');
  });

  it('given a rebuild, then memory is emptied with the table and filled again from the events', async () => {
    const views = new TaskViewsProjection();
    runner = new ProjectionRunner({ store, db, projection: views });
    runner.start();
    await handle(requestTask('t1'));
    await runner.waitFor(await handle(reserve));
    await runner.rebuild();
    expect(views.cached('t1')).toBeUndefined();
    await runner.waitFor(await store.headPosition());
    expect(views.cached('t1')?.status).toBe('reserved');
    expect(rowStatus()).toBe('reserved');
  });

  describe('written behind', () => {
    const checkpointOnFile = () => (db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').get('task-views') as { position: number } | undefined)?.position;

    it('given events absorbed, then the row changes in memory at once and in the file only when written, with its checkpoint', async () => {
      const views = new TaskViewsProjection();
      runner = new ProjectionRunner({ store, db, projection: views, writeBehindMillis: 60_000 });
      runner.start();
      const requested = await handle(requestTask('t1'));
      await runner.waitFor(requested);
      expect({ memory: views.cached('t1')?.status, file: rowStatus(), checkpoint: checkpointOnFile() }).toEqual({
        memory: 'requested',
        file: undefined,
        checkpoint: undefined,
      });
      runner.writeNow();
      expect({ file: rowStatus(), checkpoint: checkpointOnFile() }).toEqual({ file: 'requested', checkpoint: requested });

      const reserved = await handle(reserve);
      await runner.waitFor(reserved);
      expect({ memory: views.cached('t1')?.status, file: rowStatus() }).toEqual({ memory: 'reserved', file: 'requested' });
      await runner.stop();
      expect({ file: rowStatus(), checkpoint: checkpointOnFile() }).toEqual({ file: 'reserved', checkpoint: reserved });
    });

    it('given the process gone before a write, then the next runner applies what was lost from the checkpoint on file', async () => {
      const before = new ProjectionRunner({ store, db, projection: new TaskViewsProjection(), writeBehindMillis: 60_000 });
      before.start();
      await before.waitFor(await handle(requestTask('t1')));
      before.writeNow();
      await before.waitFor(await handle(reserve));
      db.close(); // what waited behind is lost, as in a crash
      await before.stop();

      db = new Database(join(dir, 'tasks.state.db'));
      expect(rowStatus()).toBe('requested');
      const views = new TaskViewsProjection();
      runner = new ProjectionRunner({ store, db, projection: views, writeBehindMillis: 60_000 });
      runner.start();
      await runner.waitFor(await store.headPosition());
      expect(views.cached('t1')?.status).toBe('reserved');
      runner.writeNow();
      expect(rowStatus()).toBe('reserved');
    });

    it('given the subscription lost while a row waits behind, then the runner starts again by itself from the checkpoint on file and the row is written', async () => {
      const failures: string[] = [];
      const views = new TaskViewsProjection();
      runner = new ProjectionRunner({
        store: losingFirstSubscription(store, 1),
        db,
        projection: views,
        writeBehindMillis: 60_000,
        restartAfterMillis: 20,
        onFailure: (error, restartIn) => failures.push(`${error.message}, again in ${restartIn} ms`),
      });
      runner.start();
      await runner.waitFor(await handle(requestTask('t1')));
      const reserved = await handle(reserve);
      await eventually(() => failures.length > 0, 'the failure');
      // What was absorbed and not written is forgotten: memory never says more than the file and the store.
      expect({ failures, memory: views.cached('t1'), file: rowStatus() }).toEqual({ failures: ['subscription lost, again in 20 ms'], memory: undefined, file: undefined });

      await eventually(() => views.cached('t1')?.status === 'reserved', 'the restarted runner to absorb both events');
      await runner.waitFor(reserved);
      runner.writeNow();
      expect({ file: rowStatus(), checkpoint: checkpointOnFile(), failures: failures.length }).toEqual({ file: 'reserved', checkpoint: reserved, failures: 1 });
    });

    it('given a runner stopped after a failure, then it does not start again by itself', async () => {
      const failures: (number | null)[] = [];
      runner = new ProjectionRunner({
        store: losingFirstSubscription(store, 0),
        db,
        projection: new TaskViewsProjection(),
        writeBehindMillis: 60_000,
        restartAfterMillis: 20,
        onFailure: (_error, restartIn) => failures.push(restartIn),
      });
      runner.start();
      await handle(requestTask('t1'));
      await eventually(() => failures.length > 0, 'the failure');
      await runner.stop();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect({ failures, checkpoint: runner.checkpoint(), file: rowStatus() }).toEqual({ failures: [20], checkpoint: 0, file: undefined });
    });

    it('refuses read models that cannot write behind', () => {
      expect(() => new ProjectionRunner({ store, db, projection: [new TaskViewsProjection(), failing], writeBehindMillis: 50 })).toThrow(
        'Read models that cannot write behind: fails-on-demand',
      );
      runner = new ProjectionRunner({ store, db, projection: new TaskViewsProjection() });
    });
  });
});
