import { BillingClient, BillingProblem } from '@billing/sdk';

/**
 * SDK clients for the e2e specs, over the global fetch, that never retry (a spec asserts each
 * answer, 429s included) and keep the last answer, whose status and headers the SDK does not
 * return: `201` rather than `200`, `Idempotent-Replayed`, `RateLimit`.
 */
export class SdkAnswers {
  private lastAnswer: Response | undefined;
  /** A client without a credential; `.as(credential)` for the others (they share this log). */
  readonly anon: BillingClient;

  constructor(baseUrl: string) {
    this.anon = new BillingClient({ baseUrl, retry: { retries: 0 }, fetch: async (input, init) => (this.lastAnswer = await fetch(input, init)) });
  }

  /** The answer to the last call any of these clients made. */
  get last(): Response {
    if (this.lastAnswer === undefined) throw new Error('no call answered yet');
    return this.lastAnswer;
  }
}

/** What a call threw, which the test expects to be a problem. */
export async function problemOf(call: Promise<unknown>): Promise<BillingProblem> {
  const error = await call.then(() => null, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(BillingProblem);
  return error as BillingProblem;
}
