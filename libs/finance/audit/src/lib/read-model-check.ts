import type Database from 'better-sqlite3';
import type { WalletEvent } from '@billing/contracts';
import { balanceEffect, type LedgerRow, referencesOf } from '@billing/wallet-read-model';
import type { AuditedWallet } from './audited-wallet';
import type { AuditFinding } from './finding';
import type { StoredEvent } from './stored-event';
import type { ReplayVisitor } from './wallet-replay';

/** Checkpoint names of the wallet service's read models (`ProjectionRunner` keeps them beside the tables). */
const CHECKPOINTS = {
  balances: 'wallet-balances:wallet_balances',
  ledger: 'wallet-ledger:wallet_ledger',
  expiry: 'wallet-expiry-index:wallet_open_holds',
} as const;

interface WalletScope {
  readonly accountId?: string;
  readonly pool?: string;
}

/**
 * Compares the replay with the wallet service's live read models (balances, ledger,
 * expiry indexes), each at its own checkpoint: the replay snapshots the wallets when it
 * passes a read model's checkpoint, so a read model that is a few events behind a live
 * writer is compared with the history it has seen. The ledger is compared row by row as
 * the replay goes, a page at a time. Opens nothing itself: pass the read-only database.
 */
export class ReadModelCheck implements ReplayVisitor {
  private readonly checkpoints: { balances: number; ledger: number; expiry: number };
  private readonly findings: AuditFinding[] = [];
  private balancesTaken = false;
  private expiryTaken = false;
  private ledgerPage: LedgerRow[] = [];
  private ledgerIndex = 0;
  private ledgerAfter = 0;
  private ledgerDone = false;
  private readonly ledgerPageStatement: Database.Statement<unknown[], LedgerRow>;
  private readonly checkpointStatement: Database.Statement<[string], { position: number }>;
  /** Events past a read model's snapshot (a live writer's last few, or something appended behind its back). */
  private readonly beyondSnapshot: { streamName: string; revision: number; position: number }[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly wallets: () => ReadonlyMap<string, AuditedWallet>,
    private readonly scope: WalletScope = {},
  ) {
    // One read transaction: every table and checkpoint is read from the same snapshot.
    db.exec('BEGIN');
    this.checkpointStatement = db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?');
    this.checkpoints = this.readCheckpoints();
    const where = ['position > ?'];
    if (scope.accountId !== undefined) where.push('account_id = ?');
    if (scope.pool !== undefined) where.push('pool = ?');
    this.ledgerPageStatement = db.prepare<unknown[], LedgerRow>(`SELECT * FROM wallet_ledger WHERE ${where.join(' AND ')} ORDER BY position LIMIT 2000`);
  }

  /** The positions each read model had reached. */
  get readModelCheckpoints(): { readonly balances: number; readonly ledger: number; readonly expiry: number } {
    return this.checkpoints;
  }

  beforeEvent(event: StoredEvent): void {
    if (!this.balancesTaken && event.position > this.checkpoints.balances) this.compareBalances();
    if (!this.expiryTaken && event.position > this.checkpoints.expiry) this.compareExpiryIndex();
  }

  afterEvent(wallet: AuditedWallet, event: WalletEvent, stored: StoredEvent): void {
    const lowest = Math.min(this.checkpoints.balances, this.checkpoints.ledger, this.checkpoints.expiry);
    if (stored.position > lowest && this.beyondSnapshot.length < 10_000) {
      this.beyondSnapshot.push({ streamName: stored.streamName, revision: stored.revision, position: stored.position });
    }
    if (event.type === 'ReservationRejected' || stored.position > this.checkpoints.ledger) return;
    let row = this.nextLedgerRow();
    while (row !== undefined && row.position < stored.position) {
      this.find(`wallet-${row.account_id}-${row.pool}`, null, row.position, 'ledger_row_without_event', `ledger row at position ${row.position} has no wallet event`);
      this.ledgerIndex++;
      row = this.nextLedgerRow();
    }
    if (row === undefined || row.position !== stored.position) {
      this.find(stored.streamName, stored.revision, stored.position, 'ledger_row_missing', `${event.type} has no ledger row`);
      return;
    }
    this.ledgerIndex++;
    const differs = ledgerDifferences(row, expectedLedgerRow(wallet, event, stored));
    if (differs.length > 0) this.find(stored.streamName, stored.revision, stored.position, 'ledger_row_differs', differs.join('; '));
  }

  /** Finishes the comparison after the replay reached the head; returns every finding. */
  finish(): AuditFinding[] {
    if (!this.balancesTaken) this.compareBalances();
    if (!this.expiryTaken) this.compareExpiryIndex();
    for (let row = this.nextLedgerRow(); row !== undefined; row = this.nextLedgerRow()) {
      if (row.position <= this.checkpoints.ledger) {
        this.find(`wallet-${row.account_id}-${row.pool}`, null, row.position, 'ledger_row_without_event', `ledger row at position ${row.position} has no wallet event`);
      }
      this.ledgerIndex++;
    }
    this.db.exec('COMMIT');
    // A live read model has projected what the replay read by now; one that still has not never will.
    const now = this.readCheckpoints();
    const reached = Math.min(now.balances, now.ledger, now.expiry);
    for (const event of this.beyondSnapshot) {
      if (event.position > reached) {
        this.find(event.streamName, event.revision, event.position, 'not_in_read_models', `the read models stop at position ${reached}; this event is past it`);
      }
    }
    return this.findings;
  }

  private readCheckpoints(): { balances: number; ledger: number; expiry: number } {
    return {
      balances: this.checkpointStatement.get(CHECKPOINTS.balances)?.position ?? 0,
      ledger: this.checkpointStatement.get(CHECKPOINTS.ledger)?.position ?? 0,
      expiry: this.checkpointStatement.get(CHECKPOINTS.expiry)?.position ?? 0,
    };
  }

  private nextLedgerRow(): LedgerRow | undefined {
    if (this.ledgerIndex < this.ledgerPage.length) return this.ledgerPage[this.ledgerIndex];
    if (this.ledgerDone) return undefined;
    const parameters: unknown[] = [this.ledgerAfter];
    if (this.scope.accountId !== undefined) parameters.push(this.scope.accountId);
    if (this.scope.pool !== undefined) parameters.push(this.scope.pool);
    this.ledgerPage = this.ledgerPageStatement.all(...parameters);
    this.ledgerIndex = 0;
    const last = this.ledgerPage[this.ledgerPage.length - 1];
    if (last === undefined) {
      this.ledgerDone = true;
      return undefined;
    }
    this.ledgerAfter = last.position;
    return this.ledgerPage[0];
  }

  private compareBalances(): void {
    this.balancesTaken = true;
    const rows = this.db
      .prepare<[], { account_id: string; pool: string; balance_millicredits: number; held_millicredits: number; available_millicredits: number; updated_at: number }>(
        'SELECT * FROM wallet_balances ORDER BY account_id, pool',
      )
      .all()
      .filter((row) => this.inScope(row.account_id, row.pool));
    const seen = new Set<string>();
    for (const row of rows) {
      const streamName = `wallet-${row.account_id}-${row.pool}`;
      seen.add(streamName);
      const wallet = this.wallets().get(streamName);
      if (wallet === undefined || wallet.movedAt === 0) {
        this.find(streamName, null, null, 'balance_row_without_wallet', 'the balances read model has a row for a wallet with no balance events');
        continue;
      }
      const pairs: [string, number, number][] = [
        ['balance', wallet.balanceMillicredits, row.balance_millicredits],
        ['held', wallet.heldMillicredits, row.held_millicredits],
        ['available', wallet.availableMillicredits, row.available_millicredits],
        ['updatedAt', wallet.movedAt, row.updated_at],
      ];
      const differs = pairs.filter(([, replay, model]) => replay !== model).map(([name, replay, model]) => `${name}: replay ${replay}, read model ${model}`);
      if (differs.length > 0) this.find(streamName, wallet.revision, wallet.position, 'balance_differs', differs.join('; '));
    }
    for (const [streamName, wallet] of this.wallets()) {
      if (!seen.has(streamName) && wallet.movedAt !== 0) this.find(streamName, wallet.revision, wallet.position, 'balance_row_missing', 'no row in the balances read model');
    }
  }

  private compareExpiryIndex(): void {
    this.expiryTaken = true;
    const holds = this.db
      .prepare<[], { account_id: string; pool: string; reservation_id: string; expires_at: number }>('SELECT * FROM wallet_open_holds')
      .all()
      .filter((row) => this.inScope(row.account_id, row.pool));
    const expectedHolds = new Map<string, { streamName: string; expiresAt: number }>();
    for (const [streamName, wallet] of this.wallets()) {
      for (const hold of wallet.openHolds()) expectedHolds.set(`${streamName}/${hold.reservationId}`, { streamName, expiresAt: hold.expiresAt });
    }
    for (const row of holds) {
      const streamName = `wallet-${row.account_id}-${row.pool}`;
      const key = `${streamName}/${row.reservation_id}`;
      const expected = expectedHolds.get(key);
      if (expected === undefined) this.find(streamName, null, null, 'open_hold_not_open', `${row.reservation_id} is listed as open but is not`);
      else if (expected.expiresAt !== row.expires_at) this.find(streamName, null, null, 'open_hold_differs', `${row.reservation_id} expires at ${expected.expiresAt}, listed ${row.expires_at}`);
      expectedHolds.delete(key);
    }
    for (const [key, { streamName }] of expectedHolds) this.find(streamName, null, null, 'open_hold_missing', `${key.slice(streamName.length + 1)} is open but not listed`);

    const grants = this.db
      .prepare<[], { account_id: string; pool: string; lot_id: string; expires_at: number; remaining_millicredits: number; held_millicredits: number }>(
        'SELECT * FROM wallet_expiring_grants',
      )
      .all()
      .filter((row) => this.inScope(row.account_id, row.pool));
    const expectedGrants = new Map<string, { streamName: string; expiresAt: number; remaining: number; held: number }>();
    for (const [streamName, wallet] of this.wallets()) {
      for (const lot of wallet.lots.values()) {
        if (lot.kind === 'grant' && lot.expiresAt !== null) {
          expectedGrants.set(`${streamName}/${lot.lotId}`, { streamName, expiresAt: lot.expiresAt, remaining: lot.remainingMillicredits, held: lot.heldMillicredits });
        }
      }
    }
    for (const row of grants) {
      const streamName = `wallet-${row.account_id}-${row.pool}`;
      const key = `${streamName}/${row.lot_id}`;
      const expected = expectedGrants.get(key);
      if (expected === undefined) this.find(streamName, null, null, 'expiring_grant_unknown', `${row.lot_id} is not an expiring grant of this wallet`);
      else if (expected.remaining !== row.remaining_millicredits || expected.held !== row.held_millicredits || expected.expiresAt !== row.expires_at) {
        this.find(streamName, null, null, 'expiring_grant_differs', `${row.lot_id}: replay ${expected.remaining} left, ${expected.held} held; read model ${row.remaining_millicredits} left, ${row.held_millicredits} held`);
      }
      expectedGrants.delete(key);
    }
    for (const [key, { streamName }] of expectedGrants) this.find(streamName, null, null, 'expiring_grant_missing', `${key.slice(streamName.length + 1)} is not in the expiry index`);
  }

  private inScope(accountId: string, pool: string): boolean {
    return (this.scope.accountId === undefined || this.scope.accountId === accountId) && (this.scope.pool === undefined || this.scope.pool === pool);
  }

  private find(streamName: string, revision: number | null, position: number | null, rule: string, message: string): void {
    this.findings.push({ kind: 'read_model', streamName, revision, position, rule, message });
  }
}

function expectedLedgerRow(wallet: AuditedWallet, event: Exclude<WalletEvent, { type: 'ReservationRejected' }>, stored: StoredEvent): LedgerRow {
  const effect = balanceEffect(event.type, event.data.millicredits);
  const references = referencesOf(event);
  return {
    position: stored.position,
    event_id: stored.eventId,
    account_id: wallet.accountId,
    pool: wallet.pool,
    at: event.data.at,
    type: event.type,
    millicredits: event.data.millicredits,
    balance_change: effect.balance,
    held_change: effect.held,
    balance_after: wallet.balanceMillicredits,
    held_after: wallet.heldMillicredits,
    reservation_id: references.reservationId ?? null,
    task_id: references.taskId ?? null,
    purchase_id: references.purchaseId ?? null,
    grant_id: references.grantId ?? null,
    grant_source_kind: references.grantSource?.kind ?? null,
    grant_source_reference: references.grantSource?.reference ?? null,
    refund_id: references.refundId ?? null,
    lot_id: references.lotId ?? null,
    reason: references.reason ?? null,
  };
}

function ledgerDifferences(actual: LedgerRow, expected: LedgerRow): string[] {
  const differs: string[] = [];
  for (const key of Object.keys(expected) as (keyof LedgerRow)[]) {
    if (actual[key] !== expected[key]) differs.push(`${key}: replay ${String(expected[key])}, read model ${String(actual[key])}`);
  }
  return differs;
}
