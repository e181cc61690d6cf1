import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signSandboxPayload } from '@billing/payment-provider';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
const PROBLEM_JSON = 'application/problem+json';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
/** The embedded platform's sandbox webhook secret (SANDBOX_WEBHOOK_SECRET unset). */
const SANDBOX_SECRET = 'embedded-sandbox-webhook-secret';

/** A request written byte for byte on a socket (fetch refuses such headers); the answer's status line, headers and body. */
async function rawPost(baseUrl: string, path: string, headers: readonly Buffer[], body: string): Promise<{ status: number; head: string; body: Json }> {
  const url = new URL(baseUrl);
  const request = Buffer.concat([
    Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n`),
    ...headers.flatMap((header) => [header, Buffer.from('\r\n')]),
    Buffer.from(`\r\n${body}`),
  ]);
  const answer = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
  const [head = '', text = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body: JSON.parse(text) as Json };
}

describe('REST input errors: RFC 9457 problem details, one clear message per bad field', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let alice: HttpClient;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-input-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'input-errors-secret-input-errors-secret', logRequests: false });
    token = await platform.token('alice');
    alice = new HttpClient(platform.url, token);
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const errorsOf = (body: Json): unknown => body['errors'];

  it('a number sent as text is one message, "must be a number", not three that contradict each other', async () => {
    const answer = await alice.post('/v1/quotes', { ...RENDER, duration_seconds: '5', batch_size: '3' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(answer.body).toMatchObject({ type: `${PROBLEM}validation`, status: 400 });
    expect(errorsOf(answer.body)).toEqual(
      expect.arrayContaining([
        { field: 'duration_seconds', message: 'must be a number' },
        { field: 'batch_size', message: 'must be a whole number' },
      ]),
    );
    expect(errorsOf(answer.body)).toHaveLength(2);
  });

  it('a number where text belongs says it must be a string, not that it is too long', async () => {
    const answer = await alice.post('/v1/orders', { kind: 'pack', pack_id: 123 });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer.body)).toEqual([{ field: 'pack_id', message: 'must be a string' }]);
  });

  it('an order naming both a pack and a plan is refused with 400 naming the field that does not belong', async () => {
    const answer = await alice.post('/v1/orders', { kind: 'pack', pack_id: 'api-300', plan_id: 'creator' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(errorsOf(answer.body)).toEqual([{ field: 'plan_id', message: expect.stringContaining('not both') }]);
    expect((await alice.post('/v1/orders', { kind: 'plan', plan_id: 'creator', pack_id: 'api-300' })).body).toMatchObject({ status: 400, errors: [{ field: 'pack_id' }] });
    expect((await alice.post('/v1/orders', { kind: 'pack', pack_id: 'api-300' })).status).toBe(201);
  });

  it('GET /v1/ledger with an unknown pool is 400 naming the field and the pools there are', async () => {
    const answer = await alice.get('/v1/ledger?pool=xyz');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(errorsOf(answer.body)).toEqual([{ field: 'pool', message: expect.stringMatching(/^must be one of (app, api|api, app)$/) }]);
    expect((await alice.get('/v1/ledger?pool=api')).status).toBe(200);
  });

  it('a body that is not JSON (a form, text, no media type) is 415 problem details; a signed webhook’s raw JSON still arrives byte for byte', async () => {
    const form = await alice.post('/v1/tasks', 'model=seedance-2.0&duration_seconds=5', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(form.body).toMatchObject({ type: `${PROBLEM}unsupported-media-type`, status: 415, detail: expect.stringContaining('application/x-www-form-urlencoded') });
    expect((await alice.post('/v1/quotes', JSON.stringify(RENDER), { 'content-type': 'text/plain' })).status).toBe(415);
    const untyped = await fetch(`${platform.url}/v1/quotes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Blob([JSON.stringify(RENDER)]) });
    expect(untyped.status).toBe(415);
    expect((await alice.post('/v1/quotes', JSON.stringify(RENDER), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);

    const order = await alice.post('/v1/orders', { kind: 'pack', pack_id: 'api-300' });
    const data = { orderId: order.body['id'], paymentId: 'pay_e2e_raw', amountCents: 2400, currency: 'USD' };
    // Spacing JSON.stringify would not reproduce: the signature holds only over the bytes as sent.
    const rawBody = JSON.stringify({ id: 'evt_e2e_raw', type: 'payment_confirmed', data }, null, 2);
    const signature = signSandboxPayload(rawBody, SANDBOX_SECRET, Date.now());
    const webhook = await new HttpClient(platform.url).post('/v1/webhooks/payments/sandbox', rawBody, { 'x-sandbox-signature': signature });
    expect(webhook.status).toBe(200);
    expect((await alice.get(`/v1/orders/${String(order.body['id'])}`)).body).toMatchObject({ status: 'paid' });
  });

  it('an Idempotency-Key that is not printable ASCII is 400 problem details naming the header Idempotency-Key', async () => {
    const body = JSON.stringify(RENDER);
    const authorization = Buffer.from(`Authorization: Bearer ${token}`);
    // UTF-8 bytes, which Node passes on as Latin-1 characters.
    const nonAscii = await rawPost(platform.url, '/v1/quotes', [authorization, Buffer.from('Idempotency-Key: ключ-1', 'utf8')], body);
    expect(nonAscii.status).toBe(400);
    expect(nonAscii.head).toContain(`content-type: ${PROBLEM_JSON}`);
    expect(nonAscii.body).toMatchObject({ type: `${PROBLEM}validation`, errors: [{ header: 'Idempotency-Key', message: expect.stringContaining('ASCII') }] });
    // A control character, which Node's parser refuses before any route.
    const control = await rawPost(platform.url, '/v1/quotes', [authorization, Buffer.from('Idempotency-Key: a\u0001b', 'latin1')], body);
    expect(control.status).toBe(400);
    expect(control.head).toContain(`content-type: ${PROBLEM_JSON}`);
    expect(control.body).toMatchObject({ type: `${PROBLEM}validation`, status: 400, errors: [{ header: 'Idempotency-Key' }] });
    // Too long: reported as the header, named as HTTP names it, not as a field `_idempotency-_key`.
    const tooLong = await alice.post('/v1/quotes', RENDER, { 'idempotency-key': 'k'.repeat(256) });
    expect(tooLong.status).toBe(400);
    expect(errorsOf(tooLong.body)).toEqual([{ header: 'Idempotency-Key', message: 'must be 1-255 printable ASCII characters' }]);
    expect(tooLong.body['detail']).toBe('Idempotency-Key: must be 1-255 printable ASCII characters');
  });
});
