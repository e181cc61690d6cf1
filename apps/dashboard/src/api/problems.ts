import { BillingProblem } from '@billing/sdk';
import { formatCredits, poolName } from '../format';
import type { Problem } from './types';

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The problem's `type` without the URI base: `insufficient-credits`, `validation`, ... */
export const problemKind = (problem: Problem): string => problem.type.slice(problem.type.lastIndexOf('/') + 1);

/** Words a user understands for each kind of refusal; the server's own detail otherwise. */
export function sentenceFor(problem: Problem): string {
  switch (problemKind(problem)) {
    case 'insufficient-credits': {
      const available = num(problem['available']);
      const required = num(problem['required']);
      const pool = text(problem['pool']);
      const name = pool ? poolName(pool) : 'the';
      if (available !== null && required !== null) {
        return `Not enough ${name} credits: ${formatCredits(available)} available, ${formatCredits(required)} needed. Buy ${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} pack; credits never move between pools.`;
      }
      return `Not enough ${name} credits for this task.`;
    }
    case 'concurrency-limit': {
      const limit = num(problem['limit']);
      const running = num(problem['running']);
      return limit !== null && running !== null
        ? `Too many tasks at once: ${running} of ${limit} are running. Wait for one to finish, or ask to queue.`
        : 'Too many tasks are running at once; wait for one to finish.';
    }
    case 'unauthorized':
      return 'Your sign-in is not valid any more (or the key was revoked). Sign in again with a fresh token.';
    case 'forbidden': {
      const entitlement = text(problem['entitlement']);
      return entitlement ? `Your plan does not include ${entitlement.replace(/_/g, ' ')}.` : `Not allowed: ${problem.detail}`;
    }
    case 'validation': {
      const errors = Array.isArray(problem['errors']) ? (problem['errors'] as unknown[]) : [];
      const fields = errors.flatMap((e) => {
        if (typeof e !== 'object' || e === null) return [];
        const record = e as Record<string, unknown>;
        const field = text(record['field']);
        const message = text(record['message']);
        if (!message) return [];
        // A body's field errors leave the field's name out of the message: the field says it.
        return [field && !message.startsWith(field) ? `${field.replace(/_/g, ' ')} ${message}` : message];
      });
      return `Please check the form: ${fields.length > 0 ? fields.join('; ') : problem.detail}.`;
    }
    case 'not-found':
      return `Not found: ${problem.detail}.`;
    case 'rate-limited':
      return 'Too many requests in a short time; wait a moment and try again.';
    case 'unavailable':
      return 'The service is busy or restarting; try again in a moment.';
    case 'conflict':
      return `That cannot be done now: ${problem.detail}.`;
    case 'internal':
      return 'Something went wrong on our side. It was logged; try again.';
    default:
      return problem.detail || problem.title;
  }
}

/** Any thrown value as a sentence (a network failure included). */
export function messageOf(error: unknown): string {
  if (error instanceof BillingProblem) return sentenceFor(error.problem);
  if (error instanceof TypeError) return 'The platform cannot be reached. Is it running?';
  return error instanceof Error ? error.message : String(error);
}
