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
 */
export function expirySweeps(options: ExpirySweepOptions): Job[] {
  const pageSize = options.pageSize ?? 500;
  const sweep = (name: string, dueBy: (now: EpochMillis) => Due[]): Job => ({
    name,
    everyMillis: options.everyMillis,
    run: async (now) => {
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
  });
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

function report(logger: Logger, job: string, due: readonly Due[], outcomes: readonly CommandOutcome[]): void {
  let expired = 0;
  outcomes.forEach((outcome, index) => {
    if (outcome.kind === 'applied') expired += outcome.events > 0 ? 1 : 0;
    else logger.info('expiry refused', { job, stream: due[index]?.streamName, code: outcome.code, reason: outcome.message });
  });
  if (expired > 0) logger.info('expired', { job, count: expired });
}
