import type Database from 'better-sqlite3';
import { ORDER_CATEGORY, type Receipt, SUBSCRIPTION_CATEGORY } from '@billing/contracts';
import type { Projection } from '@billing/event-store';
import { type PurchaseWorkflowEvent, receiptOf } from '@billing/purchase-domain';

/** Every paid order, renewal and upgrade as its receipt, by account: rebuilt from the order and subscription streams. */
export function receiptsProjection(): Projection {
  return {
    name: 'purchase-receipts',
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS purchase_receipts (
        receipt_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, order_id TEXT, paid_at INTEGER NOT NULL, receipt TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS purchase_receipts_account ON purchase_receipts (account_id, paid_at)`);
    },
    apply(db, recorded) {
      if (!recorded.streamName.startsWith(`${ORDER_CATEGORY}-`) && !recorded.streamName.startsWith(`${SUBSCRIPTION_CATEGORY}-`)) return;
      const receipt = receiptOf({ type: recorded.type, data: recorded.data } as PurchaseWorkflowEvent);
      if (!receipt) return;
      db.prepare('INSERT OR IGNORE INTO purchase_receipts (receipt_id, account_id, order_id, paid_at, receipt) VALUES (?, ?, ?, ?, ?)').run(
        receipt.receiptId,
        receipt.accountId,
        receipt.orderId,
        receipt.paidAt,
        JSON.stringify(receipt),
      );
    },
    drop(db) {
      db.exec('DROP TABLE IF EXISTS purchase_receipts');
    },
  };
}

/** The account's receipts, newest first; with `orderId`, that order's. */
export function receiptsOf(db: Database.Database, accountId: string, orderId?: string): Receipt[] {
  const rows =
    orderId === undefined
      ? db.prepare<[string], { receipt: string }>('SELECT receipt FROM purchase_receipts WHERE account_id = ? ORDER BY paid_at DESC, receipt_id DESC').all(accountId)
      : db.prepare<[string, string], { receipt: string }>('SELECT receipt FROM purchase_receipts WHERE account_id = ? AND order_id = ? ORDER BY paid_at DESC').all(accountId, orderId);
  return rows.map((row) => JSON.parse(row.receipt) as Receipt);
}
