import type Database from 'better-sqlite3';
import { ORDER_CATEGORY, type PaymentConfirmed, type PaymentLinked } from '@billing/contracts';
import type { Projection } from '@billing/event-store';

/** Which order a provider's payment paid (under either of its ids): how a refund or a dispute reported by the provider finds its order. */
export function orderPaymentsProjection(): Projection {
  return {
    name: 'purchase-order-payments',
    setup(db) {
      db.exec('CREATE TABLE IF NOT EXISTS purchase_order_payments (payment_id TEXT PRIMARY KEY, order_id TEXT NOT NULL)');
    },
    apply(db, recorded) {
      if (!recorded.streamName.startsWith(`${ORDER_CATEGORY}-`) || (recorded.type !== 'PaymentConfirmed' && recorded.type !== 'PaymentLinked')) return;
      const { paymentId, orderId } = recorded.data as PaymentConfirmed['data'] | PaymentLinked['data'];
      db.prepare('INSERT OR IGNORE INTO purchase_order_payments (payment_id, order_id) VALUES (?, ?)').run(paymentId, orderId);
    },
    drop(db) {
      db.exec('DROP TABLE IF EXISTS purchase_order_payments');
    },
  };
}

export function orderPaidBy(db: Database.Database, paymentId: string): string | undefined {
  return db.prepare<[string], { order_id: string }>('SELECT order_id FROM purchase_order_payments WHERE payment_id = ?').get(paymentId)?.order_id;
}
