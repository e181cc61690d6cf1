import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { status } from '@grpc/grpc-js';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedBilling } from '../testing/embedded-billing';

/*
 * billing.v1 as an integrator meets it with grpcurl (a Go client nobody here wrote), knowing
 * nothing but the address: every call is described through server reflection, never from
 * our proto files. grpcurl is installed by tools/grpcurl/ensure-grpcurl.sh (.ci/run does it).
 */

const GRPCURL = process.env['GRPCURL'] ?? join(__dirname, '..', '..', '..', '..', '.tools', 'go-bin', 'grpcurl');
/** grpcurl exits with 64 plus the gRPC status code of a failed call. */
const exitOf = (code: status): number => 64 + code;

const ALICE = 'acct-grpcurl-alice';
const BOB = 'acct-grpcurl-bob';

interface Outcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface StatusJson {
  readonly code: number;
  readonly message: string;
  readonly details: readonly (Record<string, unknown> & { readonly '@type': string })[];
}

let dir: string;
let platform: EmbeddedBilling;
let aliceKey: string;
let bobToken: string;

const run = promisify(execFile);

async function grpcurl(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(GRPCURL, ['-plaintext', ...args], { timeout: 30_000 });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { exitCode: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const call = (credential: string | null, method: string, request: object, ...flags: string[]) =>
  grpcurl(...flags, ...(credential === null ? [] : ['-H', `authorization: Bearer ${credential}`]), '-d', JSON.stringify(request), platform.grpcAddress, method);

/** Fails with what grpcurl said when it exited otherwise. */
function expectExit(outcome: Outcome, exitCode: number): void {
  if (outcome.exitCode !== exitCode) throw new Error(`grpcurl exited ${outcome.exitCode}, not ${exitCode}: ${outcome.stderr}${outcome.stdout}`);
}

const detailOf = (statusJson: StatusJson, type: string) => statusJson.details.find((detail) => detail['@type'] === `type.googleapis.com/google.rpc.${type}`);

beforeAll(async () => {
  if (!existsSync(GRPCURL)) {
    throw new Error(`grpcurl is not installed at ${GRPCURL}: run \`bash tools/grpcurl/ensure-grpcurl.sh\` (it needs Go; .ci/run does it before the tests), or set GRPCURL to a grpcurl binary`);
  }
  dir = mkdtempSync(join(tmpdir(), 'billing-grpcurl-e2e-'));
  platform = await EmbeddedBilling.start(dir);
  aliceKey = await platform.apiKey(ALICE);
  bobToken = await platform.token(BOB);
  await platform.buyPack(ALICE, 'api-300');
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('billing.v1 through grpcurl, by server reflection alone', () => {
  it('lists the billing and health services', async () => {
    const listed = await grpcurl(platform.grpcAddress, 'list');
    expectExit(listed, 0);
    expect(listed.stdout.split('\n').filter(Boolean).sort()).toEqual(['billing.v1.Billing', 'grpc.health.v1.Health']);
  });

  it('describes a method and its messages, with durations named and measured as REST does', async () => {
    const method = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.Billing.CreateQuote');
    expectExit(method, 0);
    expect(method.stdout).toContain('rpc CreateQuote ( .billing.v1.CreateQuoteRequest ) returns ( .billing.v1.Quote );');

    const render = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.RenderSpec');
    expect(render.stdout).toContain('string duration_seconds = 8;');
    const task = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.Task');
    // proto3 `optional` shows as its synthetic oneof.
    expect(task.stdout).toContain('string delivered_duration_seconds = 18;');
    // Who made it, from actors.proto, which reflection serves too.
    expect(task.stdout).toContain('.billing.v1.Actor actor = 19;');
    const actor = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.Actor');
    expect(actor.stdout).toContain('.billing.v1.ActorKind kind = 1;');
    expect(render.stdout + task.stdout).not.toMatch(/^\s*(optional )?\w+ \w*millis = /m);
  });

  it('reads balances with an API key and prices a render given in seconds', async () => {
    const balances = await eventuallyValue(
      async () => JSON.parse((await call(aliceKey, 'billing.v1.Billing/GetBalances', {})).stdout || '{}') as { pools?: { pool: string; available: string }[] },
      (read) => read.pools?.some((pool) => pool.pool === 'api' && pool.available === '300') === true,
      'the pack in alice’s API pool',
    );
    // grpcurl writes fields under the names reflection gave it: the proto's, as REST spells them.
    expect(balances.pools).toContainEqual(expect.objectContaining({ pool: 'api', balance: '300', available_millicredits: '300000' }));

    const quoted = await call(aliceKey, 'billing.v1.Billing/CreateQuote', { render: { model: 'seedance-2.0', duration_seconds: '2.5' } });
    expectExit(quoted, 0);
    expect(JSON.parse(quoted.stdout)).toMatchObject({ credits: '37.5', millicredits: '37500', pool: 'api' });
  }, 30_000);

  it('describes plan changes and receipts, and lists receipts under REST’s field names, a refunded one with its refund', async () => {
    const change = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.Billing.ChangeSubscription');
    expectExit(change, 0);
    expect(change.stdout).toContain('rpc ChangeSubscription ( .billing.v1.ChangeSubscriptionRequest ) returns ( .billing.v1.PlanSubscription );');
    const request = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.ChangeSubscriptionRequest');
    expect(request.stdout).toContain('string plan_id = 1;');
    const subscription = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.PlanSubscription');
    expect(subscription.stdout).toContain('.billing.v1.PendingPlanChange pending_change = 7;');

    const receipt = await grpcurl(platform.grpcAddress, 'describe', 'billing.v1.Receipt');
    expect(receipt.stdout).toContain('string refund_status = 14;');
    expect(receipt.stdout).toContain('bool refundable = 16;');

    // A second pack, unused, refunded at its owner's request; the first is not.
    const kept = await call(aliceKey, 'billing.v1.Billing/ListReceipts', {});
    expectExit(kept, 0);
    const keptId = (JSON.parse(kept.stdout) as { receipts: Record<string, unknown>[] }).receipts[0]?.['order_id'];
    const refundedId = await platform.buyPack(ALICE, 'api-300');
    expectExit(await call(aliceKey, 'billing.v1.Billing/RefundOrder', { order_id: refundedId, reason: 'bought twice' }), 0);
    // Zero values shown, as REST shows them: refundable false, nothing returned.
    const listReceipts = async () => JSON.parse((await call(aliceKey, 'billing.v1.Billing/ListReceipts', {}, '-emit-defaults')).stdout || '{}') as { receipts?: Record<string, unknown>[] };
    const { receipts = [] } = await eventuallyValue(listReceipts, (read) => read.receipts?.[0]?.['refund_status'] === 'refunded', 'the refund to settle');
    const pack = { kind: 'order', credits: '300', pool: 'api', paid_at: expect.any(String), amount: { amount_cents: '2400', currency: 'USD' }, invoice_id: '' };
    expect(receipts).toEqual([
      expect.objectContaining({ ...pack, receipt_id: `order:${refundedId}`, order_id: refundedId, refund_status: 'refunded', refunded: { amount_cents: '2400', currency: 'USD' }, refundable: false }),
      expect.objectContaining({ ...pack, receipt_id: `order:${String(keptId)}`, order_id: keptId, refund_status: 'none', refunded: { amount_cents: '0', currency: 'USD' }, refundable: true }),
    ]);
    const one = await call(aliceKey, 'billing.v1.Billing/GetOrderReceipt', { order_id: keptId }, '-emit-defaults');
    expectExit(one, 0);
    expect(JSON.parse(one.stdout)).toEqual(receipts[1]);
  }, 60_000);

  it('checks health: SERVING for the server and billing.v1.Billing once every service answers; an unknown service is NOT_FOUND', async () => {
    for (const service of ['', 'billing.v1.Billing']) {
      const health = await eventuallyValue(
        () => call(null, 'grpc.health.v1.Health/Check', { service }),
        (checked) => checked.exitCode === 0 && (JSON.parse(checked.stdout) as { status?: string }).status === 'SERVING',
        `SERVING for "${service}"`,
      );
      expect(JSON.parse(health.stdout)).toEqual({ status: 'SERVING' });
    }
    const unknown = await call(null, 'grpc.health.v1.Health/Check', { service: 'no.such.Service' });
    expectExit(unknown, exitOf(status.NOT_FOUND));
  }, 30_000);

  it('decodes a refused request’s google.rpc.Status: ErrorInfo with the problem type, BadRequest naming each field, RequestInfo', async () => {
    const refused = await call(aliceKey, 'billing.v1.Billing/CreateTask', { render: { model: '', duration_seconds: '0' } }, '-format-error', '-rpc-header', 'x-request-id: grpcurl-1');
    expectExit(refused, exitOf(status.INVALID_ARGUMENT));
    const statusJson = JSON.parse(refused.stderr) as StatusJson;
    expect(statusJson).toMatchObject({ code: status.INVALID_ARGUMENT, message: expect.stringContaining('render.duration_seconds') });
    expect(detailOf(statusJson, 'ErrorInfo')).toEqual({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'VALIDATION',
      domain: 'billing.local',
      metadata: { type: 'https://billing.local/problems/validation', title: 'The request is not valid', status: '400', request_id: 'grpcurl-1' },
    });
    const violations = (detailOf(statusJson, 'BadRequest')?.['field_violations'] ?? []) as { field: string; description: string }[];
    expect(violations.map((violation) => violation.field).sort()).toEqual(['render.duration_seconds', 'render.model']);
    expect(violations.every((violation) => violation.description.length > 0)).toBe(true);
    expect(detailOf(statusJson, 'RequestInfo')).toMatchObject({ request_id: 'grpcurl-1' });
  });

  it('carries the same members as the REST problem document for the same refusal', async () => {
    const refused = await call(bobToken, 'billing.v1.Billing/CreateTask', { render: { model: 'seedance-2.0', duration_seconds: '5' } }, '-format-error');
    expectExit(refused, exitOf(status.FAILED_PRECONDITION));
    const errorInfo = detailOf(JSON.parse(refused.stderr) as StatusJson, 'ErrorInfo');

    const rest = await platform.restPost(bobToken, '/v1/tasks', { model: 'seedance-2.0', duration_seconds: 5 });
    expect(rest.status).toBe(402);
    // Each call made its own (rejected) task and request: those ids differ, every other member is the same.
    const { detail, instance: _instance, request_id: _requestId, task_id: restTaskId, ...members } = rest.body;
    expect(errorInfo).toMatchObject({
      reason: 'INSUFFICIENT_CREDITS',
      domain: 'billing.local',
      metadata: { ...Object.fromEntries(Object.entries(members).map(([name, value]) => [name, String(value)])), task_id: expect.stringMatching(/^task_/), request_id: expect.any(String) },
    });
    expect(restTaskId).toMatch(/^task_/);
    expect(Object.keys((errorInfo?.['metadata'] ?? {}) as object).sort()).toEqual([...Object.keys(members), 'request_id', 'task_id'].sort());
    // REST's detail is the status message.
    expect(JSON.parse(refused.stderr)).toMatchObject({ message: detail });
  });

  it('refuses a call without a credential as UNAUTHENTICATED, with the reason a client can switch on', async () => {
    const refused = await call(null, 'billing.v1.Billing/GetBalances', {}, '-format-error');
    expectExit(refused, exitOf(status.UNAUTHENTICATED));
    expect(detailOf(JSON.parse(refused.stderr) as StatusJson, 'ErrorInfo')).toMatchObject({ reason: 'UNAUTHORIZED', metadata: { status: '401' } });
  });
});
