import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ACCOUNT_ID_PATTERN, jwtSecretPath, readJwtSecret, signAppToken } from '@billing/gateway-application';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../command';

const DEFAULT_HOURS = 24;

/**
 * `billing token`: a signed-in app user's token for the embedded platform, signed with the
 * secret it generated in `DATA_DIR/jwt-secret`. Refused in production and wherever that
 * file does not exist (a deployment with its own JWT_SECRET or JWKS issues its own tokens).
 */
export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'issue an app user token for the embedded platform (refused in production)',
  usage: 'npm run billing -- token --account <id> [--organisation <id>] [--email <address>] [--role finance] [--hours <n>] [--data-dir <dir>]   (default: DATA_DIR, else ./data; --organisation: one the user was invited to, default their own; --email: the address members are listed with)',
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: { account: { type: 'string' }, organisation: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, hours: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const account = values.account;
    if (account === undefined || !ACCOUNT_ID_PATTERN.test(account)) throw new UsageError('--account <id> is required: 1-128 letters, digits, ".", "_", ":" or "-"');
    const organisation = values.organisation;
    if (organisation !== undefined && !ACCOUNT_ID_PATTERN.test(organisation)) throw new UsageError('--organisation <id>: 1-128 letters, digits, ".", "_", ":" or "-"');
    const email = values.email;
    if (email !== undefined && !/^[^\s@]{1,64}@[^\s@]{1,189}$/.test(email)) throw new UsageError('--email <address>: an email address');
    if (values.role !== undefined && values.role !== 'finance') throw new UsageError(`--role must be finance, got ${JSON.stringify(values.role)}`);
    const hours = values.hours === undefined ? DEFAULT_HOURS : Number(values.hours);
    if (!/^\d{1,4}$/.test(values.hours ?? '24') || hours < 1 || hours > 720) throw new UsageError('--hours must be a whole number from 1 to 720');
    if ((context.env['BILLING_ENV'] ?? '').trim().toLowerCase() === 'production') {
      context.stderr('billing token: refused: BILLING_ENV=production. Tokens come from your identity provider there, not from this command.\n');
      return EXIT_FAILED;
    }
    const dataDir = resolve(values['data-dir'] || context.env['DATA_DIR'] || 'data');
    const path = jwtSecretPath(dataDir);
    if (!existsSync(path)) {
      context.stderr(noSecret(dataDir, path));
      return EXIT_FAILED;
    }
    const token = await signAppToken(readJwtSecret(path), account, {
      ...(values.role === 'finance' ? { role: 'finance' as const } : {}),
      ...(organisation === undefined ? {} : { organisationId: organisation }),
      ...(email === undefined ? {} : { email }),
      now: context.now(),
      ttlSeconds: hours * 3600,
    });
    context.stdout(`${token}\n`);
    return EXIT_OK;
  },
};

/** The usual cause: the platform runs on another DATA_DIR than this command looked in. */
function noSecret(dataDir: string, path: string): string {
  return [
    `billing token: refused: no embedded platform secret in DATA_DIR ${dataDir} (${path} does not exist).`,
    '  Pass the same DATA_DIR as `./dev start` (or `npm start`) was given: DATA_DIR=<dir> npm run -s billing -- token ..., or --data-dir <dir>.',
    '  The platform writes the secret there when it starts without JWT_SECRET or JWT_JWKS_URL; with either set, tokens come from that secret or your identity provider instead.\n',
  ].join('\n');
}
