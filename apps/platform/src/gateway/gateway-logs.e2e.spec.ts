import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openSqliteEventStore } from '@billing/event-store';
import { BillingGateway, gatewayEventsPath, gatewayStatePath, openGatewayState, signAppToken } from '@billing/gateway-application';
import { type RunningGatewayHttp, startGatewayHttp } from '@billing/gateway-http';
import { createLogger, type RpcClient } from '@billing/service-host';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { startEmbedded } from '../testing/embedded';
import { SdkAnswers } from '../testing/sdk';

const SECRET = 'gateway-logs-e2e-secret-gateway-logs-e2e';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * The gateway's lines, as pino writes them to a file, for a request that fails with a 500.
 * Its cause echoes the credentials it was handed (as an HTTP client's error may): each
 * secret is in the line's reach, and none may be in it.
 */
describe('gateway logs: a failed request is logged with its stack, request id and trace id, and no secret', () => {
  let dir: string;
  let file: string;
  let runtime: PlatformRuntime;
  let http: RunningGatewayHttp;
  const serviceLines: string[] = [];
  let leaked: Error | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-logs-e2e-'));
    file = join(dir, 'gateway.log');
    runtime = await startEmbedded(dir, { LOG_LEVEL: 'debug', PAYMENT_PROVIDER: 'sandbox', GENERATION_PROVIDER: 'simulator' }, serviceLines);
    const db = openGatewayState(gatewayStatePath(dir));
    const organisationEvents = openSqliteEventStore({ path: gatewayEventsPath(dir) });
    const gateway = new BillingGateway({ rpc: failingWhenAsked(runtime.rpc, () => leaked), db, tokens: { jwtSecret: SECRET }, organisationEvents });
    const logger = createLogger('gateway', { level: 'trace', destination: pino.destination({ dest: file, sync: true }) });
    http = await startGatewayHttp({ gateway, logger, port: 0 });
    runtime.beforeStop(async () => {
      await http.close();
      await organisationEvents.close();
      db.close();
    });
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a balance read and a task creation that fail inside the gateway, then its error line has the stack and cause, the request id and trace id; no line has a key, token or webhook secret', async () => {
    const answers = new SdkAnswers(http.url);
    const token = await signAppToken(SECRET, 'lena', { now: Date.now(), ttlSeconds: 600 });
    const lena = answers.anon.as(token);
    const apiKey = String((await lena.apiKeys.create({ name: 'logged' })).key);
    const webhookSecret = String((await lena.webhookEndpoints.create({ url: 'https://hooks.example.com/billing', event_types: ['task.charged'] })).secret);
    leaked = Object.assign(new Error(`upstream refused Bearer ${apiKey} and ${token}, signed with ${webhookSecret}`), { request: { headers: { authorization: `Bearer ${apiKey}` } } });

    const asLena = (requestId: string) => ({ authorization: `Bearer ${apiKey}`, 'x-request-id': requestId, traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` });
    const read = await fetch(`${http.url}/v1/balances?api_key=${apiKey}`, { headers: asLena('logs-e2e-1') });
    expect(read.status).toBe(500);
    expect(read.headers.get('x-request-id')).toBe('logs-e2e-1');
    // Its handler runs after the body was read (on the socket's callbacks): still in the request's context.
    const create = await fetch(`${http.url}/v1/tasks`, {
      method: 'POST',
      headers: { ...asLena('logs-e2e-2'), 'content-type': 'application/json', 'idempotency-key': 'logs-e2e-2' },
      body: JSON.stringify({ model: 'seedance-2.0', duration_seconds: 5 }),
    });
    expect(create.status).toBe(500);

    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failure = parsed.find((line) => line['message'] === 'request failed');
    expect(failure).toMatchObject({ level: 'error', service: 'gateway', requestId: 'logs-e2e-1', traceId: TRACE_ID });
    const error = failure?.['error'] as { type: string; message: string; stack: string; cause: { message: string; stack: string } };
    expect(error).toMatchObject({ type: 'Error', message: 'the service did not answer' });
    expect(error.stack).toMatch(/^Error: the service did not answer\n\s+at /);
    expect(error.cause.message).toBe(`upstream refused Bearer [redacted] and [redacted], signed with whsec_[redacted]`);
    expect(error.cause.stack).toContain('at ');
    // The key's id is not secret and stays, so the line still says which key it was.
    expect(String(failure?.['url'])).toBe(`/v1/balances?api_key=${apiKey.slice(0, 'bk_'.length + 24)}_[redacted]`);
    expect(parsed.filter((line) => String(line['requestId']).startsWith('logs-e2e-')).map((line) => [line['requestId'], line['message'], line['traceId']])).toEqual([
      ['logs-e2e-1', 'request failed', TRACE_ID],
      ['logs-e2e-1', 'request', TRACE_ID],
      ['logs-e2e-2', 'request failed', TRACE_ID],
      ['logs-e2e-2', 'request', TRACE_ID],
    ]);

    const secrets = [apiKey, apiKey.slice('bk_'.length + 25), token, webhookSecret, webhookSecret.slice('whsec_'.length)];
    for (const line of [...lines, ...serviceLines]) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});

/** The platform's RPC client, but once `cause` gives an error every call fails, caused by it. */
function failingWhenAsked(rpc: RpcClient, cause: () => Error | null): RpcClient {
  return {
    call: (service, method, request, options) => {
      const failure = cause();
      if (!failure) return rpc.call(service, method, request, options);
      return Promise.reject(new Error('the service did not answer', { cause: failure }));
    },
  };
}
