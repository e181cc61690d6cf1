import type { MemberRole } from '@billing/organisations-domain';
import type { KeyBudget, TaskStatus } from '@billing/contracts';
import type { ApiKeyTerms } from './api-keys';

/** What to render, in the gateway's terms (durations in whole milliseconds). */
export interface RenderInput {
  readonly model: string;
  readonly durationMillis: number;
  readonly resolution?: string;
  readonly fps?: number;
  readonly complexity?: string;
  readonly videoReference?: boolean;
  readonly mode?: 'standard' | 'preview';
}

export interface QuoteInput extends RenderInput {
  readonly batchSize?: number;
}

export interface TaskInput extends RenderInput {
  /** Past the concurrency limit: wait in the queue instead of being refused with 429. */
  readonly queue?: boolean;
}

export interface BatchInput extends RenderInput {
  readonly batchSize: number;
  /** A batch queues for slots unless told not to. */
  readonly queue?: boolean;
}

export interface TaskListInput {
  readonly status?: TaskStatus;
  readonly limit?: number;
  readonly after?: string;
}

export interface LedgerInput {
  readonly pool?: string;
  readonly after?: number;
  readonly limit?: number;
}

export type OrderInput = { readonly kind: 'pack'; readonly packId: string } | { readonly kind: 'plan'; readonly planId: string };

/** A new API key: its name and terms (no scopes: all; no budget: the pool; no expiry: until revoked). */
export interface ApiKeyInput extends ApiKeyTerms {
  readonly name?: string;
  readonly budget?: KeyBudget;
}

/** A webhook exactly as received: the raw body (for the signature) and the headers, lower-cased. */
export interface WebhookInput {
  readonly rawBody: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** Seconds with at most three decimals ("5", "2.5", 7.125) to whole milliseconds, exactly; null when not such a number. */
export function millisFromSeconds(seconds: number | string): number | null {
  const text = typeof seconds === 'number' ? (Number.isFinite(seconds) ? seconds.toString() : '') : seconds.trim();
  const match = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(text);
  if (!match?.[1]) return null;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

/** An invitation to join the caller's organisation. */
export interface OrganisationInput {
  readonly name: string;
}

export interface InvitationInput {
  readonly email: string;
  readonly role: MemberRole;
}
