import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore, Authenticator, ensureJwtSecret, openGatewayState } from '@billing/gateway-application';
import { runCli } from '../cli';
import type { CliContext } from '../command';
import { COMMANDS } from './index';

describe('billing token', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'token-command-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

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

  it('given BILLING_ENV=production, then it refuses even with a secret', async () => {
    ensureJwtSecret(dataDir);
    const result = await run(['--account', 'alice'], { DATA_DIR: dataDir, BILLING_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BILLING_ENV=production');
  });

  it('given the embedded platform’s secret, then the token is one the gateway accepts, for the account and role asked', async () => {
    const secret = ensureJwtSecret(dataDir);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    const db = openGatewayState(':memory:');
    const authenticator = new Authenticator(new ApiKeyStore(db), { jwtSecret: secret }, () => Date.now());
    const user = await run(['--account', 'alice'], { DATA_DIR: dataDir });
    const finance = await run(['--account', 'auditor-1', '--role', 'finance'], { DATA_DIR: dataDir });
    expect(user.code).toBe(0);
    expect(await authenticator.authenticate(`Bearer ${user.stdout.trim()}`)).toEqual({ accountId: 'alice', channel: 'app', role: 'user' });
    expect(await authenticator.authenticate(`Bearer ${finance.stdout.trim()}`)).toEqual({ accountId: 'auditor-1', channel: 'app', role: 'finance' });
    db.close();
  });

  it('given bad input, then exit 2 with the reason', async () => {
    ensureJwtSecret(dataDir);
    expect((await run([], { DATA_DIR: dataDir })).code).toBe(2);
    expect((await run(['--account', 'bad id!'], { DATA_DIR: dataDir })).code).toBe(2);
    expect((await run(['--account', 'a', '--role', 'admin'], { DATA_DIR: dataDir })).code).toBe(2);
  });
});
