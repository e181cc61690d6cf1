import { WalletError } from './wallet-error';

/** Amounts are whole, positive, safe integers; anything else is refused rather than rounded. */
export function requirePositiveAmount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new WalletError({ code: 'invalid_amount', field, value });
  }
  return value;
}

export function requireNonNegativeAmount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new WalletError({ code: 'invalid_amount', field, value });
  }
  return value;
}

export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new WalletError({ code: 'invalid_field', field, value });
  return value;
}

export function requireInstant(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new WalletError({ code: 'invalid_field', field, value });
  return value;
}
