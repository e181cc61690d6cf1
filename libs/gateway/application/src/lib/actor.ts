import type { Actor } from '@billing/contracts';
import type { Caller } from './caller';

/** Who a request is made by, as tasks and orders record it: the API key it came with, else the signed-in member (their user id). */
export function actorOf(caller: Caller): Actor {
  if (caller.keyId !== undefined) return { kind: 'key', id: caller.keyId };
  return { kind: 'member', id: caller.member?.userId ?? caller.accountId };
}
