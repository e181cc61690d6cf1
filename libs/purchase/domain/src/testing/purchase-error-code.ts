import { PurchaseError } from '../lib/purchase-errors';

/** The code of the PurchaseError that `run` throws; anything else fails the test. */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PurchaseError) return error.code;
    throw error;
  }
  throw new Error('expected a PurchaseError');
}
