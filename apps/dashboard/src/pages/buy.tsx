import { useState } from 'react';
import { messageOf } from '../api/problems';
import type { Pack } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatCredits, formatMoney, poolName, pricePerCredit } from '../format';
import { navigate } from '../router';
import { ReceiptsTable } from './receipts-table';

/** The sandbox provider's checkout URLs end in /sandbox/checkout/<order id>. */
export const isSandboxCheckout = (url: string | null): boolean => url !== null && /\/sandbox\/checkout\/[^/]+$/.test(new URL(url, window.location.href).pathname);

/** The packs of the active price book by pool, with the price per credit of each volume tier. */
export function BuyPage() {
  const api = useApi();
  const catalog = useLoad((client) => client.account.catalog(), 'catalog');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const buy = async (pack: Pack) => {
    setBusy(pack.id);
    setError(null);
    try {
      const order = await api.orders.place({ kind: 'pack', pack_id: pack.id });
      if (order.checkout_url && !isSandboxCheckout(order.checkout_url)) {
        window.location.assign(order.checkout_url);
        return;
      }
      navigate(`/checkout/${encodeURIComponent(order.id)}`);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(null);
    }
  };

  const pools = catalog.data ? [...new Set(catalog.data.packs.map((p) => p.pool))].sort((a, b) => (a === 'api' ? -1 : b === 'api' ? 1 : a.localeCompare(b))) : [];
  return (
    <>
      <h1>Buy credits</h1>
      <ErrorMessage message={catalog.error ?? error} />
      {catalog.data ? (
        <p className="hint">
          Price book {catalog.data.price_book}, version {catalog.data.version}. Larger packs cost less per credit.
        </p>
      ) : null}
      {pools.map((pool) => {
        const packs = (catalog.data?.packs ?? []).filter((p) => p.pool === pool).sort((a, b) => a.credits - b.credits);
        return (
          <section key={pool} aria-labelledby={`pool-${pool}-packs`}>
            <h2 id={`pool-${pool}-packs`}>{poolName(pool)} credit packs</h2>
            <div className="table-wrap">
              <table>
                <caption className="sr-only">{poolName(pool)} credit packs and their price per credit</caption>
                <thead>
                  <tr>
                    <th scope="col">{poolName(pool)} credits</th>
                    <th scope="col">Price</th>
                    <th scope="col">Price / credit</th>
                    <th scope="col">
                      <span className="sr-only">Buy</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {packs.map((pack) => (
                    <tr key={pack.id} data-pack={pack.id}>
                      <td className="num">{formatCredits(pack.credits)}</td>
                      <td className="num">{formatMoney(pack.price.amount_cents, pack.price.currency)}</td>
                      <td className="num">{pricePerCredit(pack.price.amount_cents, pack.credits, pack.price.currency)}</td>
                      <td>
                        <button type="button" onClick={() => void buy(pack)} disabled={busy !== null} aria-label={`Buy ${formatCredits(pack.credits)} ${poolName(pool)} credits for ${formatMoney(pack.price.amount_cents, pack.price.currency)}`}>
                          {busy === pack.id ? 'Placing order...' : 'Buy'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      <ReceiptsTable />
    </>
  );
}
