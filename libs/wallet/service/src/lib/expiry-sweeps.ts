import type Database from 'better-sqlite3';
import { walletStreamName, type EpochMillis, type ExpireGrant, type ExpireReservation, type WalletCommand } from '@billing/contracts';
import type { CommandOutcome, Job, Logger } from '@billing/service-host';
import { grantsDueBy, holdsDueBy } from '@billing/wallet-read-model';
import type { WalletCommandQueue } from './wallet-command-queue';

export interface ExpirySweepOptions {
  readonly queue: WalletCommandQueue;
  readonly db: Database.Database;
  /** Resolves once the expiry index holds what the store held when called. */
  readonly caughtUp: () => Promise<void>;
  readonly logger: Logger;
  readonly everyMillis: number;
  /** The monotonic clock (milliseconds) that paces each sweeper's time. */
  readonly monotonic: () => number;
  /** Due items handled per page; a run goes on page after page while pages come back full. */
  readonly pageSize?: number;
}

interface Due {
  readonly streamName: string;
  readonly command: WalletCommand;
}

/**
 * Two clock-driven sweepers: holds past their TTL get `ExpireReservation`, grants past
 * their expiry with unheld credits left get `ExpireGrant`. Each command's id names what
 * it expires, so a sweep repeated (two instances, a crash mid-run) has the effect of one;
 * a hold settled meanwhile is refused by the wallet, which is the expected outcome.
 * Each sweeper expires by its `sweepTime`, so a forward jump of the wall clock is absorbed
 * at twice the pace of time instead of expiring at once every hold it passed.
 */
export function expirySweeps(options: ExpirySweepOptions): Job[] {
  const pageSize = options.pageSize ?? 500;
  const sweep = (name: string, dueBy: (now: EpochMillis) => Due[]): Job => {
    const timeOf = sweepTime(options.monotonic);
    return {
      name,
      everyMillis: options.everyMillis,
      run: async (wallNow) => {
        const now = timeOf(wallNow);
        for (;;) {
          await options.caughtUp();
          const due = dueBy(now);
          if (due.length === 0) return;
          const outcomes = await Promise.all(due.map(({ streamName, command }) => options.queue.handle(streamName, command)));
          report(options.logger, name, due, outcomes);
          // A full page that changed nothing would come back the same: stop until the next tick.
          if (due.length < pageSize || !outcomes.some((o) => o.kind === 'applied' && o.events > 0)) return;
        }
      },
    };
  };
  return [
    sweep('expire-reservations', (now) =>
      holdsDueBy(options.db, now, pageSize).map(({ accountId, pool, reservationId }) => {
        const streamName = walletStreamName(accountId, pool);
        const command: ExpireReservation = {
          type: 'ExpireReservation',
          data: { reservationId },
          metadata: { commandId: `expire-reservation:${streamName}:${reservationId}`, now },
        };
        return { streamName, command };
      }),
    ),
    sweep('expire-grants', (now) =>
      grantsDueBy(options.db, now, pageSize).map(({ accountId, pool, grantId }) => {
        const streamName = walletStreamName(accountId, pool);
        const command: ExpireGrant = { type: 'ExpireGrant', data: { grantId }, metadata: { commandId: `expire-grant:${streamName}:${grantId}`, now } };
        return { streamName, command };
      }),
    ),
  ];
}

/** How much faster than the monotonic clock a sweeper's time may move forward. */
const MAX_PACE = 2;

/**
 * The instant a sweeper expires by: the wall clock's, except that from one sweep to the next
 * it moves forward at most twice as far as the monotonic clock did (backward it follows the
 * wall clock: expiring late is the safe side). After a forward jump a hold expires at most
 * half its remaining TTL early, while the tasks service ends its task by the task time-out.
 */
export function sweepTime(monotonic: () => number): (wallNow: EpochMillis) => EpochMillis {
  let last: { readonly at: EpochMillis; readonly steady: number } | null = null;
  return (wallNow) => {
    const steady = monotonic();
    const at = last === null ? wallNow : Math.min(wallNow, last.at + MAX_PACE * (steady - last.steady));
    last = { at, steady };
    return at;
  };
}

function report(logger: Logger, job: string, due: readonly Due[], outcomes: readonly CommandOutcome[]): void {
  let expired = 0;
  outcomes.forEach((outcome, index) => {
    if (outcome.kind === 'applied') expired += outcome.events > 0 ? 1 : 0;
    else logger.info('expiry refused', { job, stream: due[index]?.streamName, code: outcome.code, reason: outcome.message });
  });
  if (expired > 0) logger.info('expired', { job, count: expired });
}
