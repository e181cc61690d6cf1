import { createHash, randomUUID } from 'node:crypto';
import type { Caller, RequestContext } from './caller';
import { idempotencyCredentialOf } from './idempotency';

/**
 * A new id, or one derived from the Idempotency-Key and the credential that sent it: then
 * a retry after a lost answer names the same task or order, and the service answers what
 * it already has; another credential's same key never names it.
 */
export function idFor(kind: string, caller: Caller, context: RequestContext): string {
  if (!context.idempotencyKey) return `${kind}_${randomUUID().replace(/-/g, '')}`;
  const digest = createHash('sha256').update(`${kind}\u0000${caller.accountId}\u0000${idempotencyCredentialOf(caller)}\u0000${context.idempotencyKey}`).digest('hex');
  return `${kind}_${digest.slice(0, 32)}`;
}
