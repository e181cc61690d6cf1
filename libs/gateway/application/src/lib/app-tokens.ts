import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { Role } from './caller';

/** Where the embedded platform keeps the HS256 secret it generated (mode 0600) when JWT_SECRET is not set. */
export const jwtSecretPath = (dataDir: string): string => join(dataDir, 'jwt-secret');

/** The embedded platform's token secret: read from `DATA_DIR/jwt-secret`, created once (0600) when absent. */
export function ensureJwtSecret(dataDir: string): string {
  const path = jwtSecretPath(dataDir);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(path, 0o600);
  return readJwtSecret(path);
}

export function readJwtSecret(path: string): string {
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} holds no usable secret (at least 32 characters)`);
  return secret;
}

/**
 * A signed-in app user's token (HS256): `sub` is the user, `org` the organisation they act
 * in when not their own, `role` is present for finance, `email` the user's address when given.
 */
export function signAppToken(
  secret: string,
  accountId: string,
  options: { readonly role?: Role; readonly organisationId?: string; readonly email?: string; readonly now: number; readonly ttlSeconds: number },
): Promise<string> {
  const issuedAt = Math.floor(options.now / 1000);
  const claims = {
    ...(options.role === 'finance' ? { role: 'finance' } : {}),
    ...(options.organisationId === undefined ? {} : { org: options.organisationId }),
    ...(options.email === undefined ? {} : { email: options.email }),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(accountId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
