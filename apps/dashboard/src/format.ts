/** Credits as people read them: grouped thousands, up to three decimals (exact thousandths). */
export function formatCredits(credits: number): string {
  return credits.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** Integer cents as money: $1,920 (no cents when whole), $0.50. */
export function formatMoney(amountCents: number, currency: string): string {
  const whole = amountCents % 100 === 0;
  return (amountCents / 100).toLocaleString('en-US', { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
}

/**
 * Price per credit to a tenth of a cent ($0.080), from integer cents and credits: rounded
 * once, half up, in integers (cents x 10,000 / millicredits = tenths of a cent per credit).
 */
export function pricePerCredit(amountCents: number, credits: number, currency: string): string {
  const millicredits = Math.round(credits * 1000);
  if (millicredits <= 0) return '-';
  const tenthsOfCent = Math.floor((amountCents * 10_000 * 2 + millicredits) / (2 * millicredits));
  const symbol = currency === 'USD' ? '$' : `${currency} `;
  return `${symbol}${Math.floor(tenthsOfCent / 1000)}.${String(tenthsOfCent % 1000).padStart(3, '0')}`;
}

/**
 * How a delivered output was charged, beside credits_cost: "pro rata: 1.401 s of 5 s" for a
 * shorter output charged for its length, "" when charged in full or not delivered yet.
 */
export function chargeBasisNote(task: { readonly charge_basis: string | null; readonly delivered_duration_seconds: number | null; readonly quote: { readonly duration_seconds: number } }): string {
  if (task.charge_basis !== 'pro_rata' || task.delivered_duration_seconds === null) return '';
  const seconds = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return `pro rata: ${seconds(task.delivered_duration_seconds)} s of ${seconds(task.quote.duration_seconds)} s`;
}

const POOL_NAMES: Readonly<Record<string, string>> = { api: 'API', app: 'App' };

/** `api` -> API, `app` -> App; other pools as they are named. */
export const poolName = (pool: string): string => POOL_NAMES[pool] ?? pool;

export function formatInstant(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** Today and `days` before it, as UTC `YYYY-MM-DD`. */
export function dayOffset(days: number, from = Date.now()): string {
  return new Date(from - days * 86_400_000).toISOString().slice(0, 10);
}
