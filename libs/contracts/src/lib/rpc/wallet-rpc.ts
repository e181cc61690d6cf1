import type { EpochMillis } from '../envelope';
import type {
  ChargeReservation,
  ExpireGrant,
  ExpireReservation,
  FreezePurchasedCredits,
  GrantCredits,
  GrantSource,
  KeyBudget,
  KeyBudgetShortfall,
  KeySpend,
  PurchaseCredits,
  RefundCredits,
  ReleaseReservation,
  ReserveCredits,
  RevokePurchasedCredits,
  UnfreezePurchasedCredits,
  WalletCommand,
  WalletEventType,
} from '../wallet';
import { type CommandContract, commandContract, rpc } from './rpc-contract';

// ---- requests ----
/** `balances`: one account's wallets. */
export interface BalancesCall {
  readonly accountId: string;
}

/** `ledger`: one account's entries after `after` (a position), at most `limit` (default 100, at most 1,000). */
export interface LedgerCall {
  readonly accountId: string;
  readonly pool?: string;
  readonly after?: number;
  readonly limit?: number;
}

/** `creditsApplied`: the credits of one purchase or one grant (exactly one of the two ids) in one wallet. */
export interface CreditsAppliedCall {
  readonly accountId: string;
  readonly pool: string;
  readonly purchaseId?: string;
  readonly grantId?: string;
  /** How long to wait for them to arrive (0: answer at once). */
  readonly waitMillis: number;
}

/**
 * `reserveCredits`: the `ReserveCredits` command of wallet `wallet-<accountId>-<pool>`,
 * decided at once and answered with its outcome, so a caller can answer its own client
 * without waiting for the wallet's events. Idempotent by reservation id: asked again, it
 * answers what the first request decided (the events are written once, and published like
 * any other wallet event).
 */
export interface ReserveCreditsCall {
  readonly accountId: string;
  readonly pool: string;
  readonly reservationId: string;
  readonly millicredits: number;
  readonly ttlMillis: number;
  readonly taskId?: string;
  readonly keyId?: string;
  readonly keyBudget?: KeyBudget;
  /** The command's id and time, as the command topic would carry them. */
  readonly commandId: string;
  readonly now: EpochMillis;
  readonly correlationId?: string;
}

/** `accounts`: the accounts with a wallet (any pool), in id order, after `after`, at most `limit` (default 1,000, at most 10,000). */
export interface AccountsCall {
  readonly after?: string;
  readonly limit?: number;
}

// ---- replies ----
/** One pool of an account, as `GET /balances` shows it. Pools never used are absent. */
export interface PoolBalance {
  readonly pool: string;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
}

export type BalancesReply = readonly PoolBalance[];

/**
 * One line of a wallet's ledger: what happened, by how much, and the wallet right after.
 * `purchaseId` is the order id for credits bought through the purchase service.
 */
export interface LedgerEntry {
  /** The event's global position: entries sort by it, and `after` pages by it. */
  readonly position: number;
  readonly eventId: string;
  readonly accountId: string;
  readonly pool: string;
  readonly at: number;
  readonly type: Exclude<WalletEventType, 'ReservationRejected'>;
  /** The event's amount, always positive; the changes below carry the sign. */
  readonly millicredits: number;
  readonly balanceChangeMillicredits: number;
  readonly heldChangeMillicredits: number;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
  readonly reservationId?: string;
  readonly taskId?: string;
  readonly purchaseId?: string;
  readonly grantId?: string;
  readonly grantSource?: GrantSource;
  readonly refundId?: string;
  readonly lotId?: string;
  readonly reason?: string;
}

export type LedgerReply = readonly LedgerEntry[];

export interface CreditsAppliedReply {
  /** True once balances and the ledger read now show the credits. */
  readonly applied: boolean;
}

/** `reserved` also answers a hold decided earlier and settled since: the credits were held. */
export type ReservationAnswer =
  | { readonly outcome: 'reserved'; readonly reservationId: string; readonly millicredits: number; readonly expiresAt: EpochMillis }
  | {
      readonly outcome: 'rejected';
      readonly reservationId: string;
      readonly requestedMillicredits: number;
      readonly availableMillicredits: number;
      /** Present when the key's budget refused it. */
      readonly keyBudget?: KeyBudgetShortfall;
    };

/** `keySpend`: what the named API keys drew from one wallet, as its books tell it now (`now` picks the month). */
export interface KeySpendCall {
  readonly accountId: string;
  readonly pool: string;
  readonly keyIds: readonly string[];
  readonly now: EpochMillis;
}

/** One entry per key asked about; `monthMillicredits` is the month of `now` (0 when the key drew nothing in it). */
export type KeySpendReply = readonly KeySpend[];

/** `purchaseLot`: what is left of one purchase (or, with `grantId`, one grant) in one wallet, as its books tell it now. */
export interface PurchaseLotCall {
  readonly accountId: string;
  readonly pool: string;
  readonly purchaseId: string;
  /** A grant's lot instead of the purchase's (a plan period's credits: what `grant.expiring` reports is left). */
  readonly grantId?: string;
}

export interface PurchaseLotReply {
  readonly known: boolean;
  readonly purchasedMillicredits: number;
  /** Still in the balance, the held part included: purchased - remaining were spent (or revoked). */
  readonly remainingMillicredits: number;
  readonly heldMillicredits: number;
  readonly revoked: boolean;
}

/** `next`: the last id of this page when more may follow (ask again with it as `after`), else null. */
export interface AccountsReply {
  readonly accountIds: readonly string[];
  readonly next: string | null;
}

export const WalletRpc = {
  balances: rpc<BalancesCall, BalancesReply>('wallet', 'balances'),
  ledger: rpc<LedgerCall, LedgerReply>('wallet', 'ledger'),
  creditsApplied: rpc<CreditsAppliedCall, CreditsAppliedReply>('wallet', 'creditsApplied'),
  reserveCredits: rpc<ReserveCreditsCall, ReservationAnswer>('wallet', 'reserveCredits'),
  purchaseLot: rpc<PurchaseLotCall, PurchaseLotReply>('wallet', 'purchaseLot'),
  keySpend: rpc<KeySpendCall, KeySpendReply>('wallet', 'keySpend'),
  accounts: rpc<AccountsCall, AccountsReply>('wallet', 'accounts'),
};

/** The commands the wallet decides, one contract per type. */
export const WalletCommands = {
  purchaseCredits: commandContract<PurchaseCredits>('wallet', 'PurchaseCredits'),
  grantCredits: commandContract<GrantCredits>('wallet', 'GrantCredits'),
  reserveCredits: commandContract<ReserveCredits>('wallet', 'ReserveCredits'),
  chargeReservation: commandContract<ChargeReservation>('wallet', 'ChargeReservation'),
  releaseReservation: commandContract<ReleaseReservation>('wallet', 'ReleaseReservation'),
  expireReservation: commandContract<ExpireReservation>('wallet', 'ExpireReservation'),
  expireGrant: commandContract<ExpireGrant>('wallet', 'ExpireGrant'),
  refundCredits: commandContract<RefundCredits>('wallet', 'RefundCredits'),
  revokePurchasedCredits: commandContract<RevokePurchasedCredits>('wallet', 'RevokePurchasedCredits'),
  freezePurchasedCredits: commandContract<FreezePurchasedCredits>('wallet', 'FreezePurchasedCredits'),
  unfreezePurchasedCredits: commandContract<UnfreezePurchasedCredits>('wallet', 'UnfreezePurchasedCredits'),
} satisfies { [Type in WalletCommand['type'] as Uncapitalize<Type>]: CommandContract<Extract<WalletCommand, { type: Type }>> };

