import { RpcError, RpcTimeoutError } from '@billing/service-host';
import { creditsNumber } from '@billing/util';

/** Every problem `type` is a URI under this base, stable across releases. */
export const PROBLEM_TYPE_BASE = 'https://billing.local/problems/';

/** RFC 9457 problem details as clients receive them. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly [member: string]: unknown;
}

/** Seconds a client is asked to wait (`Retry-After`) when a service is away or too slow. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Members the services give in millicredits, shown to clients in credits like every amount. */
const MILLICREDIT_MEMBERS = new Set(['available', 'required']);
/** Internal field names in validation errors, as a client wrote them. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  durationMillis: 'duration_seconds',
  videoReference: 'video_reference',
  batchSize: 'batch_size',
  queueIfBusy: 'queue',
  packId: 'pack_id',
  planId: 'plan_id',
  'item.packId': 'pack_id',
  'item.planId': 'plan_id',
  'item.kind': 'kind',
};

/** Problems whose amounts the services state in millicredits. */
const CREDIT_PROBLEMS: ReadonlySet<string> = new Set(['insufficient-credits', 'key-budget-exceeded']);

/** camelCase to snake_case; a name already as a client spells it (`render.fps`) stays. */
const snake = (name: string): string => name.replace(/(?<=[a-z0-9])[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Any failure as the problem document a client gets: the services' and the gateway's
 * RpcErrors keep their status and members (amounts in credits, names in snake_case, the
 * type a URI); silence from a service is 503; anything else is a 500 that says nothing inside.
 * A 503 always says when to try again (`retry_after`, sent as `Retry-After` too).
 */
export function problemDocumentOf(error: unknown, instance?: string): ProblemDocument {
  if (error instanceof RpcError) {
    const { type, title, status, detail, ...members } = error.problem;
    const extra: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(members)) {
      if (name === 'errors' && Array.isArray(value)) extra['errors'] = value.map(fieldError);
      else if (MILLICREDIT_MEMBERS.has(name) && typeof value === 'number' && Number.isSafeInteger(value) && CREDIT_PROBLEMS.has(type)) extra[name] = creditsNumber(value);
      else extra[snake(name)] = value;
    }
    const text = CREDIT_PROBLEMS.has(type) ? insufficientDetail(type, extra) ?? detail : detail;
    if (status === 503 && typeof extra['retry_after'] !== 'number') extra['retry_after'] = UNAVAILABLE_RETRY_AFTER_SECONDS;
    return { type: typeUri(type), title, status, detail: text ?? title, ...(instance ? { instance } : {}), ...extra };
  }
  if (error instanceof RpcTimeoutError) {
    return {
      type: typeUri('unavailable'),
      title: 'Service unavailable',
      status: 503,
      detail: 'a service did not answer in time; try again',
      ...(instance ? { instance } : {}),
      retry_after: UNAVAILABLE_RETRY_AFTER_SECONDS,
    };
  }
  return { type: typeUri('internal'), title: 'Internal error', status: 500, detail: 'the request failed inside the gateway; it was logged', ...(instance ? { instance } : {}) };
}

export const typeUri = (type: string): string => (type.includes('://') ? type : `${PROBLEM_TYPE_BASE}${type}`);

/** A header keeps its name as HTTP spells it; a field is named as the client wrote it. */
function fieldError(value: unknown): { field: string; message: string } | { header: string; message: string } {
  if (typeof value !== 'object' || value === null) return { field: '', message: String(value) };
  const record = value as Record<string, unknown>;
  if (typeof record['header'] === 'string') return { header: record['header'], message: typeof record['message'] === 'string' ? record['message'] : 'is not valid' };
  const field = typeof record['field'] === 'string' ? record['field'] : '';
  const message = typeof record['message'] === 'string' ? record['message'] : typeof record['problem'] === 'string' ? record['problem'] : 'is not valid';
  return { field: FIELD_NAMES[field] ?? snake(field), message };
}

/** The tasks service words it in millicredits; the client reads credits everywhere. */
function insufficientDetail(type: string, members: Record<string, unknown>): string | undefined {
  const { pool, required, available, key_id: keyId } = members;
  if (typeof pool !== 'string' || typeof required !== 'number' || typeof available !== 'number') return undefined;
  if (type === 'key-budget-exceeded') return `the task needs ${required} credits; API key ${String(keyId)} has ${available} credits left of its budget, and no other credits of pool ${pool} are used`;
  return `the task needs ${required} credits from pool ${pool}, which has ${available} available; no other pool is used`;
}
