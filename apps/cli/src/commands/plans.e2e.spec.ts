import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_SIGNATURE_HEADER, SandboxPaymentProvider } from '@billing/payment-provider';
import { BillingClient } from '@billing/sdk';
import { startPlatformChild } from '@billing/util/testing';
import { type CliRun, runBillingProcess } from '../testing/cli-harness';

const CHILD_RUNS = 60_000;

/** `npm start` with the points book (plans by the month) on free loopback ports, in a child process; where its gateway listens. */
const startPlatform = (dir: string, output: string[]) =>
  startPlatformChild({ DATA_DIR: dir, PORT: '0', GRPC_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', PRICE_BOOK: 'points', PAYMENT_PROVIDER: 'sandbox', GENERATION_PROVIDER: 'simulator' }, output);

/** Fails with what the command said when it exited otherwise. */
function expectExit(run: CliRun, code: number): void {
  if (run.code !== code) throw new Error(`billing exited ${run.code}, not ${code}: ${run.stderr}${run.stdout}`);
}

describe('billing subscribe, plan, receipts and refund against a running platform, as a person at a terminal', () => {
  let dir: string;
  let platform: { child: ChildProcess; url: string } | undefined;
  const output: string[] = [];
  let env: NodeJS.ProcessEnv;
  let orderId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'billing-cli-plans-'));
    platform = await startPlatform(dir, output);
    const token = await runBillingProcess(['token', '--account', 'cli-sam', '--data-dir', dir]);
    expectExit(token, 0);
    env = { BILLING_URL: platform.url, BILLING_TOKEN: token.stdout.trim() };
  }, CHILD_RUNS);

  afterAll(async () => {
    if (platform && platform.child.exitCode === null) {
      const exited = new Promise((done) => platform?.child.once('exit', done));
      platform.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, CHILD_RUNS);

  const billing = (args: readonly string[]) => runBillingProcess(args, env);

  it('given no token, then exit 2 saying how to get one; given no plan yet, then exit 1 with the gateway’s 404', async () => {
    const untokened = await runBillingProcess(['plan'], { BILLING_URL: platform?.url, BILLING_TOKEN: '' });
    expectExit(untokened, 2);
    expect(untokened.stderr).toMatch(/^billing plan: --token <API key or token> \(or BILLING_TOKEN\) is required/);
    const none = await billing(['plan']);
    expectExit(none, 1);
    expect(none.stderr).toMatch(/^billing plan: 404 /);
    expect((await billing(['subscribe'])).code).toBe(2);
  }, CHILD_RUNS);

  it('given subscribe, then the plan’s order and its checkout; once paid, plan shows it, change upgrades now and schedules a downgrade, cancel and resume', async () => {
    const subscribed = await billing(['subscribe', '--plan', 'explorer']);
    expectExit(subscribed, 0);
    const [line = '', pay = ''] = subscribed.stdout.trim().split('\n');
    expect(line).toMatch(/^order \S+: plan explorer, 1000 credits a month for 29\.00 USD; placed$/);
    expect(pay).toMatch(/^pay at: \S+/);
    orderId = line.split(' ')[1]?.replace(/:$/, '') ?? '';
    // The buyer pays at the sandbox's checkout.
    await new BillingClient({ baseUrl: String(env['BILLING_URL']), credential: String(env['BILLING_TOKEN']) }).orders.confirmSandboxPayment(orderId);

    const shown = await billing(['plan']);
    expectExit(shown, 0);
    expect(shown.stdout).toMatch(/^plan explorer: active \(provider\), paid through \d{4}-\d\d-\d\dT/);

    const upgraded = await billing(['plan', 'change', 'creator', '--json']);
    expectExit(upgraded, 0);
    expect(JSON.parse(upgraded.stdout)).toMatchObject({ plan_id: 'creator', status: 'active', pending_change: null });
    const downgraded = await billing(['plan', 'change', 'explorer']);
    expectExit(downgraded, 0);
    expect(downgraded.stdout).toMatch(/^plan creator: active .*\nrenews as explorer from \d{4}-/);

    const cancelled = await billing(['plan', 'cancel']);
    expectExit(cancelled, 0);
    expect(cancelled.stdout).toContain('ends at ');
    const resumed = await billing(['plan', 'resume']);
    expectExit(resumed, 0);
    expect(resumed.stdout).not.toContain('ends at ');
    expect((await billing(['plan', 'rename'])).code).toBe(2);
    const unknown = await billing(['plan', 'change', 'x'.repeat(200)]);
    expectExit(unknown, 2);
    expect(unknown.stderr).toMatch(/^billing plan: 400 /);
  }, CHILD_RUNS);

  it('given a paid plan and its upgrade, then receipts lists both, newest first, and --order shows the order’s', async () => {
    const listed = await billing(['receipts']);
    expectExit(listed, 0);
    const rows = listed.stdout.trim().split('\n').slice(2);
    expect(rows.map((row) => row.split(/\s{2,}/)[1])).toEqual(['upgrade', 'order']);
    expect(rows[1]).toContain('29.00 USD');
    const one = await billing(['receipts', '--order', orderId, '--json']);
    expectExit(one, 0);
    expect(JSON.parse(one.stdout)).toMatchObject({ kind: 'order', order_id: orderId, amount: { amount_cents: 2900, currency: 'USD' }, credits: 1000 });
  }, CHILD_RUNS);

  it('given a renewal paid, then refund-renewal with finance’s token refunds it (twice, the same), the owner’s is exit 1 with the 403, an unknown invoice the 404', async () => {
    const url = String(env['BILLING_URL']);
    // The sandbox bank bills a later month, signed with the platform's development secret, as its job would.
    const bank = new SandboxPaymentProvider({ environment: 'test', checkoutBaseUrl: 'http://unused', webhookSecret: 'embedded-sandbox-webhook-secret' });
    const periodStart = Date.now() + 40 * 86_400_000;
    const renewal = bank.renew({ accountId: 'cli-sam', orderId, periodStart, periodEnd: periodStart + 30 * 86_400_000, amountCents: 2_900, currency: 'USD', attempt: 1 }, Date.now());
    const delivered = await new BillingClient({ baseUrl: url }).webhooks.payment('sandbox', renewal.rawBody, { headers: { [SANDBOX_SIGNATURE_HEADER]: renewal.headers[SANDBOX_SIGNATURE_HEADER] ?? '' } });
    expect(delivered).toMatchObject({ outcome: 'applied' });
    const invoiceId = `sandbox_in_${orderId}_${periodStart}`;

    const owner = await billing(['refund-renewal', invoiceId]);
    expectExit(owner, 1);
    expect(owner.stderr).toMatch(/^billing refund-renewal: 403 /);
    const finance = await runBillingProcess(['token', '--account', 'cli-auditor', '--role', 'finance', '--data-dir', dir]);
    expectExit(finance, 0);
    const asFinance = (args: readonly string[]) => runBillingProcess([...args, '--token', finance.stdout.trim(), '--url', url]);
    const refunded = await asFinance(['refund-renewal', invoiceId, '--reason', 'cli e2e']);
    expectExit(refunded, 0);
    expect(refunded.stdout).toMatch(new RegExp(`^renewal ${invoiceId} of cli-sam: (refund_requested|refunded); refunded \\d+\\.\\d\\d USD of 29\\.00 USD\\n$`));
    const again = await asFinance(['refund-renewal', invoiceId, '--json']);
    expectExit(again, 0);
    expect(JSON.parse(again.stdout)).toMatchObject({ id: invoiceId, account_id: 'cli-sam', amount: { amount_cents: 2900, currency: 'USD' } });
    const unknown = await asFinance(['refund-renewal', 'no-such-invoice']);
    expectExit(unknown, 1);
    expect(unknown.stderr).toMatch(/^billing refund-renewal: 404 /);
  }, CHILD_RUNS);

  it('given finance’s token, then refund refunds the plan’s order; an unknown order is exit 1 with the 404', async () => {
    const finance = await runBillingProcess(['token', '--account', 'cli-auditor', '--role', 'finance', '--data-dir', dir]);
    expectExit(finance, 0);
    const refunded = await runBillingProcess(['refund', orderId, '--reason', 'cli e2e', '--token', finance.stdout.trim(), '--url', String(env['BILLING_URL'])]);
    expectExit(refunded, 0);
    expect(refunded.stdout).toMatch(new RegExp(`^order ${orderId}: (refund_requested|refunded); refunded \\d+\\.\\d\\d USD of 29\\.00 USD\\n$`));
    const unknown = await runBillingProcess(['refund', 'no-such-order', '--token', finance.stdout.trim(), '--url', String(env['BILLING_URL'])]);
    expectExit(unknown, 1);
    expect(unknown.stderr).toMatch(/^billing refund: 404 /);
  }, CHILD_RUNS);
});
