import { TASK_CATEGORY, type TaskEvent, type TaskStatus } from '@billing/contracts';
import { CommittedCache, type Projection, type RecordedEvent } from '@billing/event-store';
import { evolveTask, initialTaskState, isTask, type Task, type TaskState } from '@billing/tasks-domain';
import type Database from 'better-sqlite3';

/** A task's row as written: what the next batch starts from without reading it back. */
interface CommittedRow {
  readonly state: Task;
  readonly activeSince: number | null;
}

/** Rows of recently changed tasks kept in memory (a task changes a few times, close together). */
const CACHED_ROWS = 5_000;

interface PendingRow {
  /** Position of the event that created the row (unused when the row already exists). */
  readonly seq: number;
  readonly state: Task;
  readonly activeSince: number | null;
}

/** Statuses whose time is counted against the task's timeout, from `active_since`. */
const TIMED: readonly TaskStatus[] = ['requested', 'reserved', 'dispatched', 'running'];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS task_views (
  task_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  status TEXT NOT NULL,
  active_since INTEGER,
  provider_job_id TEXT,
  credits_cost INTEGER,
  adopted INTEGER NOT NULL,
  state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_views_by_account ON task_views (account_id, seq);
CREATE INDEX IF NOT EXISTS task_views_timed ON task_views (active_since) WHERE active_since IS NOT NULL;
`;

/**
 * Every task of the service's store as a row: its state (for views), and the columns
 * lists, utilisation and the timeout sweep query. `seq` is the position of the task's
 * request, so lists come out in the order tasks were created.
 */
export class TaskViewsProjection implements Projection {
  readonly name = 'task-views';
  readonly filter = { streamPrefixes: [`${TASK_CATEGORY}-`] };
  private select: Database.Statement<[string], { state: string; active_since: number | null }> | null = null;
  private upsert: Database.Statement<[string, number, string, string, number | null, string | null, number | null, number, string]> | null = null;

  /** Rows as written, so a batch reads (and parses) a row only for a task not seen lately. */
  private readonly written = new CommittedCache<CommittedRow>(CACHED_ROWS);
  /** Rows absorbed and not yet written (the runner writes behind), each at most once per write. */
  private absorbed = new Map<string, PendingRow>();

  /** The task as its row says, absorbed or written, when the row is in memory. */
  cached(taskId: string): Task | undefined {
    return (this.absorbed.get(taskId) ?? this.written.get(taskId))?.state;
  }

  setup(db: Database.Database): void {
    db.exec(SCHEMA);
    this.select = db.prepare('SELECT state, active_since FROM task_views WHERE task_id = ?');
    this.upsert = db.prepare(`INSERT INTO task_views (task_id, seq, account_id, status, active_since, provider_job_id, credits_cost, adopted, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (task_id) DO UPDATE SET status = excluded.status, active_since = excluded.active_since,
        provider_job_id = excluded.provider_job_id, credits_cost = excluded.credits_cost, adopted = excluded.adopted, state = excluded.state`);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    this.applyBatch(db, [event]);
  }

  /** Each task's row is read (and parsed) once and written (and serialised) once per batch. */
  applyBatch(db: Database.Database, events: readonly RecordedEvent[]): void {
    this.absorb(events);
    this.writeAbsorbed(db);
  }

  /** Folds the events into their tasks' rows in memory; a task's row is read from the file only when not in memory. */
  absorb(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      const taskEvent = { type: event.type, data: event.data } as TaskEvent;
      const taskId = taskEvent.data.taskId;
      // A stream's first event has no row before it (rows and checkpoint are written together): nothing to read.
      const row = this.absorbed.get(taskId) ?? (event.revision === 0 ? undefined : this.known(taskId));
      const before: TaskState = row ? row.state : initialTaskState;
      const after = evolveTask(before, taskEvent);
      if (!isTask(after) || after === before) continue;
      const wasTimed = isTask(before) && TIMED.includes(before.status);
      const activeSince = !TIMED.includes(after.status) ? null : wasTimed && row ? row.activeSince : eventTime(taskEvent, event);
      // `seq` is only written by the insert: the position of the event that created the row.
      this.absorbed.set(taskId, { seq: row ? row.seq : event.position, state: after, activeSince });
    }
  }

  /** Writes each absorbed row once, with its latest state. */
  writeAbsorbed(_db: Database.Database): void {
    if (!this.upsert) throw new Error('the task views projection was not set up');
    for (const row of this.absorbed.values()) {
      const task = row.state;
      this.upsert.run(
        task.taskId,
        row.seq,
        task.accountId,
        task.status,
        row.activeSince,
        task.providerJobId,
        task.creditsCostMillicredits,
        task.adopted ? 1 : 0,
        JSON.stringify(task),
      );
      this.written.stage(task.taskId, { state: task, activeSince: row.activeSince });
    }
  }

  /** Written or rolled back, what was absorbed is done with (after a rollback the runner reads it again). */
  afterTransaction(committed: boolean): void {
    this.written.afterTransaction(committed);
    this.absorbed = new Map();
  }

  drop(db: Database.Database): void {
    db.exec('DROP TABLE IF EXISTS task_views');
    this.written.clear();
    this.absorbed = new Map();
  }

  /** The task's row as written (in memory when seen lately, else read and parsed); `seq` is not needed for it. */
  private known(taskId: string): PendingRow | undefined {
    const written = this.written.get(taskId);
    if (written) return { seq: 0, ...written };
    if (!this.select) throw new Error('the task views projection was not set up');
    const stored = this.select.get(taskId);
    return stored ? { seq: 0, state: JSON.parse(stored.state) as Task, activeSince: stored.active_since } : undefined;
  }
}

/** When the task entered its status: the event's own `at` (the service's clock), not the store's. */
function eventTime(event: TaskEvent, recorded: RecordedEvent): number {
  return 'at' in event.data ? event.data.at : recorded.recordedAt;
}
