interface Waiting<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface PublishBatcherLimit<T> {
  /** Most weight one send carries (a single heavier item still goes, alone). */
  readonly maxWeight: number;
  readonly weigh: (item: T) => number;
}

/**
 * Group commit for publishes: what is added during one turn of the event loop, and
 * everything added while a send is in flight, goes out as one send, in the order added.
 * One send at a time: a producer with one request in flight (Kafka's idempotent one)
 * would otherwise make each publish wait for a round trip of its own. Each `add` resolves
 * once the send that carried it succeeded, or rejects with that send's error. With a
 * limit, a send carries at most `maxWeight` (a broker refuses requests past its size).
 */
export class PublishBatcher<T> {
  private waiting: Waiting<T>[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly send: (items: readonly T[]) => Promise<void>,
    private readonly limit?: PublishBatcherLimit<T>,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Sends what waits now (after the send in flight), and resolves once nothing is left. */
  async flush(): Promise<void> {
    while (this.inFlight || this.waiting.length > 0) {
      if (this.inFlight) await this.inFlight;
      else this.sendWaiting();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.inFlight) this.sendWaiting();
    });
  }

  private sendWaiting(): void {
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    let sent: Promise<void>;
    try {
      sent = this.send(batch.map((w) => w.item));
    } catch (error) {
      sent = Promise.reject(error);
    }
    this.inFlight = sent.then(
      () => {
        for (const w of batch) w.resolve();
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
    void this.inFlight.finally(() => {
      this.inFlight = null;
      if (this.waiting.length > 0) this.sendWaiting();
    });
  }

  /** The waiting items from the first, as many as the limit allows (at least one). */
  private takeBatch(): Waiting<T>[] {
    if (!this.limit) {
      const all = this.waiting;
      this.waiting = [];
      return all;
    }
    let count = 0;
    let weight = 0;
    for (const w of this.waiting) {
      weight += this.limit.weigh(w.item);
      if (count > 0 && weight > this.limit.maxWeight) break;
      count++;
    }
    return this.waiting.splice(0, count);
  }
}
