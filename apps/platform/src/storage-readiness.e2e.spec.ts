import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAppToken } from '@billing/gateway-application';
import { eventually, eventuallyValue, startPlatformChild } from '@billing/util/testing';
import { frontDoorTestEnvironment } from './testing';
import { BillingClient } from '@billing/sdk';
import { type HttpAnswer, HttpClient } from './testing/http-client';
import { confirmedOrder } from './testing/orders';

const SECRET = 'storage-readiness-e2e-secret-0123456789';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
/** Outcomes come 1.5 to 2.5 s after dispatch: the tasks created just before the fault get theirs while writes fail. */
const SLOW_SIMULATOR = { SIMULATOR_LATENCY_MIN_MS: '1500', SIMULATOR_LATENCY_MAX_MS: '2500' };

/**
 * A real write fault, no root needed: the file-size limit (RLIMIT_FSIZE) of the platform's
 * process set to one byte, so every write to its files fails (EFBIG: SQLite's disk I/O
 * error) while reads go on; `unlimited` lifts it again.
 */
const limitFileWrites = (pid: number, limit: '1' | 'unlimited') => execFileSync('prlimit', ['--pid', String(pid), `--fsize=${limit}:`]);

/** `npm start` without the dashboard build: the embedded platform and its front door, in a child process of its own. */
const startPlatform = (dir: string, output: string[]) => startPlatformChild({ ...frontDoorTestEnvironment(dir, SECRET), ...SLOW_SIMULATOR, LOG_LEVEL: 'warn' }, output);

const isStorageProblem = (answer: HttpAnswer): boolean =>
  [503, 507].includes(answer.status) && answer.body['type'] !== undefined && /storage/.test(String(answer.body['type'])) && /^\d+$/.test(answer.headers.get('retry-after') ?? '');

describe('the embedded platform when its storage refuses writes for a while', () => {
  let dir: string;
  let platform: { child: ChildProcess; url: string } | undefined;
  const output: string[] = [];

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'storage-readiness-'))));
  afterEach(async () => {
    if (platform && platform.child.exitCode === null) {
      const exited = new Promise((done) => platform?.child.once('exit', done));
      platform.child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('given writes failing, then readiness goes false and writes answer 503/507 storage problems with Retry-After; when writes succeed again it recovers without a restart and every task ends', async () => {
    platform = await startPlatform(dir, output);
    const pid = platform.child.pid;
    if (pid === undefined) throw new Error('no platform process');
    const anon = new HttpClient(platform.url);
    const token = await signAppToken(SECRET, `storage-${Date.now()}`, { now: Date.now(), ttlSeconds: 3_600 });
    const user = anon.as(token);
    await confirmedOrder(new BillingClient({ baseUrl: platform.url, credential: token }), { kind: 'pack', pack_id: 'api-3000' });
    await eventuallyValue(() => user.get<{ balances: { pool: string; available: number }[] }>('/v1/balances'), (a) => a.body.balances?.some((b) => b.pool === 'api' && b.available === 3000), 'the pack in the api pool');
    const created = await user.post('/v1/api-keys', { name: 'storage e2e' });
    expect(created.status).toBe(201);
    const key = anon.as(String(created.body['key']));
    expect((await anon.get('/health/ready')).status).toBe(200);

    // Tasks at the provider when the fault starts: their outcomes arrive while nothing can be written.
    const before: string[] = [];
    for (let i = 0; i < 4; i++) {
      const task = await key.post('/v1/tasks', RENDER, { 'Idempotency-Key': `before-${i}` });
      expect(task.status).toBe(201);
      before.push(String(task.body['id']));
    }
    limitFileWrites(pid, '1');
    let failing: HttpAnswer[];
    try {
      const refused = await eventuallyValue(() => key.post('/v1/tasks', RENDER, { 'Idempotency-Key': `during-${Date.now()}` }), isStorageProblem, 'a task refused for storage', 20_000);
      expect(refused.body).toMatchObject({ status: refused.status, storage: { service: 'tasks' } });
      const notReady = await eventuallyValue(() => anon.get('/health/ready'), (a) => a.status === 503, 'readiness false', 20_000);
      expect(notReady.body).toMatchObject({ ready: false });
      failing = [await user.post('/v1/orders', { kind: 'pack', pack_id: 'api-300' }), await key.post('/v1/tasks', RENDER, { 'Idempotency-Key': 'during-last' })];
      // Outcomes keep arriving meanwhile: they wait, unrecorded, for the store.
      await new Promise((r) => setTimeout(r, 3_000));
    } finally {
      limitFileWrites(pid, 'unlimited');
    }
    expect(failing.map((a) => ({ status: a.status, storage: isStorageProblem(a), title: a.body['title'] }))).toEqual(failing.map((a) => ({ status: a.status, storage: true, title: 'Storage unavailable' })));
    const recoveredAt = performance.now();
    await eventuallyValue(() => anon.get('/health/ready'), (a) => a.status === 200, 'readiness back without a restart', 20_000);

    // No outcome lost: every task created before the fault ends, long before its 10-minute time-out.
    await eventually(async () => {
      const views = await Promise.all(before.map((id) => key.get(`/v1/tasks/${id}`)));
      return views.every((v) => ['charged', 'released'].includes(String(v.body['status'])));
    }, 'the tasks of before the fault ended', 20_000);
    for (const id of before) expect((await key.get(`/v1/tasks/${id}`)).body['end_reason']).not.toBe('timed_out');
    expect(output.filter((line) => line.includes('a generation outcome was not recorded; it is delivered again')).length).toBeGreaterThan(0);
    const after = await key.post('/v1/tasks', RENDER, { 'Idempotency-Key': 'after' });
    expect(after.status).toBe(201);
    expect((await user.post('/v1/orders', { kind: 'pack', pack_id: 'api-300' })).status).toBe(201);
    process.stdout.write(`storage fault: writes answered ${failing.map((a) => a.status).join(', ')}; ready again and every task ended within ${Math.round(performance.now() - recoveredAt)} ms of writes succeeding\n`);
    expect(platform.child.exitCode).toBeNull();
  }, 90_000);
});
