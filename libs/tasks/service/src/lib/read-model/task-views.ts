import type { TaskStatus, Utilisation } from '@billing/contracts';
import { type EventStore, logRunnerFailures, ProjectionRunner } from '@billing/event-store';
import type { Logger } from '@billing/service-host';
import { type Task, utilisation } from '@billing/tasks-domain';
import type Database from 'better-sqlite3';
import type { TimedTask } from '../dispatch/time-under-way';
import { TaskViewsProjection } from './task-views-projection';

const WRITE_BEHIND_MILLIS = 50;

export interface TaskPage {
  readonly tasks: readonly Task[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

/** A task whose job is at the generation provider. */
export interface TaskAtProvider {
  readonly taskId: string;
  readonly providerJobId: string;
}

/**
 * The task read model in the service's state database, kept by a checkpointed projection
 * of its own store (dropped and rebuilt at will). The projection writes behind: a task's
 * row changes in memory as its events arrive, and the rows changed meanwhile are written
 * together at most 50 ms later (a task's events in that time are one write). Lists,
 * utilisation and the timeout sweep write what waits before they query the file.
 */
export class TaskViews {
  private readonly runner: ProjectionRunner;
  private readonly projection = new TaskViewsProjection();

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    logger: Logger,
  ) {
    this.runner = new ProjectionRunner({
      store,
      db,
      projection: this.projection,
      writeBehindMillis: WRITE_BEHIND_MILLIS,
      onFailure: logRunnerFailures(logger, 'task-views'),
    });
  }

  start(): void {
    this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner.stop();
  }

  rebuild(): Promise<void> {
    return this.runner.rebuild();
  }

  list(accountId: string, options: { readonly status?: TaskStatus; readonly limit: number; readonly after?: string }): TaskPage {
    this.runner.writeNow();
    const afterSeq = options.after === undefined ? -1 : (this.db.prepare('SELECT seq FROM task_views WHERE task_id = ? AND account_id = ?').get(options.after, accountId) as { seq: number } | undefined)?.seq ?? -1;
    const rows = this.db
      .prepare(
        `SELECT state FROM task_views WHERE account_id = ? AND seq > ? ${options.status ? 'AND status = ?' : ''} ORDER BY seq LIMIT ?`,
      )
      .all(...[accountId, afterSeq, ...(options.status ? [options.status] : []), options.limit + 1]) as { state: string }[];
    const tasks = rows.slice(0, options.limit).map((row) => JSON.parse(row.state) as Task);
    return { tasks, next: rows.length > options.limit ? (tasks[tasks.length - 1]?.taskId ?? null) : null };
  }

  utilisation(accountId: string): Utilisation {
    this.runner.writeNow();
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(credits_cost), 0) AS charged, COALESCE(SUM(CASE WHEN adopted = 1 THEN credits_cost ELSE 0 END), 0) AS adopted
         FROM task_views WHERE account_id = ? AND credits_cost IS NOT NULL`,
      )
      .get(accountId) as { charged: number; adopted: number };
    return utilisation([
      { creditsCostMillicredits: row.adopted, adopted: true },
      { creditsCostMillicredits: row.charged - row.adopted, adopted: false },
    ]);
  }

  /** Tasks in a timed status since before `since` by their recorded instants, oldest first. */
  overdue(since: number, limit: number): readonly TimedTask[] {
    return this.selectTimed('AND active_since <= ? ORDER BY active_since LIMIT ?', since, limit);
  }

  /** Every task in a timed status, and since when. */
  timed(): readonly TimedTask[] {
    return this.selectTimed('');
  }

  private selectTimed(where: string, ...values: number[]): readonly TimedTask[] {
    this.runner.writeNow();
    return (
      this.db.prepare(`SELECT task_id, active_since FROM task_views WHERE active_since IS NOT NULL ${where}`).all(...values) as { task_id: string; active_since: number }[]
    ).map((row) => ({ taskId: row.task_id, activeSince: row.active_since }));
  }

  /** Resolves once every task event the store held when called is in the read model. */
  async caughtUp(): Promise<void> {
    let last = 0;
    for await (const event of this.store.readAll({ afterPosition: this.runner.checkpoint(), filter: this.projection.filter })) last = event.position;
    await this.runner.waitFor(last);
  }

  /** Tasks under way (waiting for a slot, holding one, or at the provider), in the order they were requested. */
  underWay(): readonly Task[] {
    this.runner.writeNow();
    return (
      this.db.prepare(`SELECT state FROM task_views WHERE status IN ('requested', 'queued', 'reserved', 'dispatched', 'running') ORDER BY seq`).all() as { state: string }[]
    ).map((row) => JSON.parse(row.state) as Task);
  }

  /** Tasks dispatched to the provider (or reported running there), oldest first. */
  atProvider(): readonly TaskAtProvider[] {
    this.runner.writeNow();
    return (
      this.db
        .prepare(
          `SELECT task_id, provider_job_id FROM task_views
           WHERE active_since IS NOT NULL AND status IN ('dispatched', 'running') AND provider_job_id IS NOT NULL ORDER BY active_since`,
        )
        .all() as { task_id: string; provider_job_id: string }[]
    ).map((row) => ({ taskId: row.task_id, providerJobId: row.provider_job_id }));
  }
}
