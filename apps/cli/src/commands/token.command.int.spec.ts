import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@billing/event-store';
import { ApiKeyStore, Authenticator, ensureJwtSecret, openGatewayState, Organisations } from '@billing/gateway-application';
import { runCli } from '../cli';
import type { CliContext } from '../command';
import { COMMANDS } from './index';

describe('billing token', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'token-command-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The gateway's check of a token: its signature, then the member it names in the organisation it names. */
  function authenticatorFor(secret: string) {
    const db = openGatewayState(':memory:');
    const events = openSqliteEventStore({ path: join(dataDir, 'gateway.events.db') });
    const authenticator = new Authenticator(new ApiKeyStore(db), new Organisations(events, Date.now), { jwtSecret: secret }, () => Date.now());
    return { authenticator, close: async () => { await events.close(); db.close(); } };
  }

  function run(args: readonly string[], env: NodeJS.ProcessEnv) {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env,
      now: () => Date.now(),
      newId: () => 'id',
      loadPriceBooks: () => [],
    };
    return runCli(['token', ...args], COMMANDS, context).then((code) => ({ code, stdout: out.join(''), stderr: err.join('') }));
  }

  it('given no jwt-secret in DATA_DIR, then it refuses and says how to get one', async () => {
    const result = await run(['--account', 'alice'], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${join(dataDir, 'jwt-secret')} does not exist`);
  });

  it('given the platform started with another DATA_DIR than the one passed, then no token but the DATA_DIR it looked in and how to pass the right one', async () => {
    ensureJwtSecret(dataDir);
    const elsewhere = join(dataDir, 'not-the-platforms');
    for (const result of [await run(['--account', 'alice'], { DATA_DIR: elsewhere }), await run(['--account', 'alice', '--data-dir', elsewhere], { DATA_DIR: dataDir })]) {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`no embedded platform secret in DATA_DIR ${elsewhere}`);
      expect(result.stderr).toContain('Pass the same DATA_DIR as `./dev start`');
      expect(result.stderr).toContain('--data-dir <dir>');
    }
  });

  it('given the platform’s DATA_DIR as --data-dir, then a token signed with its secret, whatever DATA_DIR says', async () => {
    const secret = ensureJwtSecret(dataDir);
    const { authenticator, close } = authenticatorFor(secret);
    const result = await run(['--account', 'alice', '--data-dir', dataDir], { DATA_DIR: join(dataDir, 'elsewhere') });
    expect(result.code).toBe(0);
    expect(await authenticator.authenticate(`Bearer ${result.stdout.trim()}`)).toEqual({ accountId: 'alice', channel: 'app', role: 'user', member: { userId: 'alice', role: 'owner' } });
    await close();
  });

  it('given BILLING_ENV=production, then it refuses even with a secret', async () => {
    ensureJwtSecret(dataDir);
    const result = await run(['--account', 'alice'], { DATA_DIR: dataDir, BILLING_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BILLING_ENV=production');
  });

  it('given the embedded platform’s secret, then the token is one the gateway accepts, for the account and role asked', async () => {
    const secret = ensureJwtSecret(dataDir);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    const { authenticator, close } = authenticatorFor(secret);
    const user = await run(['--account', 'alice'], { DATA_DIR: dataDir });
    const finance = await run(['--account', 'auditor-1', '--role', 'finance'], { DATA_DIR: dataDir });
    const elsewhere = await run(['--account', 'bob', '--organisation', 'alice'], { DATA_DIR: dataDir });
    expect(user.code).toBe(0);
    expect(await authenticator.authenticate(`Bearer ${user.stdout.trim()}`)).toEqual({ accountId: 'alice', channel: 'app', role: 'user', member: { userId: 'alice', role: 'owner' } });
    expect(await authenticator.authenticate(`Bearer ${finance.stdout.trim()}`)).toEqual({ accountId: 'auditor-1', channel: 'app', role: 'finance', member: { userId: 'auditor-1', role: 'owner' } });
    // bob is no member of alice's organisation: refused as for one that does not exist.
    await expect(authenticator.authenticate(`Bearer ${elsewhere.stdout.trim()}`)).rejects.toMatchObject({ problem: { status: 403 } });
    // With --email, the member carries the address (the organisation keeps it as theirs).
    const carol = await run(['--account', 'carol', '--email', 'carol@example.com'], { DATA_DIR: dataDir });
    expect(await authenticator.authenticate(`Bearer ${carol.stdout.trim()}`)).toEqual({
      accountId: 'carol',
      channel: 'app',
      role: 'user',
      member: { userId: 'carol', role: 'owner', email: 'carol@example.com' },
    });
    await close();
  });

  it('given bad input, then exit 2 with the reason', async () => {
    ensureJwtSecret(dataDir);
    expect((await run([], { DATA_DIR: dataDir })).code).toBe(2);
    expect((await run(['--account', 'bad id!'], { DATA_DIR: dataDir })).code).toBe(2);
    expect((await run(['--account', 'a', '--role', 'admin'], { DATA_DIR: dataDir })).code).toBe(2);
    expect((await run(['--account', 'a', '--email', 'not an address'], { DATA_DIR: dataDir })).code).toBe(2);
  });
});
