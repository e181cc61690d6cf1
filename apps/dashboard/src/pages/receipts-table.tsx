import { useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatCredits, formatInstant, formatMoney, poolName } from '../format';

/** The account's receipts, newest first: what each payment bought, and the provider's own receipt where it has one. */
export function ReceiptsTable() {
  const receipts = useLoad((client) => client.orders.receipts(), 'receipts');
  const rows = receipts.data?.receipts ?? [];
  return (
    <section aria-labelledby="receipts">
      <h2 id="receipts">Receipts</h2>
      <ErrorMessage message={receipts.error} />
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
