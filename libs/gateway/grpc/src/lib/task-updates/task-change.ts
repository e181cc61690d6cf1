import { EventHeader, type IncomingMessage } from '@billing/messaging';

/**
 * What a task event on `billing.task.v1` says about the task as a client sees it. Only the
 * fields a task update needs are read, each checked; anything else in the payload is left alone.
 */
export type TaskChange = {
  readonly eventId: string;
  readonly taskId: string;
  readonly at: number;
} & (
  | { readonly type: 'TaskRequested'; readonly accountId: string }
  | { readonly type: 'TaskReserved'; readonly millicredits: number }
  | { readonly type: 'TaskSucceeded'; readonly outputDurationMillis: number; readonly chargeMillicredits: number }
  | { readonly type: 'TaskCharged'; readonly creditsCostMillicredits: number }
  | { readonly type: 'TaskReleased'; readonly endReason: string }
  | { readonly type: 'TaskRejected'; readonly rejection: ChangeRejection }
  | { readonly type: 'TaskQueued' | 'TaskDispatched' | 'TaskStarted' | 'TaskFailed' | 'TaskCancelled' | 'TaskTimedOut' | 'TaskAdopted' }
);

export type ChangeRejection =
  | { readonly reason: 'insufficient_credits'; readonly requestedMillicredits: number; readonly availableMillicredits: number }
  | { readonly reason: 'concurrency_limit'; readonly limit: number; readonly running: number };

const PLAIN_TYPES = ['TaskQueued', 'TaskDispatched', 'TaskStarted', 'TaskFailed', 'TaskCancelled', 'TaskTimedOut', 'TaskAdopted'] as const;
type PlainType = (typeof PLAIN_TYPES)[number];
const isPlainType = (type: string): type is PlainType => (PLAIN_TYPES as readonly string[]).includes(type);

/** The change a relayed task event carries; null for events that change nothing a client sees, or that cannot be read. */
export function taskChangeOf(message: IncomingMessage): TaskChange | null {
  const type = message.headers[EventHeader.eventType];
  const eventId = message.headers[EventHeader.eventId];
  if (!type || !eventId) return null;
  const data = parseObject(message.value);
  if (!data) return null;
  const taskId = text(data['taskId']);
  const at = whole(data['at']);
  if (taskId === null || at === null) return null;
  const base = { eventId, taskId, at };
  switch (type) {
    case 'TaskRequested': {
      const accountId = text(data['accountId']);
      return accountId === null ? null : { ...base, type, accountId };
    }
    case 'TaskReserved': {
      const millicredits = whole(data['millicredits']);
      return millicredits === null ? null : { ...base, type, millicredits };
    }
    case 'TaskSucceeded': {
      const outputDurationMillis = whole(data['outputDurationMillis']);
      const chargeMillicredits = whole(data['chargeMillicredits']);
      return outputDurationMillis === null || chargeMillicredits === null ? null : { ...base, type, outputDurationMillis, chargeMillicredits };
    }
    case 'TaskCharged': {
      const creditsCostMillicredits = whole(data['creditsCostMillicredits']);
      return creditsCostMillicredits === null ? null : { ...base, type, creditsCostMillicredits };
    }
    case 'TaskReleased': {
      const endReason = text(data['endReason']);
      return endReason === null ? null : { ...base, type, endReason };
    }
    case 'TaskRejected': {
      const rejection = rejectionOf(data['rejection']);
      return rejection === null ? null : { ...base, type, rejection };
    }
    default:
      return isPlainType(type) ? { ...base, type } : null;
  }
}

function rejectionOf(value: unknown): ChangeRejection | null {
  if (!isRecord(value)) return null;
  if (value['reason'] === 'insufficient_credits') {
    const requestedMillicredits = whole(value['requestedMillicredits']);
    const availableMillicredits = whole(value['availableMillicredits']);
    if (requestedMillicredits === null || availableMillicredits === null) return null;
    return { reason: 'insufficient_credits', requestedMillicredits, availableMillicredits };
  }
  if (value['reason'] === 'concurrency_limit') {
    const limit = whole(value['limit']);
    const running = whole(value['running']);
    if (limit === null || running === null) return null;
    return { reason: 'concurrency_limit', limit, running };
  }
  return null;
}

function parseObject(value: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const whole = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);
