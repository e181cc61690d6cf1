import type Database from 'better-sqlite3';
import { ORDER_CATEGORY, type Receipt, SUBSCRIPTION_CATEGORY } from '@billing/contracts';
import type { Projection } from '@billing/event-store';
import { type PurchaseWorkflowEvent, receiptOf, refundedPaymentOf, withRefund } from '@billing/purchase-domain';

/** Every paid order, renewal and upgrade as its receipt, with its refund, by account: rebuilt from the order and subscription streams. */
export function receiptsProjection(): Projection {
  return {
    // v2: receipts carry their refund and the invoice a renewal's or an upgrade's refund names.
    name: 'purchase-receipts-v2',
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS purchase_receipts_v2 (
        receipt_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, order_id TEXT, invoice_id TEXT, paid_at INTEGER NOT NULL, receipt TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS purchase_receipts_v2_account ON purchase_receipts_v2 (account_id, paid_at);
      CREATE INDEX IF NOT EXISTS purchase_receipts_v2_order ON purchase_receipts_v2 (order_id);
      CREATE INDEX IF NOT EXISTS purchase_receipts_v2_invoice ON purchase_receipts_v2 (invoice_id)`);
    },
    apply(db, recorded) {
      if (!recorded.streamName.startsWith(`${ORDER_CATEGORY}-`) && !recorded.streamName.startsWith(`${SUBSCRIPTION_CATEGORY}-`)) return;
      const event = { type: recorded.type, data: recorded.data } as PurchaseWorkflowEvent;
      const receipt = receiptOf(event);
      if (receipt) {
        db.prepare('INSERT OR IGNORE INTO purchase_receipts_v2 (receipt_id, account_id, order_id, invoice_id, paid_at, receipt) VALUES (?, ?, ?, ?, ?, ?)').run(
          receipt.receiptId,
          receipt.accountId,
          receipt.orderId,
          receipt.invoiceId,
          receipt.paidAt,
          JSON.stringify(receipt),
        );
        return;
      }
      const payment = refundedPaymentOf(event);
      if (!payment) return;
      const row =
        'orderId' in payment
          ? db.prepare<[string], { receipt_id: string; receipt: string }>('SELECT receipt_id, receipt FROM purchase_receipts_v2 WHERE order_id = ?').get(payment.orderId)
          : db.prepare<[string], { receipt_id: string; receipt: string }>('SELECT receipt_id, receipt FROM purchase_receipts_v2 WHERE invoice_id = ?').get(payment.invoiceId);
      if (!row) return;
      db.prepare('UPDATE purchase_receipts_v2 SET receipt = ? WHERE receipt_id = ?').run(JSON.stringify(withRefund(JSON.parse(row.receipt) as Receipt, event)), row.receipt_id);
    },
    drop(db) {
      db.exec('DROP TABLE IF EXISTS purchase_receipts_v2');
    },
  };
}

/** The account's receipts, newest first; with `orderId`, that order's. */
export function receiptsOf(db: Database.Database, accountId: string, orderId?: string): Receipt[] {
  const rows =
    orderId === undefined
      ? db.prepare<[string], { receipt: string }>('SELECT receipt FROM purchase_receipts_v2 WHERE account_id = ? ORDER BY paid_at DESC, receipt_id DESC').all(accountId)
      : db.prepare<[string, string], { receipt: string }>('SELECT receipt FROM purchase_receipts_v2 WHERE account_id = ? AND order_id = ? ORDER BY paid_at DESC').all(accountId, orderId);
  return rows.map((row) => JSON.parse(row.receipt) as Receipt);
}
