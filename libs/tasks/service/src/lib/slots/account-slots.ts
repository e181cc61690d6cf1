import { TASK_CATEGORY, type TaskEvent } from '@billing/contracts';
import { type EventStore, StoreProcessor } from '@billing/event-store';
import { Signal } from '@billing/util';
import { evolveSlots, initialSlots, isIn, type Slots, slotsOf, type Task } from '@billing/tasks-domain';
import { KeyedLock } from '../streams/keyed-lock';

/**
 * The concurrency slots of every account with tasks under way, followed in memory from
 * the task events appended through this process, and loaded once at start from the tasks
 * under way. Deciding a slot and appending what was decided happen under the account's
 * lock, so the count is exact while every writer of the store shares this object: one per
 * store object, so two instances on one store in one process share it too. Instances in
 * several processes on one store (PostgreSQL) follow the store instead (`followStore`),
 * every instance's appends, and a decision first waits until they took in the store's head;
 * what makes their decisions exact against each other is the admission log (`AdmissionLog`).
 */
export class AccountSlots {
  private static readonly ofStores = new WeakMap<EventStore, AccountSlots>();
  private readonly byAccount = new Map<string, Slots>();
  /** The account of each task under way, for the events that name only the task. */
  private readonly accountOfTask = new Map<string, string>();
  private readonly lock = new KeyedLock();
  private loaded: Promise<void> | null = null;
  /** Following the shared store: the position taken in last. */
  private following: { readonly store: EventStore; readonly processor: StoreProcessor; position: number } | null = null;
  private readonly tookIn = new Signal();
  /** The read of the store's head on its way, and the one that waits for it (`headAfterNow`). */
  private headRead: Promise<number> | null = null;
  private nextHeadRead: Promise<number> | null = null;

  static of(store: EventStore): AccountSlots {
    let slots = AccountSlots.ofStores.get(store);
    if (!slots) {
      slots = new AccountSlots();
      AccountSlots.ofStores.set(store, slots);
    }
    return slots;
  }

  /** The tasks under way, in arrival order, taken in once; a second instance waits for the first load. */
  load(tasksUnderWay: () => Promise<readonly Task[]>): Promise<void> {
    this.loaded ??= tasksUnderWay().then((tasks) => {
      const byAccount = new Map<string, Task[]>();
      for (const task of tasks) byAccount.set(task.accountId, [...(byAccount.get(task.accountId) ?? []), task]);
      for (const [accountId, mine] of byAccount) {
        this.remember(accountId, slotsOf(mine));
        for (const task of mine) if (isIn(this.of(accountId), task.taskId)) this.accountOfTask.set(task.taskId, accountId);
      }
    });
    return this.loaded;
  }

  /**
   * Follows every task event of the store (other processes append to it too) from its
   * start, instead of what this process appended: resolves once caught up with its head.
   */
  async followStore(store: EventStore): Promise<void> {
    const head = await store.headPosition();
    if (this.following) return this.reached(head);
    const processor = StoreProcessor.start({
      store,
      after: 0,
      handle: async (events) => {
        this.follow(events.filter((e) => e.streamName.startsWith(`${TASK_CATEGORY}-`)).map((e) => ({ type: e.type, data: e.data }) as TaskEvent));
        if (this.following) this.following.position = events[events.length - 1]?.position ?? this.following.position;
        this.tookIn.notify();
      },
    });
    this.following = { store, processor, position: 0 };
    await this.reached(head);
  }

  /** Following the store: waits until every event committed before this call is taken in, so a slot is decided on every instance's tasks. */
  async current(): Promise<void> {
    if (this.following) await this.reached(await this.headAfterNow(this.following.store));
  }

  /**
   * The store's head, read by a query sent after this call: calls made while one is on its
   * way share the next, so decisions at once cost one read of the head, not one each.
   */
  private headAfterNow(store: EventStore): Promise<number> {
    if (!this.headRead) return this.readHead(store);
    this.nextHeadRead ??= this.headRead.then(
      () => this.readHead(store),
      () => this.readHead(store),
    );
    return this.nextHeadRead;
  }

  private readHead(store: EventStore): Promise<number> {
    this.nextHeadRead = null;
    const read = store.headPosition();
    this.headRead = read;
    const done = () => {
      if (this.headRead === read) this.headRead = null;
    };
    read.then(done, done);
    return read;
  }

  async stop(): Promise<void> {
    await this.following?.processor.stop();
  }

  private async reached(position: number): Promise<void> {
    while (this.following && this.following.position < position) await this.tookIn.next();
  }

  of(accountId: string): Slots {
    return this.byAccount.get(accountId) ?? initialSlots;
  }

  /** Accounts with tasks waiting for a slot. */
  waiting(): readonly string[] {
    return [...this.byAccount].filter(([, slots]) => slots.queue.length > 0).map(([accountId]) => accountId);
  }

  /** Runs `work` alone for the account: decide a slot, append, and only then let the next decision in. */
  exclusive<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    return this.lock.run(accountId, work);
  }

  /** Takes in the events just appended to a task's stream. */
  follow(events: readonly TaskEvent[]): void {
    for (const event of events) {
      const { taskId } = event.data;
      const accountId = event.type === 'TaskRequested' ? event.data.accountId : this.accountOfTask.get(taskId);
      if (accountId === undefined) continue;
      const before = this.of(accountId);
      const after = evolveSlots(before, event);
      if (after === before) continue;
      if (isIn(after, taskId)) this.accountOfTask.set(taskId, accountId);
      else this.accountOfTask.delete(taskId);
      this.remember(accountId, after);
    }
  }

  private remember(accountId: string, slots: Slots): void {
    if (slots.running.length === 0 && slots.queue.length === 0) this.byAccount.delete(accountId);
    else this.byAccount.set(accountId, slots);
  }
}
