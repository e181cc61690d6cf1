import { TASK_EVENT_SCHEMA_VERSIONS, type TaskEventType } from '@billing/contracts';
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

/** A task event as the feed reads it: a change to pass on, a type that changes nothing a client sees, or a message to dead-letter. */
export type ReadTaskEvent =
  | { readonly kind: 'change'; readonly change: TaskChange }
  | { readonly kind: 'skipped'; readonly type: string }
  | { readonly kind: 'rejected'; readonly reason: string };

/** The change a relayed task event carries, checked field by field against what `billing.task.v1` carries. */
export function readTaskEvent(message: IncomingMessage): ReadTaskEvent {
  const type = message.headers[EventHeader.eventType];
  const eventId = message.headers[EventHeader.eventId];
  if (!eventId) return rejected(`missing header ${EventHeader.eventId}`);
  if (!type) return rejected(`missing header ${EventHeader.eventType}`);
  if (!isTaskEventType(type)) return rejected(`${type} is not an event type of ${message.topic}`);
  const version = message.headers[EventHeader.schemaVersion];
  if (Number(version) !== TASK_EVENT_SCHEMA_VERSIONS[type]) return rejected(`unsupported ${EventHeader.schemaVersion} ${String(version)} for ${type} (expected ${TASK_EVENT_SCHEMA_VERSIONS[type]})`);
  const data = parseObject(message.value);
  if (!data) return rejected('unparseable payload: not a JSON object');
  const taskId = text(data['taskId']);
  const at = whole(data['at']);
  if (taskId === null) return invalid(type, 'taskId');
  if (at === null) return invalid(type, 'at');
  const base = { eventId, taskId, at };
  const change = (value: TaskChange): ReadTaskEvent => ({ kind: 'change', change: value });
  switch (type) {
    case 'TaskRequested': {
      const accountId = text(data['accountId']);
      return accountId === null ? invalid(type, 'accountId') : change({ ...base, type, accountId });
    }
    case 'TaskReserved': {
      const millicredits = whole(data['millicredits']);
      return millicredits === null ? invalid(type, 'millicredits') : change({ ...base, type, millicredits });
    }
    case 'TaskSucceeded': {
      const outputDurationMillis = whole(data['outputDurationMillis']);
      const chargeMillicredits = whole(data['chargeMillicredits']);
      if (outputDurationMillis === null) return invalid(type, 'outputDurationMillis');
      return chargeMillicredits === null ? invalid(type, 'chargeMillicredits') : change({ ...base, type, outputDurationMillis, chargeMillicredits });
    }
    case 'TaskCharged': {
      const creditsCostMillicredits = whole(data['creditsCostMillicredits']);
      return creditsCostMillicredits === null ? invalid(type, 'creditsCostMillicredits') : change({ ...base, type, creditsCostMillicredits });
    }
    case 'TaskReleased': {
      const endReason = text(data['endReason']);
      return endReason === null ? invalid(type, 'endReason') : change({ ...base, type, endReason });
    }
    case 'TaskRejected': {
      const rejection = rejectionOf(data['rejection']);
      return rejection === null ? invalid(type, 'rejection') : change({ ...base, type, rejection });
    }
    default:
      return isPlainType(type) ? change({ ...base, type }) : { kind: 'skipped', type };
  }
}

const isTaskEventType = (type: string): type is TaskEventType => Object.prototype.hasOwnProperty.call(TASK_EVENT_SCHEMA_VERSIONS, type);
const rejected = (reason: string): ReadTaskEvent => ({ kind: 'rejected', reason });
const invalid = (type: string, field: string): ReadTaskEvent => rejected(`invalid ${type}: ${field} is missing or of the wrong type`);

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
