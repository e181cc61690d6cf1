import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walletPeriodStreamName, type BalanceCarriedForward, type WalletCommand } from '@billing/contracts';
import { charge, grant, purchase, release, reserve } from '@billing/wallet-domain/testing';
import { computeEventHash } from '@billing/event-store';
import { readBalances } from '@billing/wallet-read-model';
import { startWalletPlatform } from '../testing';
import type { AuditSource } from './audit-source';
import { liabilityReport } from './liability';
import { runReplayAudit } from './replay-audit';
import { openSqliteAuditSource } from './sqlite-audit-source';
import { walletStatement } from './statement';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** February's last hour, March's first hours. */
const FEB = Date.UTC(2026, 1, 28, 23, 0);
const MARCH = Date.UTC(2026, 2, 1);
const END = MARCH + 3 * HOUR;

/** A hold of two hours, for a task: long enough to cross the month's end. */
const hold = (reservationId: string, millicredits: number, now: number) => reserve(reservationId, millicredits, now, { ttlMillis: 2 * HOUR, taskId: `task-${reservationId}` });

describe('a period close, then a finance replay', () => {
  let dir: string;
  const sources: AuditSource[] = [];
  const open = (file = join(dir, 'wallet.events.db')): AuditSource => {
    const source = openSqliteAuditSource(file, { pageSize: 5 });
    sources.push(source);
    return source;
  };
  const readModels = () => new Database(join(dir, 'wallet.state.db'), { readonly: true, fileMustExist: true });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'finance-periods-'));
    const platform = await startWalletPlatform(dir, FEB);
    try {
      const at = async (instant: number, sends: [string, string, WalletCommand[]][]) => {
        platform.clock.set(instant);
        for (const [account, pool, commands] of sends) await platform.send(account, pool, commands);
        await platform.settle();
      };
      await at(FEB, [
        ['acc-p', 'api', [purchase('order-p1', 1_000_000, FEB), grant('grant-p1', 50_000, MARCH + HOUR, FEB), hold('r1', 30_000, FEB), hold('r2', 30_000, FEB)]],
        ['acc-q-with-dash', 'app', [purchase('order-q1', 300_000, FEB), hold('r3', 20_000, FEB)]],
      ]);
      await at(FEB + 10 * MINUTE, [['acc-q-with-dash', 'app', [charge('r3', 20_000, FEB + 10 * MINUTE)]]]);
      // March: holds opened in February end; a February charge is sent again; a grant carried over expires.
      await at(MARCH + 30 * MINUTE, [
        ['acc-p', 'api', [charge('r1', 20_000, MARCH + 30 * MINUTE), release('r2', 'failed', MARCH + 30 * MINUTE)]],
        ['acc-q-with-dash', 'app', [charge('r3', 20_000, MARCH + 30 * MINUTE), hold('r4', 50_000, MARCH + 30 * MINUTE)]],
      ]);
      platform.clock.set(END);
      await platform.host.runJob('expire-reservations');
      await platform.host.runJob('expire-grants');
      await platform.settle();
    } finally {
      await platform.stop();
    }
  }, 60_000);
  afterAll(async () => {
    for (const source of sources) await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reproduces every balance the read models show, reports nothing, and keeps one wallet across its periods', async () => {
    const db = readModels();
    const { report, wallets } = await runReplayAudit(open(), { readModels: db, now: END });
    const rows = readBalances(db);
    db.close();
    expect(report.findings).toEqual([]);
    expect(report.wallets).toBe(2);
    expect(report.streams).toBe(4);
    const figures = (list: readonly { accountId: string; pool: string; balanceMillicredits: number; heldMillicredits: number; availableMillicredits: number }[]) =>
      list.map(({ accountId, pool, balanceMillicredits, heldMillicredits, availableMillicredits }) => ({ accountId, pool, balanceMillicredits, heldMillicredits, availableMillicredits }));
    expect(figures(wallets)).toEqual(figures(rows));
    expect(figures(wallets)).toEqual([
      // 1,050,000 - 20,000 charged (from the grant) - the grant's other 30,000, expired in March.
      { accountId: 'acc-p', pool: 'api', balanceMillicredits: 1_000_000, heldMillicredits: 0, availableMillicredits: 1_000_000 },
      // 300,000 - 20,000 charged; the March hold lapsed and was expired by the sweeper.
      { accountId: 'acc-q-with-dash', pool: 'app', balanceMillicredits: 280_000, heldMillicredits: 0, availableMillicredits: 280_000 },
    ]);
    expect(wallets.map((w) => w.streamName)).toEqual([walletPeriodStreamName('acc-p', 'api', '202603'), walletPeriodStreamName('acc-q-with-dash', 'app', '202603')]);
  });

  it('makes a statement across both periods whose entries run from the opening to the closing balance', async () => {
    const statement = await walletStatement(open(), { accountId: 'acc-p', pool: 'api', from: FEB, to: END });
    expect(statement.findings).toEqual([]);
    expect(statement.openingBalanceMillicredits).toBe(0);
    expect(statement.closingBalanceMillicredits).toBe(1_000_000);
    expect(statement.entries.map((e) => e.type)).toEqual([
      'CreditsPurchased', 'CreditsGranted', 'CreditsReserved', 'CreditsReserved', 'CreditsCharged', 'CreditsReleased', 'CreditsReleased', 'CreditsExpired',
    ]);
    const march = await walletStatement(open(), { accountId: 'acc-p', pool: 'api', from: MARCH, to: END });
    expect(march.openingBalanceMillicredits).toBe(1_050_000);
    expect(march.entries.at(-1)?.runningBalanceMillicredits).toBe(1_000_000);
    const liability = await liabilityReport(open(), { asOf: END, from: MARCH });
    expect(liability.findings).toEqual([]);
    expect(liability.pools.every((pool) => pool.reconciles)).toBe(true);
  });

  describe('given a copy of the store someone appended to, with sound hashes', () => {
    const appended = (name: string, stream: string, type: string, data: unknown, recordedAt: number): string => {
      const file = join(dir, `${name}.events.db`);
      copyFileSync(join(dir, 'wallet.events.db'), file);
      const db = new Database(file);
      db.prepare('INSERT OR IGNORE INTO streams (stream_name) VALUES (?)').run(stream);
      const { stream_id } = db.prepare<[string], { stream_id: number }>('SELECT stream_id FROM streams WHERE stream_name = ?').get(stream) ?? { stream_id: 0 };
      const head = db.prepare<[string], { revision: number; hash: string }>('SELECT revision, hash FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1').get(stream);
      const revision = (head?.revision ?? -1) + 1;
      const previousHash = head?.hash ?? '0'.repeat(64);
      const dataJson = JSON.stringify(data);
      const hash = computeEventHash({ streamName: stream, revision, eventId: `forged-${name}`, type, schemaVersion: 1, dataJson, metadataJson: '{}', recordedAt, previousHash });
      db.prepare('INSERT INTO events (stream_name, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)')
        .run(stream, stream_id, revision, `forged-${name}`, type, dataJson, '{}', recordedAt, previousHash, hash);
      db.close();
      return file;
    };
    const openingOf = (db: string, stream: string): BalanceCarriedForward['data'] => {
      const source = new Database(db, { readonly: true });
      const row = source.prepare<[string], { data: string }>('SELECT data FROM events WHERE stream_name = ? AND revision = 0').get(stream);
      source.close();
      return JSON.parse(row?.data ?? '{}') as BalanceCarriedForward['data'];
    };

    it('when April was opened with more than March closed with, then the replay names that opening', async () => {
      const march = walletPeriodStreamName('acc-p', 'api', '202603');
      const april = walletPeriodStreamName('acc-p', 'api', '202604');
      const honest = openingOf(join(dir, 'wallet.events.db'), march);
      // What March closed with, but 1,000,000 more in the balance and in its purchase.
      const forged: BalanceCarriedForward['data'] = {
        ...honest,
        period: '202604',
        previousStreamName: march,
        at: Date.UTC(2026, 3, 1),
        balanceMillicredits: 2_000_000,
        heldMillicredits: 0,
        holds: [],
        endedHolds: [],
        refunds: [],
        lots: [{ ...(honest.lots[0] as BalanceCarriedForward['data']['lots'][number]), remainingMillicredits: 2_000_000, heldMillicredits: 0 }, { ...(honest.lots[1] as BalanceCarriedForward['data']['lots'][number]), remainingMillicredits: 0, heldMillicredits: 0 }],
      };
      const file = appended('forged-opening', april, 'BalanceCarriedForward', forged, END + HOUR);
      const { report } = await runReplayAudit(open(file), { now: END + HOUR });
      expect(report.findings.map(({ kind, streamName, revision, rule }) => ({ kind, streamName, revision, rule }))).toEqual([
        { kind: 'event', streamName: april, revision: 0, rule: 'opening_matches_closing' },
      ]);
      expect(report.findings[0]?.message).toContain('balanceMillicredits, lots');
      // The balances still follow the movements: a forged opening moves nothing.
      const { wallets } = await runReplayAudit(open(file), { now: END + HOUR, accountId: 'acc-p' });
      expect(wallets[0]?.balanceMillicredits).toBe(1_000_000);
    });

    it('when an event was added to February after March opened, then the replay names the closed period', async () => {
      const feb = walletPeriodStreamName('acc-q-with-dash', 'app', '202602');
      const data = { grantId: 'forged', millicredits: 5_000, source: { kind: 'promotion', reference: 'x' }, expiresAt: null, at: FEB };
      const file = appended('late-february', feb, 'CreditsGranted', data, END + HOUR);
      const { report } = await runReplayAudit(open(file), { now: END + HOUR });
      expect(report.findings.map(({ streamName, rule }) => ({ streamName, rule }))).toEqual([{ streamName: feb, rule: 'closed_period_appended' }]);
    });
  });
});
