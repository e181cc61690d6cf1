import type { Actor } from '@billing/contracts';
import type { Caller } from './caller';

/** Who a request is made by, as tasks and orders record it: the API key it came with, else the signed-in member. */
export function actorOf(caller: Caller): Actor {
  return caller.keyId === undefined ? { kind: 'member', id: caller.accountId } : { kind: 'key', id: caller.keyId };
}
