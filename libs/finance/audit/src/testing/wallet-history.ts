import { randomUUID } from 'node:crypto';
import { walletStreamName, WALLET_EVENT_SCHEMA_VERSIONS, type WalletCommand, type WalletEvent } from '@billing/contracts';
import type { EventStore, NewEvent } from '@billing/event-store';
import { decide, evolve, grantsDueToExpire, initialState, openReservations, WalletError, type WalletState } from '@billing/wallet-domain';

/** A repeatable random source (the workload is random but the same for a seed). */
export function seededRandom(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
}

export interface HistoryOptions {
  readonly wallets: number;
  /** Rounds over all wallets; each round decides a few commands per wallet and appends them in one call. */
  readonly rounds: number;
  readonly commandsPerRound: number;
  readonly seed?: number;
  /** First instant of the simulated history; each round advances it by `roundMillis`. */
  readonly start: number;
  readonly roundMillis: number;
  /** Appends in flight at once (the store commits them in groups). */
  readonly concurrency?: number;
}

interface Simulated {
  readonly accountId: string;
  readonly pool: string;
  state: WalletState;
  revision: number;
  counter: number;
  /** Recently charged reservations with what is left to refund. */
  charged: { reservationId: string; refundable: number }[];
}

/** Pack sizes and prices of the `credits` book's API packs: millicredits, cents. */
const PACKS: readonly (readonly [number, number])[] = [
  [300_000, 2_400],
  [1_000_000, 7_200],
  [3_000_000, 19_200],
  [8_000_000, 44_800],
];

/**
 * Writes a realistic wallet history through the store's own append (so hash chains are
 * the store's): purchases and expiring grants, holds charged in full or in part, released,
 * lapsed, refunds, grant expiries and now and then a revoked purchase, every event decided
 * by the real wallet decider. The store's clock should follow `clock.now` for recordedAt.
 */
export async function writeWalletHistory(store: EventStore, clock: { now: number }, options: HistoryOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 1);
  const wallets: Simulated[] = [];
  for (let i = 0; i < options.wallets; i++) {
    wallets.push({ accountId: `acc-${i}`, pool: i % 3 === 0 ? 'app' : 'api', state: initialState, revision: -1, counter: 0, charged: [] });
  }
  let written = 0;
  const concurrency = options.concurrency ?? 256;
  for (let round = 0; round < options.rounds; round++) {
    clock.now = options.start + round * options.roundMillis;
    let inFlight: Promise<unknown>[] = [];
    for (const wallet of wallets) {
      const events: NewEvent[] = [];
      for (let c = 0; c < options.commandsPerRound; c++) {
        const command = nextCommand(wallet, random, clock.now + c);
        if (command === undefined) continue;
        for (const event of decidedOrNothing(command, wallet.state)) {
          if (event.type === 'CreditsCharged') {
            wallet.charged.push({ reservationId: event.data.reservationId, refundable: event.data.millicredits });
            if (wallet.charged.length > 8) wallet.charged.shift();
          }
          wallet.state = evolve(wallet.state, event);
          events.push(toNewEvent(event));
        }
      }
      if (events.length === 0) continue;
      const expected = wallet.revision < 0 ? 'no_stream' : wallet.revision;
      wallet.revision += events.length;
      written += events.length;
      inFlight.push(store.appendToStream(walletStreamName(wallet.accountId, wallet.pool), events, expected));
      if (inFlight.length >= concurrency) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
  }
  return written;
}

/** The generator only makes commands the decider accepts; one it refuses is skipped, not written. */
function decidedOrNothing(command: WalletCommand, state: WalletState): readonly WalletEvent[] {
  try {
    return decide(command, state);
  } catch (error) {
    if (error instanceof WalletError) return [];
    throw error;
  }
}

function toNewEvent(event: WalletEvent): NewEvent {
  return { eventId: randomUUID(), type: event.type, schemaVersion: WALLET_EVENT_SCHEMA_VERSIONS[event.type], data: event.data };
}

const meta = (wallet: Simulated, now: number) => ({ commandId: `${wallet.accountId}-${wallet.pool}-${++wallet.counter}`, now });

function nextCommand(wallet: Simulated, random: (n: number) => number, now: number): WalletCommand | undefined {
  const { state } = wallet;
  const id = `${wallet.accountId}-${wallet.counter + 1}`;
  const expiredGrant = grantsDueToExpire(state, now)[0];
  if (expiredGrant !== undefined) return { type: 'ExpireGrant', data: { grantId: expiredGrant }, metadata: meta(wallet, now) };
  const open = openReservations(state);
  const lapsed = open.find((reservation) => reservation.expiresAt <= now);
  if (lapsed !== undefined) return { type: 'ExpireReservation', data: { reservationId: lapsed.reservationId }, metadata: meta(wallet, now) };
  const available = state.balanceMillicredits - state.heldMillicredits;
  const roll = random(100);
  if (available < 50_000 || roll < 4) {
    const pack = PACKS[random(PACKS.length)] ?? PACKS[0];
    if (pack === undefined) return undefined;
    return {
      type: 'PurchaseCredits',
      data: { purchaseId: `order-${id}`, millicredits: pack[0], amountCents: pack[1], currency: 'USD', priceBookId: 'credits', priceBookVersion: '2025-01-01' },
      metadata: meta(wallet, now),
    };
  }
  if (roll < 7) {
    return {
      type: 'GrantCredits',
      data: { grantId: `grant-${id}`, millicredits: 100_000 + random(10) * 10_000, source: { kind: 'promotion', reference: 'bench' }, expiresAt: now + 30 * 60_000 },
      metadata: meta(wallet, now),
    };
  }
  const oldest = open[0];
  if (oldest !== undefined && roll < 60) {
    const settle = random(10);
    if (settle < 6) {
      const cost = settle < 4 ? oldest.millicredits : Math.max(1, Math.floor(oldest.millicredits / 2));
      return { type: 'ChargeReservation', data: { reservationId: oldest.reservationId, millicredits: cost }, metadata: meta(wallet, now) };
    }
    if (settle < 9) return { type: 'ReleaseReservation', data: { reservationId: oldest.reservationId, reason: 'failed' }, metadata: meta(wallet, now) };
    return undefined; // left to lapse
  }
  if (roll >= 60 && roll < 62) {
    const target = wallet.charged[random(Math.max(1, wallet.charged.length))];
    if (target !== undefined && target.refundable >= 1_000) {
      target.refundable -= 1_000;
      return { type: 'RefundCredits', data: { refundId: `refund-${id}`, reservationId: target.reservationId, millicredits: 1_000, reason: 'provider fault' }, metadata: meta(wallet, now) };
    }
  }
  if (roll === 62 && random(20) === 0) {
    const lot = state.lots.find((candidate) => candidate.kind === 'purchase' && !candidate.revoked);
    if (lot !== undefined) {
      return { type: 'RevokePurchasedCredits', data: { purchaseId: lot.lotId.slice('purchase:'.length), reason: 'chargeback' }, metadata: meta(wallet, now) };
    }
  }
  const millicredits = (5 + random(20)) * 15_000;
  return {
    type: 'ReserveCredits',
    data: { reservationId: `res-${id}`, millicredits, ttlMillis: 10 * 60_000, taskId: `task-${id}` },
    metadata: meta(wallet, now),
  };
}

