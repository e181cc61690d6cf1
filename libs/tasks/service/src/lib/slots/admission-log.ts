import type { TaskCommand } from '@billing/contracts';
import { type EventStore, LruCache, WrongExpectedRevisionError } from '@billing/event-store';

/** An account's slot decisions, one stream each: `admissions-<accountId>` (not a task stream, so neither relayed nor projected). */
export const admissionStreamName = (accountId: string): string => `admissions-${accountId}`;

const DECIDED = 'SlotsDecided';

/** The task commands one slot decision gave (a request, the queued tasks it let go), recorded before any of them is handled. */
export interface SlotsDecided {
  readonly commands: readonly TaskCommand[];
}

/** Recorded, or the decision another instance recorded since the last one this process knows carried out. */
export type Recorded = { readonly recorded: true } | { readonly recorded: false; readonly revision: number; readonly decision: SlotsDecided };

/**
 * Makes an account's slot decisions exact across processes on one store. Each decision is
 * appended to the account's admission stream with the revision of the last decision this
 * process knows was carried out (its task commands handled), before its own commands are
 * handled; a second instance deciding meanwhile conflicts, carries out the decision it lost
 * to (its commands are idempotent) and decides again from a fresh read. So every decision
 * was made on slots that count every decision before it, and only the last decision in a
 * stream can be not yet carried out (its writer was killed in between): the next decision
 * for the account carries it out.
 *
 * One process per store (SQLite) needs none of it: the account's lock there is exact, so
 * `record` then appends nothing.
 */
export class AdmissionLog {
  /** Per account, the revision of the last decision known to be carried out. */
  private readonly carriedOut = new LruCache<string, number>(100_000);

  constructor(
    private readonly store: EventStore,
    private readonly newEventId: () => string,
    private readonly shared: boolean,
  ) {}

  async record(accountId: string, decision: SlotsDecided): Promise<Recorded> {
    if (!this.shared) return { recorded: true };
    const streamName = admissionStreamName(accountId);
    const expected = this.carriedOut.get(accountId) ?? 'no_stream';
    try {
      const { nextExpectedRevision } = await this.store.appendToStream(streamName, [{ eventId: this.newEventId(), type: DECIDED, schemaVersion: 1, data: decision }], expected);
      // Handled by the caller next, under the account's lock: the next decision here follows it.
      this.carriedOut.set(accountId, nextExpectedRevision);
      return { recorded: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || error.actual < 0) throw error;
      const [last] = await this.store.readStream(streamName, { fromRevision: error.actual, maxCount: 1 });
      if (!last) throw error;
      return { recorded: false, revision: last.revision, decision: last.data as SlotsDecided };
    }
  }

  /** The decision read from the stream is carried out: the next one is appended after it. */
  carried(accountId: string, revision: number): void {
    this.carriedOut.set(accountId, revision);
  }
}
