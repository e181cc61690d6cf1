import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeEventHash } from '@billing/event-store';
import { readBalances, readWholeLedger } from '@billing/wallet-read-model';
import { runAuditScenario, type AuditScenario } from '../testing';
import type { AuditSource } from './audit-source';
import { balancesAsOf } from './balances-as-of';
import { createCheckpoint, verifyCheckpoints } from './checkpoint';
import { liabilityReport } from './liability';
import { runReplayAudit } from './replay-audit';
import { generateSigningKeyPair, signingKeyFromPem, verifyingKeyFromPem } from './signing-keys';
import { openSqliteAuditSource } from './sqlite-audit-source';
import { walletStatement } from './statement';

const HOUR = 3_600_000;

describe('finance audits over a history the real wallet service wrote', () => {
  let dir: string;
  let scenario: AuditScenario;
  const sources: AuditSource[] = [];
  const open = (file = join(dir, 'wallet.events.db')): AuditSource => {
    const source = openSqliteAuditSource(file, { pageSize: 7 }); // small pages: the paging is exercised too
    sources.push(source);
    return source;
  };
  const readModels = () => new Database(join(dir, 'wallet.state.db'), { readonly: true, fileMustExist: true });

  /** A copy of the store to tamper with, and a read-write handle on it. */
  const tamperedCopy = (name: string, edit: (db: Database.Database) => void): string => {
    const file = join(dir, `${name}.events.db`);
    copyFileSync(join(dir, 'wallet.events.db'), file);
    const db = new Database(file);
    edit(db);
    db.close();
    return file;
  };
  const rowOf = (db: Database.Database, stream: string, revision: number) =>
    db.prepare<[string, number], { position: number; data: string }>('SELECT position, data FROM events WHERE stream_name = ? AND revision = ?').get(stream, revision);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'finance-audit-'));
    scenario = await runAuditScenario(dir);
    expect(existsSync(join(dir, 'wallet.events.db-wal'))).toBe(false);
  }, 60_000);
  afterAll(async () => {
    for (const source of sources) await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the live read models, when every stream is replayed, then nothing is found and every balance row is reproduced', async () => {
    const db = readModels();
    const { report, wallets } = await runReplayAudit(open(), { readModels: db, now: scenario.end });
    const rows = readBalances(db);
    const ledger = readWholeLedger(db);
    db.close();
    expect(report.findings).toEqual([]);
    expect(report.readModels?.compared).toBe(true);
    expect(report.wallets).toBe(4);
    expect(ledger.length).toBe(19);
    expect(wallets.map(({ accountId, pool, balanceMillicredits, heldMillicredits, availableMillicredits }) => ({ accountId, pool, balanceMillicredits, heldMillicredits, availableMillicredits })))
      .toEqual(rows.map(({ accountId, pool, balanceMillicredits, heldMillicredits, availableMillicredits }) => ({ accountId, pool, balanceMillicredits, heldMillicredits, availableMillicredits })));
  });

  it('given an instant, when balances are asked as of it, then they are what the wallet service answered then', async () => {
    const report = await balancesAsOf(open(), { asOf: scenario.midway });
    expect(report.findings).toEqual([]);
    for (const accountId of scenario.accounts) {
      const answered = scenario.balancesAtMidway[accountId] ?? [];
      const replayed = report.wallets.filter((w) => w.accountId === accountId).map(({ pool, balanceMillicredits, heldMillicredits, availableMillicredits }) => ({ pool, balanceMillicredits, heldMillicredits, availableMillicredits }));
      expect(replayed).toEqual(answered);
    }
  });

  it('given a period, when a statement is made, then its closing balance is the wallet balance at its end and the entries run from the opening', async () => {
    const from = scenario.t0 + 5 * 60_000;
    const to = scenario.t0 + 45 * 60_000;
    const statement = await walletStatement(open(), { accountId: 'acc-a', pool: 'api', from, to });
    const atEnd = (await balancesAsOf(open(), { asOf: to, accountId: 'acc-a', pool: 'api' })).wallets[0];
    const atStart = (await balancesAsOf(open(), { asOf: from - 1, accountId: 'acc-a', pool: 'api' })).wallets[0];
    expect(statement.findings).toEqual([]);
    expect(statement.closingBalanceMillicredits).toBe(atEnd?.balanceMillicredits);
    expect(statement.openingBalanceMillicredits).toBe(atStart?.balanceMillicredits);
    expect(statement.openingBalanceMillicredits).toBe(1_050_000);
    let running = statement.openingBalanceMillicredits;
    for (const entry of statement.entries) {
      running += entry.balanceChangeMillicredits;
      expect(entry.runningBalanceMillicredits).toBe(running);
    }
    expect(running).toBe(statement.closingBalanceMillicredits);
    expect(statement.entries.map((e) => e.type)).toEqual(['CreditsReserved', 'CreditsReserved', 'CreditsCharged', 'CreditsReleased', 'CreditsReleased', 'CreditsRefunded']);
    expect(statement.entries.find((e) => e.type === 'CreditsCharged')?.taskId).toBe('task-r1');
  });

  it('given purchases at pack prices, when the liability is reported, then it reconciles and values credits at what they were bought for', async () => {
    const report = await liabilityReport(open(), { asOf: scenario.end, from: scenario.t0 });
    const final = await balancesAsOf(open(), { asOf: scenario.end });
    expect(report.findings).toEqual([]);
    expect(report.rounding).toBe('half_even');
    for (const pool of report.pools) {
      expect(pool.reconciles).toBe(true);
      const f = pool.allTime;
      const flows = f.purchased.millicredits + f.granted.millicredits + f.refunded.millicredits - f.charged.millicredits - f.expired.millicredits - f.revoked.millicredits;
      const balances = final.wallets.filter((w) => w.pool === pool.pool).reduce((sum, w) => sum + w.balanceMillicredits, 0);
      expect(pool.outstanding.millicredits).toBe(flows);
      expect(pool.outstanding.millicredits).toBe(balances);
    }
    const api = report.pools.find((p) => p.pool === 'api');
    const app = report.pools.find((p) => p.pool === 'app');
    expect(api?.outstanding.valueCents).toEqual({ USD: 7_092 });
    expect(api?.revenueRecognisedCents).toEqual({ USD: 748 });
    expect(api?.period.revoked).toEqual({ millicredits: 2_900_000, valueCents: { USD: 18_560 } });
    expect(app?.breakage.millicredits).toBe(80_000);
    expect(app?.outstanding).toEqual({ millicredits: 300_000, valueCents: { USD: 2_400 }, purchasedMillicredits: 300_000, grantedMillicredits: 0 });
    const later = await liabilityReport(open(), { asOf: scenario.end, from: scenario.t0 + 35 * 60_000 });
    const laterApi = later.pools.find((p) => p.pool === 'api');
    expect(laterApi?.reconciles).toBe(true);
    expect(laterApi?.opening.millicredits).toBe(1_050_000 - 70_000 + 3_000_000 - 100_000);
    expect(laterApi?.revenueRecognisedCents).toEqual({ USD: -36 });
  });

  describe('given a copy of the store that someone edited', () => {
    const chainFindings = async (file: string) => {
      const { report } = await runReplayAudit(open(file), { now: scenario.end });
      return report.findings.filter((f) => f.kind === 'chain').map(({ streamName, revision, rule }) => ({ streamName, revision, rule }));
    };

    it('when an event’s data was changed, then the replay reports that stream and revision', async () => {
      const file = tamperedCopy('data', (db) => {
        const row = rowOf(db, 'wallet-acc-a-api.202603', 5);
        expect(row?.data).toContain('"millicredits":70000');
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row?.data.replace('"millicredits":70000', '"millicredits":7000'), row?.position);
      });
      expect(await chainFindings(file)).toEqual([{ streamName: 'wallet-acc-a-api.202603', revision: 5, rule: 'hash_mismatch' }]);
    });

    it('when two events swapped places, then the replay reports the stream and the revisions out of order', async () => {
      const file = tamperedCopy('order', (db) => {
        const a = rowOf(db, 'wallet-acc-a-api.202603', 3);
        const b = rowOf(db, 'wallet-acc-a-api.202603', 4);
        db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a?.position);
        db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a?.position, b?.position);
        db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b?.position);
      });
      const found = await chainFindings(file);
      expect(found).toContainEqual({ streamName: 'wallet-acc-a-api.202603', revision: 3, rule: 'revision_gap' });
      expect(found).toContainEqual({ streamName: 'wallet-acc-a-api.202603', revision: 3, rule: 'previous_hash_mismatch' });
      expect(found.every((f) => f.streamName === 'wallet-acc-a-api.202603')).toBe(true);
    });

    it('when an event was deleted, then the replay reports the missing revision of that stream', async () => {
      const file = tamperedCopy('deleted', (db) => {
        db.prepare('DELETE FROM events WHERE position = ?').run(rowOf(db, 'wallet-acc-b-with-dash-api.202603', 2)?.position);
      });
      expect(await chainFindings(file)).toEqual([
        { streamName: 'wallet-acc-b-with-dash-api.202603', revision: 2, rule: 'revision_gap' },
        { streamName: 'wallet-acc-b-with-dash-api.202603', revision: 3, rule: 'previous_hash_mismatch' },
      ]);
    });

    it('when an event was inserted inside a stream, then the replay reports the stream from that revision', async () => {
      const file = tamperedCopy('inserted', (db) => {
        const stream = 'wallet-acc-c-app.202603';
        db.prepare('UPDATE events SET revision = revision + 1000 WHERE stream_name = ? AND revision >= 2').run(stream);
        db.prepare('UPDATE events SET revision = revision - 999 WHERE stream_name = ? AND revision >= 1000').run(stream);
        const first = db.prepare<[string], Record<string, unknown>>('SELECT * FROM events WHERE stream_name = ? AND revision = 1').get(stream) ?? {};
        const data = JSON.stringify({ grantId: 'forged', millicredits: 9_000_000, source: { kind: 'promotion', reference: 'x' }, expiresAt: null, at: scenario.t0 });
        db.prepare('INSERT INTO events (position, stream_name, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash) VALUES ((SELECT MAX(position) + 1 FROM events), ?, ?, 2, ?, ?, 1, ?, ?, ?, ?, ?)')
          .run(stream, first['stream_id'], 'forged-event', 'CreditsGranted', data, '{}', scenario.t0, String(first['hash']), 'f'.repeat(64));
      });
      const found = await chainFindings(file);
      expect(found).toContainEqual({ streamName: 'wallet-acc-c-app.202603', revision: 3, rule: 'hash_mismatch' });
      expect(found.every((f) => f.streamName === 'wallet-acc-c-app.202603')).toBe(true);
    });

    it('when a well-hashed event was appended behind the service’s back, then the read models disagree with the replay for that stream', async () => {
      let revision = -1;
      const file = tamperedCopy('appended', (db) => {
        const stream = 'wallet-acc-c-app.202603';
        const head = db.prepare<[string], Record<string, unknown>>('SELECT * FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1').get(stream) ?? {};
        revision = Number(head['revision']) + 1;
        const dataJson = JSON.stringify({ grantId: 'forged', millicredits: 9_000_000, source: { kind: 'promotion', reference: 'x' }, expiresAt: null, at: scenario.end });
        const hash = computeEventHash({ streamName: stream, revision, eventId: 'forged-event', type: 'CreditsGranted', schemaVersion: 1, dataJson, metadataJson: '{}', recordedAt: scenario.end, previousHash: String(head['hash']) });
        db.prepare('INSERT INTO events (stream_name, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)')
          .run(stream, head['stream_id'], revision, 'forged-event', 'CreditsGranted', dataJson, '{}', scenario.end, String(head['hash']), hash);
      });
      const db = readModels();
      const { report } = await runReplayAudit(open(file), { readModels: db, now: scenario.end });
      db.close();
      expect(report.findings.filter((f) => f.kind === 'chain')).toEqual([]);
      expect(report.findings.map(({ streamName, revision: at, rule }) => ({ streamName, revision: at, rule }))).toEqual([
        { streamName: 'wallet-acc-c-app.202603', revision, rule: 'not_in_read_models' },
      ]);
    });
  });

  describe('given a signed checkpoint of the day', () => {
    const keys = generateSigningKeyPair();
    const signingKey = signingKeyFromPem(keys.privateKeyPem);
    const verifyingKey = verifyingKeyFromPem(keys.publicKeyPem);
    const nextDay = () => scenario.t0 + 25 * HOUR;

    it('when the history is unchanged, then it verifies; when a stream was rewritten before it with a sound chain, then verify names the stream', async () => {
      const { checkpoint, findings } = await createCheckpoint(open(), { period: 'day', now: nextDay(), signingKey, verifyingKey });
      expect(findings).toEqual([]);
      expect(checkpoint.periodEnd).toBe(new Date(scenario.t0 + 24 * HOUR - 1).toISOString());
      const wallets = ['acc-a-api', 'acc-a-app', 'acc-b-with-dash-api', 'acc-c-app'];
      expect(checkpoint.heads.map((h) => h.streamName)).toEqual([...wallets.map((w) => `wallet-${w}.202603`), ...wallets.map((w) => `walletperiods-${w}`)]);
      expect(await verifyCheckpoints(open(), [{ name: 'day', checkpoint }], verifyingKey)).toEqual([]);

      const rewritten = tamperedCopy('rewritten', (db) => rewriteStream(db, 'wallet-acc-b-with-dash-api.202603', '"millicredits":3000000', '"millicredits":3500000'));
      const { report } = await runReplayAudit(open(rewritten), { now: scenario.end });
      expect(report.findings.filter((f) => f.kind === 'chain')).toEqual([]);
      const found = await verifyCheckpoints(open(rewritten), [{ name: 'day', checkpoint }], verifyingKey);
      expect(found.map(({ streamName, rule }) => ({ streamName, rule }))).toEqual([{ streamName: 'wallet-acc-b-with-dash-api.202603', rule: 'rewritten_before_checkpoint' }]);

      const other = verifyingKeyFromPem(generateSigningKeyPair().publicKeyPem);
      expect((await verifyCheckpoints(open(), [{ name: 'day', checkpoint }], other)).map((f) => f.rule)).toEqual(['checkpoint_signature']);
      const forged = { ...checkpoint, heads: checkpoint.heads.slice(1) };
      expect((await verifyCheckpoints(open(), [{ name: 'forged', checkpoint: forged }], verifyingKey)).map((f) => f.rule)).toEqual(['checkpoint_signature']);
    });
  });
});

/** Rewrites the first event of a stream that holds `from` and re-chains every later one, as a careful forger would. */
function rewriteStream(db: Database.Database, stream: string, from: string, to: string): void {
  const rows = db.prepare<[string], Record<string, string | number>>('SELECT * FROM events WHERE stream_name = ? ORDER BY revision').all(stream);
  let previousHash = '0'.repeat(64);
  const rewritten = rows.findIndex((row) => String(row['data']).includes(from));
  for (const [index, row] of rows.entries()) {
    const dataJson = index === rewritten ? String(row['data']).replace(from, to) : String(row['data']);
    const hash = computeEventHash({
      streamName: stream,
      revision: Number(row['revision']),
      eventId: String(row['event_id']),
      type: String(row['type']),
      schemaVersion: Number(row['schema_version']),
      dataJson,
      metadataJson: String(row['metadata']),
      recordedAt: Number(row['recorded_at']),
      previousHash,
    });
    db.prepare('UPDATE events SET data = ?, previous_hash = ?, hash = ? WHERE position = ?').run(dataJson, previousHash, hash, row['position']);
    previousHash = hash;
  }
}
