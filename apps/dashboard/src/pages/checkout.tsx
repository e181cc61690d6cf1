import { useState } from 'react';
import { messageOf } from '../api/problems';
import type { Balances } from '../api/types';
import { useApi, useLoad } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatCredits, formatMoney, poolName } from '../format';
import { Link } from '../router';

const POLL_MILLIS = 250;
const POLL_LIMIT_MILLIS = 20_000;

const balanceOf = (balances: Balances, pool: string): number => balances.balances.find((b) => b.pool === pool)?.balance ?? 0;

/**
 * The sandbox provider's checkout for one order: Pay confirms the payment (no money moves),
 * then the pool's balance is polled until the pack's credits have arrived.
 */
export function CheckoutPage(props: { readonly orderId: string }) {
  const api = useApi();
  const loaded = useLoad(async (client) => {
    const [order, balances] = await Promise.all([client.orders.get(props.orderId), client.account.balances()]);
    return { order, before: balanceOf(balances, order.item.pool) };
  }, props.orderId);
  const [phase, setPhase] = useState<'idle' | 'paying' | 'waiting' | 'done'>('idle');
  const [newBalance, setNewBalance] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pay = async () => {
    if (!loaded.data) return;
    const { order, before } = loaded.data;
    setError(null);
    setPhase('paying');
    try {
      await api.orders.confirmSandboxPayment(order.id);
      setPhase('waiting');
      const expected = before + order.item.credits;
      const deadline = Date.now() + POLL_LIMIT_MILLIS;
      for (;;) {
        const balance = balanceOf(await api.account.balances(), order.item.pool);
        if (balance >= expected - 0.0005) {
          setNewBalance(balance);
          setPhase('done');
          return;
        }
        if (Date.now() > deadline) throw new Error('The payment is confirmed, but the credits have not arrived yet. Refresh the overview in a moment.');
        await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
      }
    } catch (failure) {
      setError(messageOf(failure));
      setPhase('idle');
    }
  };

  const order = loaded.data?.order;
  return (
    <>
      <h1>Sandbox checkout</h1>
      <p className="hint">This is the sandbox payment provider of a development platform: paying here confirms the order without taking any money.</p>
      <ErrorMessage message={loaded.error ?? error} />
      {order ? (
        <section className="card checkout" aria-labelledby="order-title">
          <h2 id="order-title">
            {formatCredits(order.item.credits)} {poolName(order.item.pool)} credits
          </h2>
          <dl className="figures">
            <div>
              <dt>Amount</dt>
              <dd>{formatMoney(order.amount.amount_cents, order.amount.currency)}</dd>
            </div>
            <div>
              <dt>Order</dt>
              <dd className="mono">{order.id}</dd>
            </div>
            <div>
              <dt>{poolName(order.item.pool)} balance before</dt>
              <dd>{formatCredits(loaded.data?.before ?? 0)}</dd>
            </div>
          </dl>
          {phase === 'done' || (order.status === 'paid' && phase === 'idle') ? (
            <p role="status" className="success" data-testid="payment-result">
              {newBalance !== null
                ? `Payment confirmed. Your ${poolName(order.item.pool)} balance is now ${formatCredits(newBalance)} credits (+${formatCredits(order.item.credits)}).`
                : 'This order is already paid.'}{' '}
              <Link to="/">Back to the overview</Link>
            </p>
          ) : (
            <button type="button" onClick={() => void pay()} disabled={phase !== 'idle'}>
              {phase === 'paying' ? 'Confirming payment...' : phase === 'waiting' ? 'Waiting for the credits...' : `Pay ${formatMoney(order.amount.amount_cents, order.amount.currency)}`}
            </button>
          )}
          <p aria-live="polite" className="sr-only">
            {phase === 'waiting' ? 'Payment confirmed; waiting for the credits to arrive.' : ''}
          </p>
        </section>
      ) : loaded.loading ? (
        <p>Loading the order...</p>
      ) : null}
    </>
  );
}
