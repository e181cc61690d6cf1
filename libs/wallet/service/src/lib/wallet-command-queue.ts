import {
  parseWalletStreamName,
  WALLET_STREAM_EVENT_SCHEMA_VERSIONS,
  walletPeriodOf,
  walletPeriodStart,
  walletPeriodStreamName,
  type BalanceCarriedForward,
  type WalletCommand,
  type WalletPeriodUnit,
  type WalletStreamEvent,
} from '@billing/contracts';
import { createRepository, type EventStore, LruCache, type Repository, WrongExpectedRevisionError } from '@billing/event-store';
import { carryForward, initialState, type WalletState, WalletError, walletDecider } from '@billing/wallet-domain';
import type { CommandOutcome } from '@billing/service-host';
import { periodStartOf, type Wallet, WalletPeriods } from './wallet-periods';

/** Commands for one wallet, decided together against one load and appended in one write. */
interface CommandBatch {
  readonly commands: readonly WalletCommand[];
  /** The opening of a period not yet opened: written first if the batch decides anything. */
  readonly opening: BalanceCarriedForward | undefined;
  /** Filled by `decide`, one per command, on each attempt (a conflict retry decides again). */
  outcomes: CommandOutcome[];
}

interface Waiting {
  readonly command: WalletCommand;
  readonly resolve: (outcome: CommandOutcome) => void;
  readonly reject: (error: unknown) => void;
}

export interface WalletCommandQueueOptions {
  readonly store: EventStore;
  readonly newEventId: () => string;
  /** The accounting period of a wallet's books (default a UTC calendar month). */
  readonly period?: WalletPeriodUnit;
  /** Most commands decided into one append (default 500). */
  readonly maxBatch?: number;
  /** Reloads after a conflict with another writer (another instance) at most this often, back to back. */
  readonly maxRetries?: number;
  /**
   * Rounds of `maxRetries` reloads a batch gets when another writer keeps winning (two
   * instances deciding for one wallet), each after a short random pause (default 20).
   */
  readonly maxConflictRounds?: number;
  /** The pause before another round, in ms (default: random, growing to 250 ms). */
  readonly conflictPauseMillis?: (round: number) => number;
}

const randomPauseMillis = (round: number): number => Math.random() * Math.min(250, 5 * 2 ** round);

/**
 * Load, decide, append with the expected revision, retry on conflict: per wallet, one
 * command batch at a time. Commands that arrive for a wallet while its batch is being
 * written wait and form the next batch, decided in arrival order against the state the
 * previous ones left, so a thousand reservations at once cost a few appends and none is
 * decided against a stale balance. A WalletError refuses only its own command.
 *
 * Senders name the wallet (`wallet-<accountId>-<pool>`); the queue books each batch in a
 * period stream. The period is the latest command time's (`metadata.now`), or the
 * wallet's latest period if that is later: a closed period takes nothing more. A period
 * not opened yet opens with what the previous one carried forward, appended with
 * `no_stream` together with the batch's events, so two writers cannot both open it.
 */
export class WalletCommandQueue {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly repository: Repository<CommandBatch, WalletStreamEvent, WalletState>;
  private readonly periods: WalletPeriods;
  /** Period streams known to exist, so a batch for the current period costs one read, not two. */
  private readonly opened = new LruCache<string, true>(10_000);
  private readonly unit: WalletPeriodUnit;
  private readonly maxBatch: number;
  private readonly maxConflictRounds: number;
  private readonly conflictPauseMillis: (round: number) => number;

  constructor(options: WalletCommandQueueOptions) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxConflictRounds = options.maxConflictRounds ?? 20;
    this.conflictPauseMillis = options.conflictPauseMillis ?? randomPauseMillis;
    this.unit = options.period ?? 'month';
    this.periods = new WalletPeriods(options.store, options.newEventId);
    this.repository = createRepository<CommandBatch, WalletStreamEvent, WalletState>({
      store: options.store,
      decider: { decide: decideBatch, evolve: walletDecider.evolve, initialState: walletDecider.initialState },
      schemaVersionOf: (type) => WALLET_STREAM_EVENT_SCHEMA_VERSIONS[type],
      maxRetries: options.maxRetries ?? 10,
      newEventId: options.newEventId,
      // Each event names its own command (set in decideBatch), not the batch.
      traceOf: () => ({}),
    });
  }

  /** Decides `command` for the wallet `wallet-<accountId>-<pool>` (a period stream of it names the same wallet). */
  handle(walletStreamName: string, command: WalletCommand): Promise<CommandOutcome> {
    const wallet = parseWalletStreamName(walletStreamName);
    if (wallet === undefined) return Promise.reject(new Error(`${walletStreamName} is not a wallet stream`));
    const key = `${wallet.accountId}\u0000${wallet.pool}`;
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ command, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ command, resolve, reject }]);
      void this.drain(key, wallet);
    });
  }

  private async drain(key: string, wallet: Wallet): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(key);
      if (!queue || queue.length === 0) {
        this.waiting.delete(key);
        return;
      }
      // The queue stays in the map while its batch is written, so newcomers join it.
      const batch = queue.splice(0, this.maxBatch);
      await this.decide(wallet, batch);
    }
  }

  private async decide(wallet: Wallet, waiting: readonly Waiting[]): Promise<void> {
    const commands = waiting.map((w) => w.command);
    let failure: { readonly error: unknown } | null = null;
    let batch: CommandBatch | undefined;
    // Another writer of the wallet (another instance) may win the stream again and again:
    // the batch stays whole and is decided again from a fresh read after a short random
    // pause, so the two stop meeting in step. A conflict is no failure of any command.
    for (let round = 0; ; round++) {
      try {
        const books = await this.booksFor(wallet, commands);
        batch = { commands, opening: books.opening, outcomes: [] };
        await this.repository.handle(books.streamName, batch);
        failure = null;
        break;
      } catch (error) {
        failure = { error };
        if (!(error instanceof WrongExpectedRevisionError) || round + 1 >= this.maxConflictRounds) break;
        await new Promise((resolve) => setTimeout(resolve, this.conflictPauseMillis(round)));
      }
    }
    if (failure === null) {
      waiting.forEach((w, index) => {
        const outcome = batch?.outcomes[index];
        if (outcome) w.resolve(outcome);
        else w.reject(new Error(`no outcome for wallet command ${w.command.metadata.commandId}`));
      });
    } else if (waiting.length === 1) {
      waiting[0]?.reject(failure.error);
    } else {
      // An unexpected failure: each command alone, so one bad command fails only itself.
      for (const one of waiting) await this.decide(wallet, [one]);
    }
  }

  /** The wallet `wallet-<accountId>-<pool>` as its books tell it now: its latest period's state (the `reserveCredits` method answers from it). */
  async current(walletStreamName: string): Promise<WalletState> {
    const wallet = parseWalletStreamName(walletStreamName);
    if (wallet === undefined) throw new Error(`${walletStreamName} is not a wallet stream`);
    const streams = await this.periods.streamsOf(wallet);
    for (let i = streams.length - 1; i >= 0; i--) {
      const books = await this.repository.current(streams[i] as string);
      if (books.revision >= 0) return books.state;
    }
    return initialState;
  }

  /** The stream the batch is booked in, and the opening to write first when that period is new. */
  private async booksFor(wallet: Wallet, commands: readonly WalletCommand[]): Promise<{ streamName: string; opening: BalanceCarriedForward | undefined }> {
    const latestNow = Math.max(...commands.map((command) => command.metadata.now));
    const period = walletPeriodOf(latestNow, this.unit);
    const streams = await this.periods.streamsOf(wallet);
    const latest = streams[streams.length - 1];
    if (latest !== undefined && periodStartOf(latest) >= walletPeriodStart(period)) {
      if (await this.exists(latest)) return { streamName: latest, opening: undefined };
      // Listed but never opened: it opens now, from the stream before it.
      return { streamName: latest, opening: await this.openingOf(latest, streams.slice(0, -1)) };
    }
    await this.periods.open(wallet, period);
    const streamName = walletPeriodStreamName(wallet.accountId, wallet.pool, period);
    return { streamName, opening: await this.openingOf(streamName, streams) };
  }

  private async exists(streamName: string): Promise<boolean> {
    if (this.opened.get(streamName)) return true;
    const exists = (await this.repository.current(streamName)).revision >= 0;
    if (exists) this.opened.set(streamName, true);
    return exists;
  }

  /** What the latest existing stream among `earlier` carries into `streamName`. */
  private async openingOf(streamName: string, earlier: readonly string[]): Promise<BalanceCarriedForward> {
    const period = parseWalletStreamName(streamName)?.period ?? '';
    for (let i = earlier.length - 1; i >= 0; i--) {
      const previousStreamName = earlier[i] as string;
      const closing = await this.repository.current(previousStreamName);
      if (closing.revision >= 0) return carryForward(closing.state, { period, at: walletPeriodStart(period), previousStreamName });
    }
    return carryForward(initialState, { period, at: walletPeriodStart(period), previousStreamName: null });
  }
}

/**
 * Decides each command against the state the previous ones left; refusals change nothing.
 * A period's stream opens with its opening, if the batch decides anything at all.
 */
function decideBatch(batch: CommandBatch, state: WalletState): readonly WalletStreamEvent[] {
  const opening = batch.opening !== undefined && state.period === null ? batch.opening : undefined;
  const events: WalletStreamEvent[] = [];
  const outcomes: CommandOutcome[] = [];
  let current = opening === undefined ? state : walletDecider.evolve(state, opening);
  for (const command of batch.commands) {
    try {
      const decided = walletDecider.decide(command, current);
      const { commandId, correlationId, traceparent } = command.metadata;
      const trace = { causationId: commandId, ...(correlationId ? { correlationId } : {}), ...(traceparent ? { traceparent } : {}) };
      for (const event of decided) {
        events.push({ ...event, metadata: { ...trace, ...event.metadata } });
        current = walletDecider.evolve(current, event);
      }
      outcomes.push({ kind: 'applied', events: decided.length });
    } catch (error) {
      if (!(error instanceof WalletError)) throw error;
      outcomes.push({ kind: 'refused', code: error.code, message: error.message });
    }
  }
  batch.outcomes = outcomes;
  return opening !== undefined && events.length > 0 ? [opening, ...events] : events;
}
