/**
 * Credits are stored and compared as integer millicredits (thousandths of a credit).
 * Outside, they are written as decimal numbers with at most three decimals.
 */
export const MILLICREDITS_PER_CREDIT = 1000;

export function isMillicredits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertMillicredits(value: unknown, name: string): asserts value is number {
  if (!isMillicredits(value)) {
    throw new RangeError(`${name} must be a whole number of millicredits (a safe integer), got ${String(value)}`);
  }
}

/** 37500 -> "37.5", 15000 -> "15", 1 -> "0.001", -2500 -> "-2.5". */
export function formatCredits(millicredits: number): string {
  assertMillicredits(millicredits, 'millicredits');
  const sign = millicredits < 0 ? '-' : '';
  const abs = Math.abs(millicredits);
  const whole = Math.floor(abs / MILLICREDITS_PER_CREDIT);
  const fraction = abs % MILLICREDITS_PER_CREDIT;
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}

/** The JSON number for an amount: exact, because it has at most three decimals. */
export function creditsNumber(millicredits: number): number {
  return Number(formatCredits(millicredits));
}

const CREDITS_PATTERN = /^(-)?(\d+)(?:\.(\d{1,3}))?$/;

/** "37.5" or 37.5 -> 37500. Refuses more than three decimals instead of rounding. */
export function parseCredits(input: string | number): number {
  const text = typeof input === 'number' ? numberToPlainString(input) : input.trim();
  const match = CREDITS_PATTERN.exec(text);
  if (!match) {
    throw new RangeError(`credits must be a number with at most three decimals, got ${JSON.stringify(input)}`);
  }
  const [, minus, whole = '0', fraction = ''] = match;
  const value = Number(whole) * MILLICREDITS_PER_CREDIT + Number(fraction.padEnd(3, '0'));
  if (!Number.isSafeInteger(value)) throw new RangeError(`credits out of range: ${text}`);
  return minus ? -value : value;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // toString keeps the shortest round-trip form; exponents only appear far outside our range.
  return value.toString();
}
