import type Database from 'better-sqlite3';
import {
  ORDER_CATEGORY,
  PAYMENT_LINK_CATEGORY,
  SUBSCRIPTION_CATEGORY,
  type PaymentConfirmed,
  type PaymentLinked,
  type PaymentLinkReported,
  type PlanPeriodGranted,
  type PlanUpgraded,
} from '@billing/contracts';
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

/**
 * The payments a refund or a dispute may name that no order records: the provider's links
 * (a PaymentIntent to the invoice it paid), whatever their arrival order, and the renewals
 * (an invoice to the account whose period it paid), an upgrade's invoice among them. The
 * name's `v2` (upgrades added) rebuilds the index once from the start; rows are kept once.
 */
export function paymentLinksProjection(): Projection {
  return {
    name: 'purchase-payment-links-v2',
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS purchase_payment_links (linked_payment_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS purchase_payment_links_settled ON purchase_payment_links (payment_id);
        CREATE TABLE IF NOT EXISTS purchase_renewal_payments (invoice_id TEXT PRIMARY KEY, account_id TEXT NOT NULL)`);
    },
    apply(db, recorded) {
      if (recorded.streamName.startsWith(`${PAYMENT_LINK_CATEGORY}-`) && recorded.type === 'PaymentLinkReported') {
        const { paymentId, linkedPaymentId } = recorded.data as PaymentLinkReported['data'];
        db.prepare('INSERT OR IGNORE INTO purchase_payment_links (linked_payment_id, payment_id) VALUES (?, ?)').run(linkedPaymentId, paymentId);
      } else if (recorded.streamName.startsWith(`${SUBSCRIPTION_CATEGORY}-`) && (recorded.type === 'PlanPeriodGranted' || recorded.type === 'PlanUpgraded')) {
        const { invoiceId, accountId } = recorded.data as PlanPeriodGranted['data'] | PlanUpgraded['data'];
        if (invoiceId !== undefined) db.prepare('INSERT OR IGNORE INTO purchase_renewal_payments (invoice_id, account_id) VALUES (?, ?)').run(invoiceId, accountId);
      }
    },
    drop(db) {
      db.exec('DROP TABLE IF EXISTS purchase_payment_links; DROP TABLE IF EXISTS purchase_renewal_payments');
    },
  };
}

/** What a provider's payment paid: an order, or a plan's renewal. */
export type PaymentOwner = { readonly kind: 'order'; readonly orderId: string } | { readonly kind: 'renewal'; readonly accountId: string; readonly invoiceId: string };

/** The owner of a payment, under its own id or that of the payment a link says it settled; needs both indexes caught up. */
export function ownerOfPayment(db: Database.Database, paymentId: string): PaymentOwner | undefined {
  const settled = db.prepare<[string], { payment_id: string }>('SELECT payment_id FROM purchase_payment_links WHERE linked_payment_id = ?').get(paymentId)?.payment_id;
  for (const id of settled === undefined ? [paymentId] : [paymentId, settled]) {
    const orderId = orderPaidBy(db, id);
    if (orderId !== undefined) return { kind: 'order', orderId };
    const accountId = db.prepare<[string], { account_id: string }>('SELECT account_id FROM purchase_renewal_payments WHERE invoice_id = ?').get(id)?.account_id;
    if (accountId !== undefined) return { kind: 'renewal', accountId, invoiceId: id };
  }
  return undefined;
}

/** The payment a link reported settled `paymentId` (Stripe: the PaymentIntent that paid an invoice), if one did. */
export function linkedPaymentOf(db: Database.Database, paymentId: string): string | undefined {
  return db.prepare<[string], { linked_payment_id: string }>('SELECT linked_payment_id FROM purchase_payment_links WHERE payment_id = ? LIMIT 1').get(paymentId)?.linked_payment_id;
}
