import { Signal } from '@billing/util';
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '../port';

export interface StoreProcessorOptions {
  readonly store: EventStore;
  readonly filter?: EventFilter;
  /** Where it resumes: the position of the last event already handled (0 for none). */
  readonly after: number;
  /** Most events per `handle` call: a batch is what piled up while the previous one was handled. */
  readonly maxBatch?: number;
  /**
   * Handles a batch, in order. The processor moves past it only once this resolved, so
   * whoever keeps the checkpoint saves it here (or in the same transaction as the batch's
   * effects). A rejection ends the processor; `closed` says where.
   */
  readonly handle: (events: readonly RecordedEvent[]) => Promise<void>;
}

export type ProcessorEnd =
  | { readonly reason: 'stopped' }
  | { readonly reason: 'failed'; readonly error: Error; readonly position: number };

/**
 * Follows a store from a checkpoint and hands over batches: the one processor behind
 * reactors, the relay and consumers that read a store. History first, then live events,
 * at least once (a crash before the checkpoint moved hands the batch over again).
 */
export class StoreProcessor {
  readonly closed: Promise<ProcessorEnd>;
  private readonly subscription: Subscription;
  private readonly buffer: RecordedEvent[] = [];
  /** Rings when events arrive, when a batch is taken, and at stop. */
  private readonly news = new Signal();
  private stopping = false;
  private handled: number;

  private constructor(private readonly options: StoreProcessorOptions) {
    this.handled = options.after;
    this.subscription = options.store.subscribeToAll({ afterPosition: options.after, ...(options.filter ? { filter: options.filter } : {}) });
    this.closed = Promise.all([this.read(), this.process()]).then(
      (): ProcessorEnd => ({ reason: 'stopped' }),
      async (error: unknown): Promise<ProcessorEnd> => {
        await this.halt();
        return { reason: 'failed', error: error instanceof Error ? error : new Error(String(error)), position: this.handled };
      },
    );
  }

  static start(options: StoreProcessorOptions): StoreProcessor {
    return new StoreProcessor(options);
  }

  /** The position of the last event handled. */
  get position(): number {
    return this.handled;
  }

  /** Lets the batch in hand finish; what is buffered is read again by the next start. */
  async stop(): Promise<ProcessorEnd> {
    await this.halt();
    return this.closed;
  }

  private async halt(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.news.notify();
    await this.subscription.stop();
  }

  private async read(): Promise<void> {
    const highWater = this.maxBatch * 4;
    for await (const event of this.subscription) {
      if (this.stopping) return;
      this.buffer.push(event);
      this.news.notify();
      while (this.buffer.length >= highWater && !this.stopping) await this.news.next();
    }
  }

  private async process(): Promise<void> {
    while (!this.stopping) {
      if (this.buffer.length === 0) {
        await this.news.next();
        // Let the rest of what the store delivers now arrive first: one batch, not one per event.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const batch = this.buffer.splice(0, this.maxBatch);
      this.news.notify();
      await this.options.handle(batch);
      this.handled = batch[batch.length - 1]?.position ?? this.handled;
    }
  }

  private get maxBatch(): number {
    return this.options.maxBatch ?? 500;
  }
}
