/** One reason a price book was refused, at the field where it was found. */
export interface PriceBookProblem {
  readonly path: string;
  readonly reason: string;
}

/** A price book document that does not validate; lists every problem found. */
export class InvalidPriceBook extends Error {
  override readonly name = 'InvalidPriceBook';

  constructor(
    readonly problems: readonly PriceBookProblem[],
    bookLabel = 'price book',
  ) {
    super(`${bookLabel} is invalid: ${problems.map((problem) => `${problem.path}: ${problem.reason}`).join('; ')}`);
  }
}

export type QuoteRequestProblem =
  | 'unknown_model'
  | 'unknown_resolution'
  | 'unknown_fps'
  | 'unknown_complexity'
  | 'unknown_mode'
  | 'invalid_duration'
  | 'invalid_batch_size';

/** A quote request the book cannot price; `allowed` lists what it can, when that is a list. */
export class InvalidQuoteRequest extends Error {
  override readonly name = 'InvalidQuoteRequest';

  constructor(
    readonly problem: QuoteRequestProblem,
    readonly field: string,
    message: string,
    readonly allowed: readonly string[] = [],
  ) {
    super(allowed.length > 0 ? `${message}; allowed: ${allowed.join(', ')}` : message);
  }
}

/** No version of the book is in effect at the instant asked for, or the id is unknown. */
export class PriceBookNotFound extends Error {
  override readonly name = 'PriceBookNotFound';

  constructor(
    readonly priceBookId: string,
    message: string,
  ) {
    super(message);
  }
}

/** A channel the book maps to no pool: never answered by falling back to another pool. */
export class NoPoolForChannel extends Error {
  override readonly name = 'NoPoolForChannel';

  constructor(
    readonly priceBookId: string,
    readonly channel: string,
  ) {
    super(`price book ${priceBookId} has no pool for channel ${channel}`);
  }
}
