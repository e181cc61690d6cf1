import { useEffect, useState } from 'react';
import { messageOf } from '../api/problems';
import type { Receipt } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatCredits, formatInstant, formatMoney, poolName } from '../format';

/** How often the list is read again while a refund asked here waits for the wallet to take the credits back. */
const SETTLING_POLL_MILLIS = 500;

/** What a receipt's refund is, in words: under way, or the money returned. */
function refundState(receipt: Receipt): string | null {
  if (receipt.refund_status === 'refunded') return `Refunded: ${formatMoney(receipt.refunded.amount_cents, receipt.refunded.currency)} returned`;
  if (receipt.refund_status === 'refund_requested') return 'Refund under way';
  return null;
}

/**
 * The account's receipts, newest first: what each payment bought, and the provider's own
 * receipt where it has one. A receipt the gateway marks `refundable` (the member's role may
 * ask for it, by the gateway's own table, and none was asked yet) offers a refund, confirmed
 * first; the row then shows the money returned once the unspent credits are taken back.
 */
export function ReceiptsTable() {
  const api = useApi();
  const receipts = useLoad((client) => client.orders.receipts(), 'receipts');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [settling, setSettling] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = receipts.data?.receipts ?? [];

  // A refund is settled asynchronously: read the list again until the row says so.
  const pending = rows.find((receipt) => receipt.id === settling);
  const waiting = pending?.refund_status === 'refund_requested' && !receipts.loading;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(receipts.reload, SETTLING_POLL_MILLIS);
    return () => clearTimeout(timer);
  }, [waiting, receipts.reload, receipts.data]);

  const refund = async (receipt: Receipt) => {
    setBusy(true);
    setError(null);
    try {
      if (receipt.kind === 'order') await api.orders.refund(receipt.order_id ?? '', {});
      else await api.orders.refundRenewal(receipt.invoice_id ?? '', {});
      setConfirming(null);
      setSettling(receipt.id);
      receipts.reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="receipts">
      <h2 id="receipts">Receipts</h2>
      <ErrorMessage message={receipts.error ?? error} />
      <p role="status">{pending?.refund_status === 'refunded' ? `${pending.description}: ${refundState(pending) ?? ''}.` : null}</p>
      {receipts.data && rows.length === 0 ? <p className="hint">No payments yet.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Receipts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Paid</th>
                <th scope="col">What</th>
                <th scope="col">Amount</th>
                <th scope="col">Tax</th>
                <th scope="col">Credits</th>
                <th scope="col">Period</th>
                <th scope="col">Receipt</th>
                <th scope="col">Refund</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((receipt) => (
                <tr key={receipt.id} data-receipt={receipt.id}>
                  <td>{formatInstant(receipt.paid_at)}</td>
                  <td>{receipt.description}</td>
                  <td className="num">{formatMoney(receipt.amount.amount_cents, receipt.amount.currency)}</td>
                  <td className="num">{receipt.tax ? formatMoney(receipt.tax.amount_cents, receipt.tax.currency) : 'none'}</td>
                  <td className="num">
                    {formatCredits(receipt.credits)} {poolName(receipt.pool)}
                  </td>
                  <td>{receipt.period_start ? `${formatInstant(receipt.period_start)} to ${formatInstant(receipt.period_end)}` : 'none'}</td>
                  <td>{receipt.receipt_url ? <a href={receipt.receipt_url}>Provider receipt</a> : 'none'}</td>
                  <td data-testid={`refund-${receipt.id}`}>
                    {refundState(receipt) ??
                      (!receipt.refundable ? null : confirming === receipt.id ? (
                        <span role="group" aria-label={`Confirm refunding ${receipt.description}`} className="confirm">
                          <span>
                            Refund “{receipt.description}”? Its unspent credits are taken back at once, and the money follows them: its share of the{' '}
                            {formatMoney(receipt.amount.amount_cents, receipt.amount.currency)} paid, pro rata to the credits returned. Credits spent are not refunded.
                          </span>
                          <button type="button" className="danger" onClick={() => void refund(receipt)} disabled={busy}>
                            Yes, refund {receipt.description}
                          </button>
                          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                            Cancel
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="secondary" onClick={() => (setError(null), setConfirming(receipt.id))} aria-label={`Refund ${receipt.description}`}>
                          Refund
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
