import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventuallyValue, startPlatformChild } from '@billing/util/testing';
import { signAppToken } from '@billing/gateway-application';
import { HttpClient } from './testing/http-client';
import { callerTraceparent, OtlpReceiver, traceOf } from './testing/traces';

const SECRET = 'tracing-e2e-secret-tracing-e2e-secret';

/*
 * `npm start` in a child process with OTEL_EXPORTER_OTLP_ENDPOINT set: its own entry point
 * starts the SDK and the HTTP instrumentation (which Jest's module loader would bypass in
 * this process), and exports to a collector in this test's memory.
 */
describe('traces of the embedded platform, exported over OTLP', () => {
  const output: string[] = [];
  let receiver: OtlpReceiver;
  let dir: string;
  let child: ChildProcess | undefined;
  let http: HttpClient;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    dir = mkdtempSync(join(tmpdir(), 'tracing-e2e-'));
    const started = await startPlatformChild({ ...receiver.env, DATA_DIR: dir, PORT: '0', GRPC_PORT: '0', HOST: '127.0.0.1', JWT_SECRET: SECRET, LOG_LEVEL: 'warn' }, output);
    child = started.child;
    const token = await signAppToken(SECRET, 'traced', { now: Date.now(), ttlSeconds: 3600 });
    http = new HttpClient(started.url, token);
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a task created over REST with a traceparent, then one trace under the caller runs from the request to the charge', async () => {
    const order = await http.post<{ id: string }>('/v1/orders', { kind: 'pack', pack_id: 'app-300' });
    expect((await http.post(`/v1/orders/${order.body.id}/confirm-sandbox-payment`)).status).toBe(200);
    const caller = callerTraceparent();

    const created = await http.post('/v1/tasks', { model: 'seedance-2.0-fast', duration_seconds: 5 }, { traceparent: caller.traceparent });
    expect(created.status).toBe(201);
    const trace = await eventuallyValue(() => traceOf(receiver.spans, caller.traceId, caller.spanId), (t) => t.names.includes('wallet-answers CreditsCharged') && t.orphans.length === 0, 'the charge in the trace', 30_000);

    expect(trace.orphans).toEqual([]);
    expect(trace.roots).toEqual(['POST /v1/tasks']);
    expect(trace.names).toEqual(expect.arrayContaining(['wallet.reserveCredits', 'wallet-answers CreditsReserved']));
    expect(trace.pathOf('wallet-answers CreditsCharged')).toEqual(
      expect.arrayContaining(['POST /v1/tasks', 'tasks.createTask', 'wallet ChargeReservation', 'wallet-answers CreditsCharged']),
    );
  });
});
