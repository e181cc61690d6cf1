import { grantLotId, type StatementEntry, walletPeriodsStreamName, walletStreamName, type WalletEvent, type WalletPeriodOpened, type WalletStatement } from '@billing/contracts';
import { balanceEffect } from '@billing/wallet-read-model';
import type { AuditSource } from './audit-source';
import type { StoredEvent } from './stored-event';
import { AuditedWallet } from './audited-wallet';
import { ChainVerifier } from './chain-verifier';
import type { AuditFinding } from './finding';
import { PeriodBooks } from './period-books';
import { parseWalletEvent } from './wallet-event-shape';

/** A statement with every finding (finance's `statement` reply caps the list). */
export interface Statement extends WalletStatement {
  readonly findings: readonly AuditFinding[];
}

export interface StatementOptions {
  readonly accountId: string;
  readonly pool: string;
  /** Entries recorded from `from` to `to`, both included. */
  readonly from: number;
  readonly to: number;
}

/**
 * `audit statement`: one wallet's entries in a period, from its own streams, every period
 * of it in order (chains verified, invariants checked, each period's opening compared with
 * the closing before it): opening balance (everything recorded before `from`), each entry
 * with its running balance, and the closing balance (everything recorded by `to`).
 */
export async function walletStatement(source: AuditSource, options: StatementOptions): Promise<Statement> {
  const findings: AuditFinding[] = [];
  const chain = new ChainVerifier((finding) => findings.push(finding));
  const wallet = new AuditedWallet(options.accountId, options.pool);
  const books = new PeriodBooks();
  const entries: StatementEntry[] = [];
  let opening = 0;
  for await (const stored of walletEvents(source, options.accountId, options.pool)) {
    const { streamName } = stored;
    chain.verify(stored);
    if (stored.recordedAt > options.to) continue;
    const event = parseWalletEvent(stored.type, stored.dataJson);
    if (typeof event === 'string') {
      findings.push({ kind: 'event', streamName, revision: stored.revision, position: stored.position, rule: 'event_shape', message: event });
      continue;
    }
    for (const { rule, message } of books.check(streamName, stored.revision, event)) {
      findings.push({ kind: 'event', streamName, revision: stored.revision, position: stored.position, rule, message });
    }
    if (event.type === 'BalanceCarriedForward') {
      wallet.opened(streamName, stored.revision, stored.position, stored.recordedAt);
      continue;
    }
    for (const violation of wallet.apply(event, stored.revision, stored.position, stored.recordedAt, streamName)) {
      findings.push({ kind: 'invariant', streamName, revision: violation.revision ?? stored.revision, position: stored.position, rule: `${violation.invariant}:${violation.rule}`, message: violation.message });
    }
    if (stored.recordedAt < options.from) {
      opening = wallet.balanceMillicredits;
      continue;
    }
    if (event.type === 'ReservationRejected') continue;
    entries.push(entryOf(event, wallet, stored.position, stored.revision, stored.recordedAt));
  }
  return {
    audit: 'statement',
    source: source.location,
    accountId: options.accountId,
    pool: options.pool,
    from: new Date(options.from).toISOString(),
    to: new Date(options.to).toISOString(),
    openingBalanceMillicredits: opening,
    closingBalanceMillicredits: wallet.balanceMillicredits,
    closingHeldMillicredits: wallet.heldMillicredits,
    entries,
    findings,
  };
}

/**
 * Every event of the wallet, stream after stream: the stream from before periods (if any),
 * then each period listed in `walletperiods-<accountId>-<pool>`, in the order they opened.
 */
async function* walletEvents(source: AuditSource, accountId: string, pool: string): AsyncIterable<StoredEvent> {
  const streams = [walletStreamName(accountId, pool)];
  for await (const page of source.stream(walletPeriodsStreamName(accountId, pool))) {
    for (const listed of page) {
      const { streamName } = JSON.parse(listed.dataJson) as WalletPeriodOpened['data'];
      if (!streams.includes(streamName)) streams.push(streamName);
    }
  }
  for (const streamName of streams) {
    for await (const page of source.stream(streamName)) yield* page;
  }
}

function entryOf(
  event: Exclude<WalletEvent, { type: 'ReservationRejected' }>,
  wallet: AuditedWallet,
  position: number,
  revision: number,
  recordedAt: number,
): StatementEntry {
  const effect = balanceEffect(event.type, event.data.millicredits);
  const data = event.data as Partial<Record<string, unknown>>;
  const text = (key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const purchase = event.type === 'CreditsPurchased' ? event.data : undefined;
  // A grant, and a plan period's credits frozen, released or revoked, name the grant's lot.
  const grantId = text('grantId');
  const grantLot = grantId === null ? null : grantLotId(grantId);
  return {
    position,
    revision,
    recordedAt: new Date(recordedAt).toISOString(),
    at: new Date(event.data.at).toISOString(),
    type: event.type,
    millicredits: event.data.millicredits,
    balanceChangeMillicredits: effect.balance,
    heldChangeMillicredits: effect.held,
    runningBalanceMillicredits: wallet.balanceMillicredits,
    heldMillicredits: wallet.heldMillicredits,
    taskId: text('taskId'),
    reservationId: text('reservationId'),
    orderId: text('purchaseId'),
    priceBookId: purchase?.priceBookId ?? null,
    priceBookVersion: purchase?.priceBookVersion ?? null,
    amountCents: purchase?.amountCents ?? null,
    currency: purchase?.currency ?? null,
    lotId: event.type === 'CreditsExpired' ? event.data.lotId : grantLot,
    reason: text('reason'),
  };
}
