import type { RecordedEvent, Subscription } from './port';

/** Where a catch-up subscription reads from: pages after a position, and a wake-up on new commits. */
export interface CatchUpSource {
  /** Events after `afterPosition`, in global order, at most `pageSize` (fewer means caught up). */
  readPage(afterPosition: number, pageSize: number): Promise<readonly RecordedEvent[]> | readonly RecordedEvent[];
  /** Resolves after the next commit (or a poll interval). Taken BEFORE reading, so no commit is missed. */
  nextChange(): Promise<void>;
}

/**
 * History then live, without gaps or duplicates: after every wake-up the subscription
 * re-reads from the store by position, so a commit racing with the switch to live is
 * read exactly once. The checkpoint is the last delivered position.
 */
export class CatchUpSubscription implements Subscription {
  private stopped = false;
  private readonly stopSignal: Promise<void>;
  private signalStop: () => void = () => undefined;

  constructor(
    private readonly source: CatchUpSource,
    private checkpoint: number,
    private readonly pageSize = 1000,
    private readonly onStop: (s: CatchUpSubscription) => void = () => undefined,
  ) {
    this.stopSignal = new Promise((resolve) => (this.signalStop = resolve));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    while (!this.stopped) {
      const change = this.source.nextChange();
      const page = await this.source.readPage(this.checkpoint, this.pageSize);
      for (const event of page) {
        if (this.stopped) return;
        this.checkpoint = event.position;
        yield event;
      }
      if (page.length < this.pageSize) await Promise.race([change, this.stopSignal]);
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.signalStop();
    this.onStop(this);
  }
}
