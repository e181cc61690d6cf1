import type { TaskView } from '@billing/gateway-application';
import { RpcError } from '@billing/service-host';
import type { TaskChange } from './task-change';
import { overlayTaskChange } from './task-overlay';

export interface TaskWatchOptions {
  /** Only these tasks; null for every task of the account. */
  readonly taskIds: ReadonlySet<string> | null;
  /** The task as the caller may see it: a `not-found` problem when it is not the caller's. */
  readonly getTask: (taskId: string) => Promise<TaskView>;
  readonly send: (task: TaskView, change: TaskChange) => void;
  /** Ends the watch with this error (a service that did not answer, a watcher too far behind). */
  readonly fail: (error: unknown) => void;
  /** Changes waiting to be handled before the watcher counts as stuck (default 10,000). */
  readonly maxPending?: number;
  /** Tasks whose view is kept (oldest forgotten first; default 10,000). */
  readonly rememberedTasks?: number;
}

/**
 * One `WatchTasks` stream: the caller's task changes, handled one at a time in arrival
 * order. A task seen for the first time is read through the tasks service (which also
 * says whether it is the caller's); later changes are laid over that view, so every
 * status change is sent once, with credits_reserved and credits_cost as they become known.
 */
export class TaskWatch {
  private readonly views = new Map<string, TaskView | 'not-mine'>();
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private ended = false;

  constructor(private readonly options: TaskWatchOptions) {}

  /** A change from the feed (`known`: the feed knows it is this account's task). */
  readonly receive = (change: TaskChange, known: boolean): void => {
    if (this.ended) return;
    if (this.options.taskIds && !this.options.taskIds.has(change.taskId)) return;
    if (!known && this.views.get(change.taskId) === 'not-mine') return;
    if (++this.pending > (this.options.maxPending ?? 10_000)) {
      this.end();
      this.options.fail(
        new RpcError({ type: 'watch-overflow', title: 'The watcher fell behind', status: 429, detail: 'too many task updates are waiting for this stream; watch again' }),
      );
      return;
    }
    this.chain = this.chain.then(() => this.handle(change)).finally(() => this.pending--);
  };

  /** No more sends; changes still queued are dropped. */
  end(): void {
    this.ended = true;
  }

  private async handle(change: TaskChange): Promise<void> {
    if (this.ended) return;
    const seen = this.views.get(change.taskId);
    if (seen === 'not-mine') return;
    if (seen) {
      const next = overlayTaskChange(seen, change);
      if (next) this.deliver(next, change);
      return;
    }
    let current: TaskView;
    try {
      current = await this.options.getTask(change.taskId);
    } catch (error) {
      if (error instanceof RpcError && error.problem.status === 404) this.keep(change.taskId, 'not-mine');
      else if (!this.ended) {
        this.end();
        this.options.fail(error);
      }
      return;
    }
    // The view may have been read before or after this change happened: lay it over, never back.
    this.deliver(overlayTaskChange(current, change) ?? current, change);
  }

  private deliver(task: TaskView, change: TaskChange): void {
    this.keep(task.id, task);
    if (!this.ended) this.options.send(task, change);
  }

  private keep(taskId: string, view: TaskView | 'not-mine'): void {
    this.views.delete(taskId);
    this.views.set(taskId, view);
    const limit = this.options.rememberedTasks ?? 10_000;
    while (this.views.size > limit) {
      const oldest = this.views.keys().next();
      if (oldest.done) break;
      this.views.delete(oldest.value);
    }
  }
}
