/**
 * `npm run bench:domain`: the pure core on one core (Node's main thread).
 * Quotes per second under the points book, and wallet decide+evolve per second on
 * the common path (reserve, then charge), each command deciding and evolving.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChargeReservation, QuoteRequest, ReserveCredits, WalletEvent } from '@billing/contracts';
import { parsePriceBook, quote, quoteMillicredits } from '@billing/pricing-domain';
import { decide, evolve, initialState, walletView, type WalletState } from '@billing/wallet-domain';
import { opsPerSecond, report } from '@billing/util/testing';

const WINDOW_MILLIS = Number(process.env['BENCH_WINDOW_MILLIS'] ?? 3000);
const book = (id: string) => parsePriceBook(JSON.parse(readFileSync(path.join(__dirname, '../../price-books', `${id}.json`), 'utf8')));
const points = book('points');
const credits = book('credits');

const requests: QuoteRequest[] = [
  { model: 'seedance-2.0', durationMillis: 5000, resolution: '1080p', fps: 30 },
  { model: 'seedance-2.0', durationMillis: 5000, resolution: '2160p', fps: 30, complexity: 'high_fidelity' },
  { model: 'seedance-2.0', durationMillis: 15000, resolution: '720p', fps: 30, mode: 'preview' },
  { model: 'seedance-2.0', durationMillis: 7250, resolution: '1080p', fps: 30 },
];
let sink = 0;
const quotesPerSecond = opsPerSecond(WINDOW_MILLIS, 1000, (i) => {
  sink += quoteMillicredits(points, requests[i & 3] as QuoteRequest);
});
const creditsRequest: QuoteRequest = { model: 'seedance-2.0-fast', durationMillis: 10000, videoReference: true };
const creditsQuotesPerSecond = opsPerSecond(WINDOW_MILLIS, 1000, () => {
  sink += quoteMillicredits(credits, creditsRequest);
});
const fullQuotesPerSecond = opsPerSecond(WINDOW_MILLIS, 100, (i) => {
  sink += quote(requests[i & 3] as QuoteRequest, points, { quoteId: 'q', now: 0 }).millicredits;
});

// The wallet: reserve and charge in turn, each a decide + evolve. Wallet streams are
// closed by period (DESIGN's advice), so the headline figure starts a new funded wallet
// every WALLET_STREAM_LENGTH commands; a single ever-growing stream is measured too.
const WALLET_STREAM_LENGTH = 2000;
let wallet: WalletState = initialState;
const apply = (events: readonly WalletEvent[]) => {
  for (const event of events) wallet = evolve(wallet, event);
};
const fundedWallet = (): WalletState => {
  wallet = initialState;
  apply(decide({
    type: 'PurchaseCredits',
    data: { purchaseId: 'p-1', millicredits: 9_000_000_000_000, amountCents: 100, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1' },
    metadata: { commandId: 'p-1', now: 0 },
  }, wallet));
  return wallet;
};
const reserveThenCharge = (i: number) => {
  const reservationId = `r-${i >> 1}`;
  if ((i & 1) === 0) {
    const reserve: ReserveCredits = {
      type: 'ReserveCredits',
      data: { reservationId, millicredits: 15_000, ttlMillis: 600_000 },
      metadata: { commandId: reservationId, now: i },
    };
    apply(decide(reserve, wallet));
  } else {
    const charge: ChargeReservation = {
      type: 'ChargeReservation',
      data: { reservationId, millicredits: 15_000 },
      metadata: { commandId: `${reservationId}:charge`, now: i },
    };
    apply(decide(charge, wallet));
  }
};
fundedWallet();
const walletCommandsPerSecond = opsPerSecond(WINDOW_MILLIS, WALLET_STREAM_LENGTH, (i) => {
  if (i % WALLET_STREAM_LENGTH === 0) fundedWallet();
  reserveThenCharge(i);
});
fundedWallet();
const longStreamCommandsPerSecond = opsPerSecond(WINDOW_MILLIS, 1000, reserveThenCharge);
const view = walletView(wallet);
if (view.heldMillicredits < 0 || sink < 0) throw new Error('impossible');

report(
  'domain',
  {
    'quotes/s (points book, amount only)': quotesPerSecond,
    'quotes/s (credits book, amount only)': creditsQuotesPerSecond,
    'quotes/s (full quote with breakdown)': fullQuotesPerSecond,
    [`wallet decide+evolve/s (reserve, charge; ${WALLET_STREAM_LENGTH} commands per stream)`]: walletCommandsPerSecond,
    'wallet decide+evolve/s (one ever-growing stream)': longStreamCommandsPerSecond,
  },
  [
    { name: 'quotes per second on one core', target: 1_000_000, actual: quotesPerSecond, unit: 'quotes/s', direction: 'min' },
    { name: 'wallet decide+evolve per second on one core', target: 1_000_000, actual: walletCommandsPerSecond, unit: 'commands/s', direction: 'min' },
  ],
);
