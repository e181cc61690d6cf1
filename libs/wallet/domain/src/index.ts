export * from './lib/wallet-decider';
export { decide } from './lib/decide';
export { evolve } from './lib/evolve';
export { initialState, walletView } from './lib/wallet-state';
export type {
  ChargedReservation,
  EndedReservation,
  Lot,
  LotOrigin,
  LotRecord,
  OpenReservation,
  RefundRecord,
  RejectedReservation,
  Reservation,
  WalletState,
  WalletView,
} from './lib/wallet-state';
export { carryForward, openedBooks, type PeriodOpening } from './lib/carry-forward';
export * from './lib/wallet-error';
export * from './lib/wallet-queries';
export * from './lib/wallet-invariants';
export { budgetRemaining, keySpendAt, monthOf } from './lib/key-spend';
