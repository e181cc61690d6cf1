import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAuditScenario, type AuditScenario } from '@billing/finance-audit/testing';
import { type CliRun, runBillingProcess } from '../testing/cli-harness';

/** `billing audit ...` as a child process, as finance runs it. */
const audit = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> => runBillingProcess(['audit', ...args], env);

const CHILD_RUNS = 60_000;

describe('billing audit, run as finance runs it', () => {
  let dir: string;
  let out: string;
  let scenario: AuditScenario;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'billing-audit-'));
    out = join(dir, 'reports');
    scenario = await runAuditScenario(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given an intact history, when replayed, then exit 0 and a JSON and a CSV report with no findings', async () => {
    const run = await audit(['replay', '--data-dir', dir, '--out', out]);
    expect(run.stderr).not.toContain('finding');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/replayed \d+ events of 4 streams \(4 wallets\), read models compared: 0 finding\(s\)/);
    const files = readdirSync(out).filter((f) => f.startsWith('replay-'));
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const json = JSON.parse(readFileSync(join(out, files.find((f) => f.endsWith('.json')) ?? ''), 'utf8')) as { findingCount: number; wallets: number };
    expect(json).toMatchObject({ findingCount: 0, wallets: 4 });
    expect(readFileSync(join(out, files.find((f) => f.endsWith('.csv')) ?? ''), 'utf8')).toBe('kind,stream,revision,position,rule,message\r\n');
  }, CHILD_RUNS);

  it('given a copy with one event edited, when replayed, then exit 1 and the CSV names the stream and revision', async () => {
    const copy = join(dir, 'edited.events.db');
    copyFileSync(join(dir, 'wallet.events.db'), copy);
    const db = new Database(copy);
    db.prepare("UPDATE events SET data = replace(data, '\"millicredits\":100000', '\"millicredits\":10000') WHERE stream_name = 'wallet-acc-b-with-dash-api.202603' AND revision = 3").run();
    db.close();
    const tamperedOut = join(dir, 'tampered-reports');
    const run = await audit(['replay', '--events', copy, '--state', join(dir, 'wallet.state.db'), '--out', tamperedOut, '--format', 'csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('finding: chain hash_mismatch at wallet-acc-b-with-dash-api.202603@3');
    const [csv] = readdirSync(tamperedOut);
    expect(csv).toMatch(/\.csv$/);
    expect(readFileSync(join(tamperedOut, csv ?? ''), 'utf8')).toContain('chain,wallet-acc-b-with-dash-api.202603,3,');
  }, CHILD_RUNS);

  it('given a statement, balances and liability asked for, then each writes its files and exits 0', async () => {
    const statement = await audit(['statement', '--data-dir', dir, '--out', out, '--account', 'acc-a', '--pool', 'api', '--from', new Date(scenario.t0).toISOString(), '--to', String(scenario.end)]);
    expect(statement.code).toBe(0);
    expect(statement.stdout).toContain('statement of wallet-acc-a-api: opening 0,');
    const balances = await audit(['balances', '--data-dir', dir, '--out', out, '--as-of', new Date(scenario.midway).toISOString(), '--format', 'json']);
    expect(balances.code).toBe(0);
    const liability = await audit(['liability', '--data-dir', dir, '--out', out, '--as-of', String(scenario.end)]);
    expect(liability.code).toBe(0);
    expect(liability.stdout).toContain('api: outstanding 985000 millicredits, {"USD":7092} cents; reconciles: yes');
    const csv = readFileSync(join(out, readdirSync(out).find((f) => f.startsWith('statement-') && f.endsWith('.csv')) ?? ''), 'utf8').trim().split('\r\n');
    expect(csv.at(-1)).toMatch(/closing_balance,,,,985000,/);
  }, CHILD_RUNS);

  it('given a key pair, when a day is checkpointed and verified, then exit 0; against another key, exit 1', async () => {
    const keys = join(dir, 'keys');
    expect((await audit(['keygen', '--out', keys])).code).toBe(0);
    const env = { AUDIT_SIGNING_KEY_FILE: join(keys, 'audit-signing-key.pem'), AUDIT_VERIFY_KEY_FILE: join(keys, 'audit-verifying-key.pem') };
    const checkpoint = await audit(['checkpoint', '--data-dir', dir, '--out', join(dir, 'checkpoints'), '--period', 'day'], env);
    expect(checkpoint.code).toBe(0);
    // Four wallets: each its period's books and its list of periods.
    expect(checkpoint.stdout).toMatch(/checkpoint of 8 streams at/);
    const verify = await audit(['verify', '--data-dir', dir, '--out', out, '--checkpoints', join(dir, 'checkpoints')], env);
    expect(verify.code).toBe(0);
    const otherKeys = join(dir, 'other-keys');
    await audit(['keygen', '--out', otherKeys]);
    const wrong = await audit(['verify', '--data-dir', dir, '--out', out, '--checkpoints', join(dir, 'checkpoints'), '--public-key', join(otherKeys, 'audit-verifying-key.pem')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('checkpoint_signature');
  }, CHILD_RUNS);

  it('given --key or --public-key empty, unreadable or holding the wrong key, then one line naming the option and what it expects, and exit 2', async () => {
    const keys = join(dir, 'key-errors');
    expect((await audit(['keygen', '--out', keys])).code).toBe(0);
    const checkpoint = (key: string) => audit(['checkpoint', '--data-dir', dir, '--out', join(keys, 'checkpoints'), '--period', 'day', '--key', key]);
    const verify = (key: string) => audit(['verify', '--data-dir', dir, '--out', keys, '--checkpoint', join(keys, 'checkpoint-day-2026-01-01.json'), '--public-key', key]);
    const missing = join(keys, 'missing.pem');
    const runs = [
      [await checkpoint(''), '--key needs the file of the Ed25519 private key (PEM) that `audit keygen` writes as audit-signing-key.pem, got an empty value'],
      [await checkpoint(missing), `--key needs the file of the Ed25519 private key (PEM) that \`audit keygen\` writes as audit-signing-key.pem; cannot read "${missing}" (ENOENT)`],
      [await checkpoint(join(keys, 'audit-verifying-key.pem')), `--key "${join(keys, 'audit-verifying-key.pem')}" must hold the Ed25519 private key (PEM) that \`audit keygen\` writes as audit-signing-key.pem, and does not`],
      [await verify(''), '--public-key needs the file of the Ed25519 public key (PEM) that `audit keygen` writes as audit-verifying-key.pem, got an empty value'],
    ] as const;
    for (const [run, message] of runs) {
      expect(run.stderr).toContain(`billing audit: ${message}`);
      expect(run.stderr).not.toContain("open ''");
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.code).toBe(2);
    }
  }, CHILD_RUNS);

  it('given no subcommand or a missing store, then one line on stderr and exit 2', async () => {
    expect((await audit([])).code).toBe(2);
    const missing = await audit(['replay', '--data-dir', join(dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^billing audit: no event store at /);
  }, CHILD_RUNS);
});
