/*
 * bench:gateway, in one process and one run (autocannon, 2 CPUs shared with the load generator):
 * - the ceiling: a bare node:http server answering the same balance JSON;
 * - GET /v1/balances through the REST gateway of the embedded platform (every service in
 *   process, in-process bus, SQLite stores);
 * - POST /v1/tasks through the gateway (zero-latency generation simulator, funded accounts,
 *   every request a new Idempotency-Key), spread over many accounts so the concurrency
 *   limit of 6 per account is not what is measured.
 * BENCH_SECONDS sets each phase's length (default 10), BENCH_CONNECTIONS the load (default 50).
 * BENCH_LOG=info: the gateway logs every request at that level as a deployment does (JSON
 * lines on stderr, to be sent to /dev/null), instead of logging nothing.
 * TRACING=memory records every span (always-on sampling) and drops it in process.
 */
import '@billing/service-host/tracing/register';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogLevel } from '@billing/platform-config';
import { createLogger, silentLogger } from '@billing/service-host';
import pino from 'pino';
import { SignJWT } from 'jose';
import { startEmbeddedGateway } from './embedded-gateway';
import { report } from '@billing/util/testing';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const LOG_LEVEL = process.env['BENCH_LOG'] as LogLevel | undefined;
const ACCOUNTS = 100;
const SECRET = 'bench-secret-bench-secret-bench-secret';
const TASK_BODY = JSON.stringify({ model: 'seedance-2.0-fast', duration_seconds: 1 });

interface Phase {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  /** This process's CPU time (gateway, services and load generator) per request answered: steadier than the rate on a shared machine. */
  readonly cpuMicros: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    const tokens = await Promise.all(Array.from({ length: ACCOUNTS }, (_, i) => token(`bench-${i}`)));
    const balanceJson = JSON.stringify({ account_id: 'bench-0', balances: [{ pool: 'app', balance: 100000, held: 0, available: 100000 }, { pool: 'api', balance: 0, held: 0, available: 0 }] });

    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(balanceJson);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    const ceiling = await load('bare node:http balance', `${bareUrl}/v1/balances`, 'GET', tokens, false);
    await new Promise<void>((resolve) => bare.close(() => resolve()));

    const logger = LOG_LEVEL ? createLogger('gateway', { level: LOG_LEVEL, destination: pino.destination({ dest: 2, sync: false }) }) : silentLogger;
    const platform = await startEmbeddedGateway({ dir, jwtSecret: SECRET, logger, logRequests: LOG_LEVEL !== undefined, logSink: () => undefined, rateLimit: '10000000/60' });
    stops.push(() => platform.stop());
    const url = platform.url;
    await fund(url, tokens);
    const reads = await load('GET /v1/balances', `${url}/v1/balances`, 'GET', tokens, false);
    const creates = await load('POST /v1/tasks', `${url}/v1/tasks`, 'POST', tokens, true);

    const share = Math.round((reads.rps / ceiling.rps) * 1000) / 10;
    report(
      'gateway',
      {
        seconds_per_phase: SECONDS,
        log_level: LOG_LEVEL ?? 'none',
        connections: CONNECTIONS,
        accounts: ACCOUNTS,
        bare_http_rps: ceiling.rps,
        bare_http_p99_ms: ceiling.p99,
        balances_rps: reads.rps,
        balances_p50_ms: reads.p50,
        balances_p99_ms: reads.p99,
        balances_non_2xx: reads.non2xx + reads.errors,
        balances_cpu_us_per_request: reads.cpuMicros,
        balances_share_of_bare_percent: share,
        tasks_rps: creates.rps,
        tasks_p50_ms: creates.p50,
        tasks_p99_ms: creates.p99,
        tasks_non_2xx: creates.non2xx + creates.errors,
        tasks_cpu_us_per_request: creates.cpuMicros,
      },
      [
        { name: 'balance reads as a share of the bare node:http rate', target: 30, actual: share, unit: '%', direction: 'min' },
        { name: 'task creations per second, embedded', target: 3_000, actual: creates.rps, unit: 'req/s', direction: 'min' },
        { name: 'p99 of balance reads', target: 25, actual: reads.p99, unit: 'ms', direction: 'max' },
        { name: 'p99 of task creations', target: 25, actual: creates.p99, unit: 'ms', direction: 'max' },
      ],
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function token(accountId: string): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(accountId).setExpirationTime('2h').sign(new TextEncoder().encode(SECRET));
}

async function load(title: string, url: string, method: 'GET' | 'POST', tokens: readonly string[], fresh: boolean): Promise<Phase> {
  let next = 0;
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method,
        ...(method === 'POST' ? { body: TASK_BODY } : {}),
        setupRequest: (request) => {
          const bearer = tokens[next++ % tokens.length] ?? '';
          return {
            ...request,
            headers: {
              ...request.headers,
              authorization: `Bearer ${bearer}`,
              ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
              ...(fresh ? { 'idempotency-key': randomUUID() } : {}),
            },
          };
        },
      },
    ],
  });
  const used = process.cpuUsage(cpu);
  const cpuMicros = Math.round((used.user + used.system) / Math.max(1, result.requests.total));
  const phase = { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts, cpuMicros };
  console.log(`${title}: ${phase.rps} req/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms, ${cpuMicros} µs CPU per request, non-2xx ${phase.non2xx}, errors ${phase.errors}`);
  return phase;
}

/** Each account buys 100,000 App credits through the sandbox (10,000 tasks of 10 credits). */
async function fund(url: string, tokens: readonly string[]): Promise<void> {
  await Promise.all(
    tokens.map(async (bearer) => {
      const headers = { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
      const order = (await (await fetch(`${url}/v1/orders`, { method: 'POST', headers, body: JSON.stringify({ kind: 'pack', pack_id: 'app-100000' }) })).json()) as { id: string };
      const paid = await fetch(`${url}/v1/orders/${order.id}/confirm-sandbox-payment`, { method: 'POST', headers: { authorization: headers.authorization } });
      if (paid.status !== 200) throw new Error(`funding failed: ${paid.status} ${await paid.text()}`);
    }),
  );
  const deadline = Date.now() + 30_000;
  for (const bearer of tokens) {
    for (;;) {
      const balances = (await (await fetch(`${url}/v1/balances`, { headers: { authorization: `Bearer ${bearer}` } })).json()) as { balances: { pool: string; available: number }[] };
      if ((balances.balances.find((b) => b.pool === 'app')?.available ?? 0) >= 100_000) break;
      if (Date.now() > deadline) throw new Error('the purchases did not reach the wallet in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
