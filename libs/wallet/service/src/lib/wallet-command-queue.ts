import { WALLET_EVENT_SCHEMA_VERSIONS, type WalletCommand, type WalletEvent } from '@billing/contracts';
import { createRepository, type EventStore, type Repository } from '@billing/event-store';
import { type WalletState, WalletError, walletDecider } from '@billing/wallet-domain';
import type { CommandOutcome } from '@billing/service-host';

/** Commands for one wallet stream, decided together against one load and appended in one write. */
interface CommandBatch {
  readonly commands: readonly WalletCommand[];
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
  /** Most commands decided into one append (default 500). */
  readonly maxBatch?: number;
  /** Reloads after a conflict with another writer (another instance) at most this often. */
  readonly maxRetries?: number;
}

/**
 * Load, decide, append with the expected revision, retry on conflict: per wallet stream,
 * one command batch at a time. Commands that arrive for a stream while its batch is being
 * written wait and form the next batch, decided in arrival order against the state the
 * previous ones left, so a thousand reservations at once cost a few appends and none is
 * decided against a stale balance. A WalletError refuses only its own command.
 */
export class WalletCommandQueue {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly repository: Repository<CommandBatch, WalletEvent>;
  private readonly maxBatch: number;

  constructor(options: WalletCommandQueueOptions) {
    this.maxBatch = options.maxBatch ?? 500;
    this.repository = createRepository<CommandBatch, WalletEvent, WalletState>({
      store: options.store,
      decider: { decide: decideBatch, evolve: walletDecider.evolve, initialState: walletDecider.initialState },
      schemaVersionOf: (type) => WALLET_EVENT_SCHEMA_VERSIONS[type],
      maxRetries: options.maxRetries ?? 10,
      newEventId: options.newEventId,
      // Each event names its own command (set in decideBatch), not the batch.
      traceOf: () => ({}),
    });
  }

  handle(streamName: string, command: WalletCommand): Promise<CommandOutcome> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(streamName);
      if (queue) {
        queue.push({ command, resolve, reject });
        return;
      }
      this.waiting.set(streamName, [{ command, resolve, reject }]);
      void this.drain(streamName);
    });
  }

  private async drain(streamName: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(streamName);
      if (!queue || queue.length === 0) {
        this.waiting.delete(streamName);
        return;
      }
      // The queue stays in the map while its batch is written, so newcomers join it.
      const batch = queue.splice(0, this.maxBatch);
      await this.decide(streamName, batch);
    }
  }

  private async decide(streamName: string, waiting: readonly Waiting[]): Promise<void> {
    const batch: CommandBatch = { commands: waiting.map((w) => w.command), outcomes: [] };
    let failure: { readonly error: unknown } | null = null;
    try {
      await this.repository.handle(streamName, batch);
    } catch (error) {
      failure = { error };
    }
    if (failure === null) {
      waiting.forEach((w, index) => {
        const outcome = batch.outcomes[index];
        if (outcome) w.resolve(outcome);
        else w.reject(new Error(`no outcome for wallet command ${w.command.metadata.commandId}`));
      });
    } else if (waiting.length === 1) {
      waiting[0]?.reject(failure.error);
    } else {
      // An unexpected failure: each command alone, so one bad command fails only itself.
      for (const one of waiting) await this.decide(streamName, [one]);
    }
  }
}

/** Decides each command against the state the previous ones left; refusals change nothing. */
function decideBatch(batch: CommandBatch, state: WalletState): readonly WalletEvent[] {
  const events: WalletEvent[] = [];
  const outcomes: CommandOutcome[] = [];
  let current = state;
  for (const command of batch.commands) {
    try {
      const decided = walletDecider.decide(command, current);
      const trace = { causationId: command.metadata.commandId, ...(command.metadata.correlationId ? { correlationId: command.metadata.correlationId } : {}) };
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
  return events;
}
