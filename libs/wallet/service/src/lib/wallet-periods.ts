import {
  parseWalletStreamName,
  WALLET_PERIOD_OPENED_SCHEMA_VERSION,
  walletPeriodsStreamName,
  walletPeriodStart,
  walletPeriodStreamName,
  walletStreamName,
  type WalletPeriodOpened,
  type WalletStreamParts,
} from '@billing/contracts';
import { type EventStore, LruCache, WrongExpectedRevisionError } from '@billing/event-store';

/** The streams of a wallet's books, oldest first, and the revision of its periods stream. */
interface Known {
  readonly revision: number;
  readonly streams: readonly string[];
}

export type Wallet = Pick<WalletStreamParts, 'accountId' | 'pool'>;

/**
 * Which period streams a wallet has, from `walletperiods-<accountId>-<pool>`: read once,
 * then kept. A period is listed before its stream is opened, so the list never misses a
 * stream; it may name one never opened (a crash in between, or a period whose first
 * commands were all refused), which readers skip. A wallet written before books were
 * kept by period has its one stream, `wallet-<accountId>-<pool>`, first.
 */
export class WalletPeriods {
  private readonly known: LruCache<string, Known>;

  constructor(
    private readonly store: EventStore,
    private readonly newEventId: () => string,
    capacity = 10_000,
  ) {
    this.known = new LruCache(capacity);
  }

  /** The wallet's streams, oldest period first. */
  async streamsOf(wallet: Wallet): Promise<readonly string[]> {
    return (await this.load(wallet)).streams;
  }

  /** Lists `period` as the wallet's latest, unless it already is; another writer's listing wins. */
  async open(wallet: Wallet, period: string): Promise<void> {
    for (;;) {
      const known = await this.load(wallet);
      const latest = known.streams[known.streams.length - 1];
      const streamName = walletPeriodStreamName(wallet.accountId, wallet.pool, period);
      if (latest !== undefined && periodStartOf(latest) >= walletPeriodStart(period)) return;
      const event: WalletPeriodOpened = { type: 'WalletPeriodOpened', data: { period, streamName, at: walletPeriodStart(period) } };
      try {
        const { nextExpectedRevision } = await this.store.appendToStream(
          walletPeriodsStreamName(wallet.accountId, wallet.pool),
          [{ eventId: this.newEventId(), type: event.type, schemaVersion: WALLET_PERIOD_OPENED_SCHEMA_VERSION, data: event.data }],
          known.revision < 0 ? 'no_stream' : known.revision,
        );
        this.known.set(keyOf(wallet), { revision: nextExpectedRevision, streams: [...known.streams, streamName] });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        this.known.delete(keyOf(wallet));
      }
    }
  }

  private async load(wallet: Wallet): Promise<Known> {
    const key = keyOf(wallet);
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    const listed = await this.store.readStream(walletPeriodsStreamName(wallet.accountId, wallet.pool));
    const last = listed[listed.length - 1];
    const streams = listed.map((event) => (event.data as WalletPeriodOpened['data']).streamName);
    const known = { revision: last?.revision ?? -1, streams: [...(await this.streamBeforePeriods(wallet)), ...streams] };
    this.known.set(key, known);
    return known;
  }

  private async streamBeforePeriods(wallet: Wallet): Promise<string[]> {
    const name = walletStreamName(wallet.accountId, wallet.pool);
    return (await this.store.readStream(name, { maxCount: 1 })).length > 0 ? [name] : [];
  }
}

/** When a stream's period starts; a stream from before periods comes before any. */
export function periodStartOf(streamName: string): number {
  const period = parseWalletStreamName(streamName)?.period ?? null;
  return period === null ? Number.NEGATIVE_INFINITY : walletPeriodStart(period);
}

const keyOf = (wallet: Wallet): string => walletStreamName(wallet.accountId, wallet.pool);
