import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signAppToken } from '@billing/gateway-application';
import type { GetBalancesResponse } from '@billing/gateway-grpc';
import { BillingGrpcClient } from '@billing/gateway-grpc/testing';
import { GatewayProcess } from '../distributed/gateway-process';
import { ServiceProcesses } from '../distributed/service-processes';
import { eventuallyValue } from '@billing/util/testing';
import { HttpClient } from '../testing/http-client';
import { callerTraceparent, OtlpReceiver, traceOf } from '../testing/traces';
import { kafkaBrokers } from '../testing';

const ROOT = resolve(__dirname, '../../../..');
const SECRET = 'distributed-gateway-e2e-secret-0123456789';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };

interface Balance {
  pool: string;
  balance: number;
  held: number;
  available: number;
}

async function grpcBalances(address: string, token: string): Promise<GetBalancesResponse> {
  const client = new BillingGrpcClient(address);
  try {
    return await client.getBalances(token);
  } finally {
    client.close();
  }
}

/*
 * The distributed deployment as processes: pricing, wallet (with finance beside it),
 * purchase and tasks, one child process each over the real broker, and the gateway
 * process in front of them (apps/gateway/src/main.ts), reached over HTTP and gRPC only.
 */
describe('the distributed gateway: its own process in front of the four service processes over Kafka', () => {
  let dir: string;
  let processes: ServiceProcesses;
  let gateway: GatewayProcess | undefined;
  // Every process exports its spans over OTLP to this in-memory collector.
  let traces: OtlpReceiver;
  const logs: string[] = [];

  /**
   * On a broker that has just started, kafkajs's createTopics can answer its wait for leaders
   * with "This server does not host this topic-partition" (tulios/kafkajs#815), and the
   * process exits at start-up; a deployment restarts it (compose: restart: unless-stopped),
   * and so does this test, at most twice, saying so in the logs.
   */
  async function withRestarts<T>(name: string, start: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await start();
      } catch (error) {
        if (attempt === 3) throw error;
        logs.push(`[test] ${name} did not start (attempt ${attempt}: ${String(error)}); starting it again`);
      }
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-kafka-e2e-'));
    traces = await OtlpReceiver.start();
    processes = new ServiceProcesses({
      root: ROOT,
      dataDir: dir,
      brokers: kafkaBrokers(),
      env: { LOG_LEVEL: 'warn', ...traces.env },
      onLine: (service, line) => logs.push(`[${service}] ${line}`),
    });
    const env = { JWT_SECRET: SECRET, PORT: '0', GRPC_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...traces.env, OTEL_SERVICE_NAME: 'billing-gateway' };
    const starting = withRestarts('gateway', () => GatewayProcess.start({ root: ROOT, dataDir: dir, brokers: kafkaBrokers(), env, onLine: (line) => logs.push(`[gateway] ${line}`) }));
    const services = (async () => {
      for (const service of ['pricing', 'wallet', 'purchase', 'tasks'] as const) {
        await withRestarts(service, async () => {
          try {
            await processes.start(service);
          } catch (error) {
            await processes.stop(service);
            throw error;
          }
        });
      }
    })().then(
      () => undefined,
      (error: unknown) => String(error),
    );
    gateway = await starting.catch((error: unknown) => {
      logs.push(`[gateway] ${String(error)}`);
      return undefined;
    });
    const failed = await services;
    if (failed !== undefined || !gateway) throw new Error(`the platform did not start (${failed ?? 'gateway'}):\n${logs.join('\n')}`);
  }, 150_000);

  afterAll(async () => {
    await gateway?.stop();
    await processes?.stopAll();
    await traces?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('token -> pack bought in the sandbox -> API key -> task -> charged, over REST; gRPC and finance (beside the wallet process) agree', async () => {
    if (!gateway) throw new Error('no gateway');
    const account = `gw-kafka-${Date.now()}`;
    const anon = new HttpClient(gateway.url.replace('localhost', '127.0.0.1'));
    const token = await signAppToken(SECRET, account, { now: Date.now(), ttlSeconds: 600 });
    const user = anon.as(token);
    const auditor = anon.as(await signAppToken(SECRET, 'gw-kafka-auditor', { role: 'finance', now: Date.now(), ttlSeconds: 600 }));
    const start = new Date(Date.now() - 1_000).toISOString();

    const ready = await eventuallyValue(() => anon.get('/health/ready'), (answer) => answer.status === 200, 'every service ready', 60_000);
    expect(ready.body).toMatchObject({ ready: true, services: { pricing: 'up', wallet: 'up', purchase: 'up', tasks: 'up' } });

    const order = await user.post('/v1/orders', { kind: 'pack', pack_id: 'api-1000' });
    expect(order.status).toBe(201);
    const paid = await user.post(`/v1/orders/${String(order.body['id'])}/confirm-sandbox-payment`);
    expect(paid.status).toBe(200);
    expect(paid.body['status']).toBe('paid');
    await eventuallyValue(() => user.get<{ balances: Balance[] }>('/v1/balances'), (answer) => answer.body.balances?.some((b) => b.pool === 'api' && b.available === 1000), 'the pack in the api pool', 30_000);

    const created = await user.post('/v1/api-keys', { name: 'distributed e2e' });
    expect(created.status).toBe(201);
    const key = anon.as(String(created.body['key']));
    const task = await key.post('/v1/tasks', RENDER, { 'Idempotency-Key': `${account}-task-1` });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ channel: 'api', pool: 'api', credits_reserved: 75 });
    const done = await eventuallyValue(() => key.get(`/v1/tasks/${String(task.body['id'])}`), (answer) => answer.body['status'] === 'charged', 'the task charged', 30_000);
    expect(done.body).toMatchObject({ credits_cost: 75, end_reason: 'succeeded' });
    const balances = await eventuallyValue(() => user.get<{ balances: Balance[] }>('/v1/balances'), (answer) => answer.body.balances?.some((b) => b.pool === 'api' && b.balance === 925), 'the charge in the balance', 30_000);
    expect(balances.body.balances.find((b) => b.pool === 'api')).toEqual({ pool: 'api', balance: 925, held: 0, available: 925 });

    const viaGrpc = await grpcBalances(gateway.grpcAddress.replace('localhost', '127.0.0.1'), token);
    expect(viaGrpc.pools.find((p) => p.pool === 'api')).toMatchObject({ balance: '925', held: '0', available: '925' });

    const statement = await auditor.get(`/v1/finance/statement?account=${account}&pool=api&from=${start}&to=${new Date().toISOString()}`);
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({ opening_balance: 0, closing_balance: 925, finding_count: 0 });
    expect((await user.get('/v1/finance/verify')).status).toBe(403);
    expect(logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  }, 120_000);

  it('a task created over REST with a traceparent: one trace from the gateway process through the broker to the charge, every link intact', async () => {
    if (!gateway) throw new Error('no gateway');
    const account = `gw-kafka-traced-${Date.now()}`;
    const user = new HttpClient(gateway.url.replace('localhost', '127.0.0.1'), await signAppToken(SECRET, account, { now: Date.now(), ttlSeconds: 600 }));
    const order = await user.post('/v1/orders', { kind: 'pack', pack_id: 'app-300' });
    expect((await user.post(`/v1/orders/${String(order.body['id'])}/confirm-sandbox-payment`)).status).toBe(200);
    await eventuallyValue(() => user.get<{ balances: Balance[] }>('/v1/balances'), (answer) => answer.body.balances?.some((b) => b.pool === 'app' && b.available === 300), 'the pack in the app pool', 30_000);
    const caller = callerTraceparent();

    const task = await user.post('/v1/tasks', { ...RENDER, model: 'seedance-2.0-fast' }, { traceparent: caller.traceparent });
    expect(task.status).toBe(201);
    const trace = await eventuallyValue(() => traceOf(traces.spans, caller.traceId, caller.spanId), (t) => t.names.includes('wallet-answers CreditsCharged') && t.orphans.length === 0, 'the charge in the trace, every parent exported (each process exports in batches)', 30_000);

    expect(trace.orphans).toEqual([]);
    expect(trace.roots).toEqual(['POST /v1/tasks']);
    // The purchase service may join too: it reacts to the wallet's events (auto top-up) within the same trace.
    expect(trace.services).toEqual(expect.arrayContaining(['billing-gateway', 'billing-pricing', 'billing-tasks', 'billing-wallet']));
    // The charge command crossed the broker (tasks -> wallet's command topic), and so did its event (wallet's topic -> tasks).
    expect(trace.pathOf('wallet-answers CreditsCharged')).toEqual(expect.arrayContaining(['POST /v1/tasks', 'tasks.createTask', 'task-saga TaskSucceeded', 'wallet ChargeReservation', 'wallet-answers CreditsCharged']));
  }, 60_000);
});
