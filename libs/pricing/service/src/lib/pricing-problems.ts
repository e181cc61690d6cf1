import { InvalidQuoteRequest, NoPoolForChannel, PriceBookNotFound } from '@billing/pricing-domain';
import { RpcError } from '@billing/service-host';

/** Pricing's refusals as problem details; anything else is not a refusal and propagates. */
export function asPricingProblem(error: unknown): unknown {
  if (error instanceof InvalidQuoteRequest) {
    return new RpcError({
      type: 'validation',
      title: 'The request cannot be priced',
      status: 400,
      detail: error.message,
      errors: [{ field: error.field, problem: error.problem, message: error.message, allowed: error.allowed }],
    });
  }
  if (error instanceof NoPoolForChannel) {
    return new RpcError({
      type: 'validation',
      title: 'No pool for this channel',
      status: 400,
      detail: error.message,
      errors: [{ field: 'channel', problem: 'no_pool', message: error.message, allowed: [] }],
    });
  }
  if (error instanceof PriceBookNotFound) {
    return new RpcError({ type: 'not-found', title: 'Price book not found', status: 404, detail: error.message, priceBookId: error.priceBookId });
  }
  return error;
}

export async function answeringProblems<T>(work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    throw asPricingProblem(error);
  }
}
