import { BillingClient, BillingProblem } from '@billing/sdk';
import { type CliContext, UsageError } from '../command';

/** The options every command that calls the REST gateway takes. */
export const GATEWAY_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const GATEWAY_USAGE = '[--url <gateway>] [--token <API key or token>] [--json]   (default: BILLING_URL, else http://localhost:3000; BILLING_TOKEN)';

/** The gateway's REST API through @billing/sdk, as `--url` and `--token` (or BILLING_URL and BILLING_TOKEN) say. */
export function gatewayClient(values: { readonly url?: string | undefined; readonly token?: string | undefined }, context: CliContext): BillingClient {
  const credential = values.token ?? context.env['BILLING_TOKEN'];
  if (!credential) throw new UsageError('--token <API key or token> (or BILLING_TOKEN) is required: `npm run billing -- token --account <id>` makes one for the embedded platform');
  const baseUrl = (values.url ?? context.env['BILLING_URL'] ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new UsageError(`--url must be an http(s) address, got ${JSON.stringify(baseUrl)}`);
  return new BillingClient({ baseUrl, credential });
}

/** A refusal the person can fix by asking otherwise (400) is bad input; others are failures. */
export const isBadRequest = (error: unknown): boolean => error instanceof BillingProblem && error.status === 400;

/** `--json` prints the gateway's answer as it is; otherwise the lines a person reads. */
export function print(context: CliContext, json: boolean | undefined, answer: unknown, lines: () => readonly string[]): void {
  context.stdout(json ? `${JSON.stringify(answer, null, 2)}\n` : `${lines().join('\n')}\n`);
}

/** Integer cents as `72.00 USD`. */
export const money = ({ amount_cents: cents, currency }: { readonly amount_cents: number; readonly currency: string }): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')} ${currency}`;

/** The first positional argument, required. */
export function positional(positionals: readonly string[], what: string): string {
  const [value, ...rest] = positionals;
  if (value === undefined || value.trim() === '') throw new UsageError(`${what} is required`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
  return value;
}
