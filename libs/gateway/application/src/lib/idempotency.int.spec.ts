import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from './caller';
import { openGatewayState } from './gateway-state';
import { IdempotencyStore, requestFingerprint } from './idempotency';

const app: Caller = { accountId: 'acct-1', channel: 'app', role: 'user' };
const keyA: Caller = { accountId: 'acct-1', channel: 'api', role: 'user', keyId: 'a'.repeat(24) };
const keyB: Caller = { accountId: 'acct-1', channel: 'api', role: 'user', keyId: 'b'.repeat(24) };
const other: Caller = { accountId: 'acct-2', channel: 'api', role: 'user', keyId: 'c'.repeat(24) };
const fingerprint = requestFingerprint('POST', '/v1/tasks', { model: 'm', duration_seconds: 5 });

describe('IdempotencyStore: a key belongs to its account and the credential that first sent it', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gateway-idempotency-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a key used by one API key, when the app user or another key of the account sends it, then 422 and nothing runs; the same key replays', async () => {
    const store = new IdempotencyStore(openGatewayState(join(dir, 'state.db')));
    let runs = 0;
    const work = async () => ({ status: 201, body: { id: `task-${++runs}` } });
    expect(await store.run(keyA, 'qs-1', fingerprint, 1, work)).toEqual({ status: 201, body: { id: 'task-1' }, replayed: false });
    for (const caller of [app, keyB]) {
      await expect(store.run(caller, 'qs-1', fingerprint, 2, work)).rejects.toMatchObject({ problem: { type: 'idempotency-key-reused', status: 422 } });
    }
    expect(await store.run(keyA, 'qs-1', fingerprint, 3, work)).toEqual({ status: 201, body: { id: 'task-1' }, replayed: true });
    // Another account's key of the same text is its own.
    expect(await store.run(other, 'qs-1', fingerprint, 4, work)).toEqual({ status: 201, body: { id: 'task-2' }, replayed: false });
    expect(runs).toBe(2);
  });

  it('given two credentials sending one key at the same time, then the second is refused while the first runs', async () => {
    const store = new IdempotencyStore(openGatewayState(':memory:'));
    let finish: (value: { status: number; body: unknown }) => void = () => undefined;
    const first = store.run(app, 'k', fingerprint, 1, () => new Promise((resolve) => (finish = resolve)));
    await expect(store.run(keyA, 'k', fingerprint, 1, async () => ({ status: 201, body: {} }))).rejects.toMatchObject({ problem: { status: 422 } });
    finish({ status: 201, body: { id: 'mine' } });
    expect(await first).toMatchObject({ body: { id: 'mine' }, replayed: false });
  });

  it('given a state file from before credentials were kept, when it is opened, then its records still answer their account', async () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE idempotency_records (account_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, request_sha256 TEXT NOT NULL,
      status INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (account_id, idempotency_key))`);
    old.prepare('INSERT INTO idempotency_records VALUES (?, ?, ?, ?, ?, ?)').run('acct-1', 'old-key', fingerprint, 201, '{"id":"task-old"}', 1);
    old.close();
    const store = new IdempotencyStore(openGatewayState(path));
    expect(await store.run(keyA, 'old-key', fingerprint, 2, async () => ({ status: 201, body: {} }))).toEqual({ status: 201, body: { id: 'task-old' }, replayed: true });
    expect(await store.run(keyA, 'new-key', fingerprint, 2, async () => ({ status: 201, body: { id: 'task-new' } }))).toMatchObject({ replayed: false });
    await expect(store.run(app, 'new-key', fingerprint, 3, async () => ({ status: 201, body: {} }))).rejects.toMatchObject({ problem: { status: 422 } });
  });
});
