import { InvalidQuoteRequest, PriceBookNotFound } from '@billing/pricing-domain';
import { isBadRequest } from './commands/gateway-client';

/** Errors that mean the request was wrong, not that the tool failed. */
export function isBadInput(error: unknown): boolean {
  if (error instanceof InvalidQuoteRequest || error instanceof PriceBookNotFound || isBadRequest(error)) return true;
  // node:util parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes
  // (matched by code, not by class: Node's TypeError may come from another realm).
  return typeof error === 'object' && error !== null && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}
