/**
 * Who made a task or an order: one of the account's API keys (its key id) or a signed-in
 * member (their user id). Recorded as the task or order is created; events from before
 * actors were recorded carry none, and read as unknown.
 */
export interface Actor {
  readonly kind: ActorKind;
  readonly id: string;
}

export type ActorKind = 'key' | 'member';

export const ACTOR_KINDS: readonly ActorKind[] = ['key', 'member'];
