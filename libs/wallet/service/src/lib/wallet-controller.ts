import type Database from 'better-sqlite3';
import {
  type AccountsCall,
  type AccountsReply,
  type Answering,
  type BalancesCall,
  type BalancesReply,
  type CreditsAppliedCall,
  type CreditsAppliedReply,
  type LedgerCall,
  type LedgerReply,
  type KeySpendCall,
  type KeySpendReply,
  type PurchaseLotCall,
  type PurchaseLotReply,
  grantLotId,
  purchaseLotId,
  type ReservationAnswer,
  type ReserveCredits,
  type ReserveCreditsCall,
  WalletRpc,
  walletStreamName,
} from '@billing/contracts';
import { answers, RpcError } from '@billing/service-host';
import { keySpendAt } from '@billing/wallet-domain';
import { readAccountIds, readBalancesOf, readLedger } from '@billing/wallet-read-model';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KeySpendRequest, PurchaseLotRequest } from './purchase-lot';
import { WalletCommandQueue } from './wallet-command-queue';
import { reservationAnswer, ReserveCreditsCallRequest } from './wallet-reservations';
import { AccountsRequest, BalancesRequest, creditOf, DEFAULT_ACCOUNTS_PAGE, creditsArrive, CreditsAppliedRequest, DEFAULT_LEDGER_PAGE, LedgerRequest, type WalletReadModels } from './wallet-rpc';

export const WALLET_DB = Symbol('WalletDatabase');
export const WALLET_READ_MODELS = Symbol('WalletReadModels');

/**
 * The wallet's requests. Reads wait until the read models hold every event the store had
 * when the request arrived, so a client reads its own writes; `creditsApplied` waits for
 * writes made elsewhere (a purchase on its way from the purchase service). A hold asked
 * for on a caller's request path is decided in the command queue like the command from
 * the topic, then answered from the wallet's state, so a repeat answers what the first decided.
 */
@Controller()
export class WalletController implements Answering<typeof WalletRpc> {
  constructor(
    @Inject(WALLET_DB) private readonly db: Database.Database,
    @Inject(WALLET_READ_MODELS) private readonly readModels: WalletReadModels,
    @Inject(WalletCommandQueue) private readonly queue: WalletCommandQueue,
  ) {}

  @MessagePattern(WalletRpc.balances, answers(BalancesRequest))
  async balances(@Payload() request: BalancesCall): Promise<BalancesReply> {
    await this.readModels.caughtUp();
    return readBalancesOf(this.db, request.accountId).map(({ pool, balanceMillicredits, heldMillicredits, availableMillicredits }) => ({
      pool,
      balanceMillicredits,
      heldMillicredits,
      availableMillicredits,
    }));
  }

  @MessagePattern(WalletRpc.ledger, answers(LedgerRequest))
  async ledger(@Payload() request: LedgerCall): Promise<LedgerReply> {
    await this.readModels.caughtUp();
    return readLedger(this.db, {
      accountId: request.accountId,
      ...(request.pool === undefined ? {} : { pool: request.pool }),
      ...(request.after === undefined ? {} : { after: request.after }),
      limit: request.limit ?? DEFAULT_LEDGER_PAGE,
    });
  }

  @MessagePattern(WalletRpc.creditsApplied, answers(CreditsAppliedRequest))
  async creditsApplied(@Payload() request: CreditsAppliedCall): Promise<CreditsAppliedReply> {
    const deadline = Date.now() + request.waitMillis;
    await this.readModels.caughtUp();
    return { applied: await creditsArrive(this.db, this.readModels, creditOf(request), deadline) };
  }

  @MessagePattern(WalletRpc.reserveCredits, answers(ReserveCreditsCallRequest))
  async reserveCredits(@Payload() request: ReserveCreditsCall): Promise<ReservationAnswer> {
    const { accountId, pool, commandId, now, correlationId, ...data } = request;
    const streamName = walletStreamName(accountId, pool);
    const command: ReserveCredits = { type: 'ReserveCredits', data, metadata: { commandId, now, ...(correlationId === undefined ? {} : { correlationId }) } };
    const outcome = await this.queue.handle(streamName, command);
    if (outcome.kind === 'refused') throw new RpcError({ type: 'conflict', title: 'Reservation refused', status: 409, detail: outcome.message, code: outcome.code });
    return reservationAnswer(await this.queue.current(streamName), command);
  }

  /** Read from the wallet's books (not a projection), so an owner's refund sees the spending decided so far. */
  @MessagePattern(WalletRpc.purchaseLot, answers(PurchaseLotRequest))
  async purchaseLot(@Payload() { accountId, pool, purchaseId, grantId }: PurchaseLotCall): Promise<PurchaseLotReply> {
    const state = await this.queue.current(walletStreamName(accountId, pool));
    const lotId = grantId === undefined ? purchaseLotId(purchaseId) : grantLotId(grantId);
    const record = state.lotRecords.get(lotId);
    if (record === undefined) return { known: false, purchasedMillicredits: 0, remainingMillicredits: 0, heldMillicredits: 0, revoked: false };
    const lot = state.lots.find((candidate) => candidate.lotId === lotId);
    return {
      known: true,
      purchasedMillicredits: record.origin.millicredits,
      remainingMillicredits: lot?.remainingMillicredits ?? 0,
      heldMillicredits: lot?.heldMillicredits ?? 0,
      revoked: record.revoked,
    };
  }

  /** From the wallet's books, which the next reservation is decided against: a budget's remainder is exact. */
  @MessagePattern(WalletRpc.keySpend, answers(KeySpendRequest))
  async keySpend(@Payload() { accountId, pool, keyIds, now }: KeySpendCall): Promise<KeySpendReply> {
    const state = await this.queue.current(walletStreamName(accountId, pool));
    return keyIds.map((keyId) => keySpendAt(state, keyId, now));
  }

  /** Every account with a wallet, from the balances read model (caught up first): the gateway founds an organisation for each. */
  @MessagePattern(WalletRpc.accounts, answers(AccountsRequest))
  async accounts(@Payload() request: AccountsCall): Promise<AccountsReply> {
    await this.readModels.caughtUp();
    const limit = request.limit ?? DEFAULT_ACCOUNTS_PAGE;
    const accountIds = readAccountIds(this.db, { ...(request.after === undefined ? {} : { after: request.after }), limit });
    return { accountIds, next: accountIds.length === limit ? (accountIds.at(-1) ?? null) : null };
  }
}
