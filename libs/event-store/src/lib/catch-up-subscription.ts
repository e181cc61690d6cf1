import type { RecordedEvent, Subscription } from './port';

/**
 * A page of a filtered read, and how far the source looked: with a selective filter the
 * events that matched can be far behind what was scanned, and the next read starts from
 * the scan, not from the last match.
 */
export interface ScannedPage {
  readonly events: readonly RecordedEvent[];
  /** Every position up to this one was considered (meaningful when the page is not full). */
  readonly scannedTo: number;
}

type Page = readonly RecordedEvent[] | ScannedPage;

/** Where a catch-up subscription reads from: pages after a position, and a wake-up on new commits. */
export interface CatchUpSource {
  /** Events after `afterPosition`, in global order, at most `pageSize` (fewer means caught up). */
  readPage(afterPosition: number, pageSize: number): Promise<Page> | Page;
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
      const read = await this.source.readPage(this.checkpoint, this.pageSize);
      const page = isScanned(read) ? read.events : read;
      for (const event of page) {
        if (this.stopped) return;
        this.checkpoint = event.position;
        yield event;
      }
      if (page.length < this.pageSize) {
        if (isScanned(read)) this.checkpoint = Math.max(this.checkpoint, read.scannedTo);
        await Promise.race([change, this.stopSignal]);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.signalStop();
    this.onStop(this);
  }
}

const isScanned = (page: Page): page is ScannedPage => !Array.isArray(page);
