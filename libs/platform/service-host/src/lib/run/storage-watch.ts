import { type EventStore, EventStoreUnwritableError, sqliteStorageFault, type StorageFault } from '@billing/event-store';
import { RpcError } from '../rpc';
import type { Logger } from '../service';

/** What a caller is told to wait before trying again while a store cannot write. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

const FAULT_WORDS: Readonly<Record<StorageFault, string>> = {
  full: 'its disk is full',
  read_only: 'its storage is read-only',
  io: 'its storage reports I/O errors',
};

/** The problem a caller gets when a service cannot write: 507 for a full disk, else 503; both with `Retry-After`. */
export function storageProblem(service: string, fault: StorageFault): RpcError {
  return new RpcError({
    type: 'storage-unavailable',
    title: 'Storage unavailable',
    status: fault === 'full' ? 507 : 503,
    detail: `${service} cannot write: ${FAULT_WORDS[fault]}; nothing was changed, try again later`,
    storage: { service, fault },
    retryAfter: STORAGE_RETRY_AFTER_SECONDS,
  });
}

/** The storage fault behind an error from the event store or the service's own SQLite state, or null. */
export function storageFaultOf(error: unknown): StorageFault | null {
  return error instanceof EventStoreUnwritableError ? error.fault : sqliteStorageFault(error);
}

/**
 * Whether a service's store can write. An append refused for storage makes the service
 * unready (its requests are answered with the storage problem, so the gateway's readiness
 * goes false) until a write goes through again: the next append, or a probe every second.
 * Services on one store (two instances in a test) share its watch, and so its wrapped store.
 */
export class StorageWatch {
  private static readonly ofStores = new WeakMap<EventStore, StorageWatch>();
  readonly store: EventStore;
  private fault: EventStoreUnwritableError | null = null;
  private probing: NodeJS.Timeout | null = null;

  static of(store: EventStore, logger: Logger): StorageWatch {
    let watch = StorageWatch.ofStores.get(store);
    if (!watch) {
      watch = new StorageWatch(store, logger);
      StorageWatch.ofStores.set(store, watch);
    }
    return watch;
  }

  private constructor(
    private readonly inner: EventStore,
    private readonly logger: Logger,
    private readonly probeEveryMillis = 1_000,
  ) {
    this.store = {
      appendToStream: async (streamName, events, expected) => {
        try {
          const result = await inner.appendToStream(streamName, events, expected);
          this.writable();
          return result;
        } catch (error) {
          if (error instanceof EventStoreUnwritableError) this.unwritable(error);
          throw error;
        }
      },
      readStream: (streamName, options) => inner.readStream(streamName, options),
      readAll: (options) => inner.readAll(options),
      subscribeToAll: (options) => inner.subscribeToAll(options),
      headPosition: () => inner.headPosition(),
      close: () => inner.close(),
    };
  }

  /** The answer to every request while the store cannot write; null while it can. */
  refusal(service: string): RpcError | null {
    return this.fault ? storageProblem(service, this.fault.fault) : null;
  }

  stop(): void {
    if (this.probing) clearInterval(this.probing);
    this.probing = null;
  }

  private unwritable(error: EventStoreUnwritableError): void {
    if (!this.fault) this.logger.error('the store cannot write: not ready until it can', { location: error.location, fault: error.fault, error: String(error.cause ?? error) });
    this.fault = error;
    if (this.probing || !this.inner.probeWrite) return;
    this.probing = setInterval(() => {
      this.inner.probeWrite?.().then(
        () => this.writable(),
        (probeError: unknown) => probeError instanceof EventStoreUnwritableError && (this.fault = probeError),
      );
    }, this.probeEveryMillis);
    this.probing.unref();
  }

  private writable(): void {
    if (!this.fault) return;
    this.logger.info('the store writes again: ready', { location: this.fault.location });
    this.fault = null;
    this.stop();
  }
}
