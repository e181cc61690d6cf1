import { gatewayProblems, MAX_IDEMPOTENCY_KEY_LENGTH, type QuoteInput, type RenderInput, type TaskInput, type TaskListInput } from '@billing/gateway-application';
import type { CreateQuoteRequest, CreateTaskRequest, ListTasksRequest, RenderSpecMessage, TaskIdRequest, WatchTasksRequest } from './billing-messages';

/*
 * gRPC requests to the gateway's inputs. The proto already fixed every field's type; what
 * is checked here is what a type cannot say (present, non-empty, in range), named by the
 * proto's own field paths so a client can find the field it sent.
 */

interface FieldError {
  readonly field: string;
  readonly message: string;
}

const MAX_ID_LENGTH = 200;
const MAX_PAGE_SIZE = 500;
const TASK_STATUS_PREFIX = 'TASK_STATUS_';

function refuseIfAny(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw gatewayProblems.validation(errors);
}

function renderInput(render: RenderSpecMessage | null, errors: FieldError[]): RenderInput | null {
  if (!render) {
    errors.push({ field: 'render', message: 'is required' });
    return null;
  }
  if (render.model.trim() === '') errors.push({ field: 'render.model', message: 'must name a model' });
  if (render.durationMillis < 1) errors.push({ field: 'render.duration_millis', message: 'must be at least 1 (whole milliseconds of output)' });
  if (render.fps !== undefined && render.fps < 1) errors.push({ field: 'render.fps', message: 'must be at least 1' });
  for (const field of ['resolution', 'complexity'] as const) {
    if (render[field] !== undefined && render[field].trim() === '') errors.push({ field: `render.${field}`, message: 'must not be empty when set' });
  }
  return {
    model: render.model,
    durationMillis: render.durationMillis,
    ...(render.resolution === undefined ? {} : { resolution: render.resolution }),
    ...(render.fps === undefined ? {} : { fps: render.fps }),
    ...(render.complexity === undefined ? {} : { complexity: render.complexity }),
    ...(render.videoReference === undefined ? {} : { videoReference: render.videoReference }),
    ...(render.mode === 'GENERATION_MODE_PREVIEW' ? { mode: 'preview' as const } : render.mode === 'GENERATION_MODE_STANDARD' ? { mode: 'standard' as const } : {}),
  };
}

export function quoteInputOf(request: CreateQuoteRequest): QuoteInput {
  const errors: FieldError[] = [];
  const render = renderInput(request.render, errors);
  refuseIfAny(errors);
  if (!render) throw gatewayProblems.validation([{ field: 'render', message: 'is required' }]);
  return { ...render, ...(request.batchSize > 0 ? { batchSize: request.batchSize } : {}) };
}

export function taskInputOf(request: CreateTaskRequest): { readonly input: TaskInput; readonly idempotencyKey: string | null } {
  const errors: FieldError[] = [];
  const render = renderInput(request.render, errors);
  if (request.idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    errors.push({ field: 'idempotency_key', message: `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` });
  }
  refuseIfAny(errors);
  if (!render) throw gatewayProblems.validation([{ field: 'render', message: 'is required' }]);
  return { input: { ...render, queue: request.queueIfBusy }, idempotencyKey: request.idempotencyKey === '' ? null : request.idempotencyKey };
}

export function taskIdOf(request: TaskIdRequest): string {
  const taskId = request.taskId.trim();
  refuseIfAny(taskIdErrors(taskId, 'task_id'));
  return taskId;
}

export function taskListInputOf(request: ListTasksRequest): TaskListInput {
  const errors: FieldError[] = [];
  if (request.pageSize > MAX_PAGE_SIZE) errors.push({ field: 'page_size', message: `must be at most ${MAX_PAGE_SIZE}` });
  const name = typeof request.status === 'string' && request.status.startsWith(TASK_STATUS_PREFIX) ? request.status : null;
  if (name === null) errors.push({ field: 'status', message: 'is not a TaskStatus' });
  refuseIfAny(errors);
  const status = (name ?? '').slice(TASK_STATUS_PREFIX.length).toLowerCase();
  return {
    ...(status === 'unspecified' ? {} : { status }),
    ...(request.pageSize > 0 ? { limit: request.pageSize } : {}),
    ...(request.pageToken === '' ? {} : { after: request.pageToken }),
  };
}

/** The tasks to watch; null for all of the caller's. */
export function watchedTaskIdsOf(request: WatchTasksRequest): ReadonlySet<string> | null {
  refuseIfAny(request.taskIds.flatMap((taskId, index) => taskIdErrors(taskId, `task_ids[${index}]`)));
  return request.taskIds.length === 0 ? null : new Set(request.taskIds);
}

function taskIdErrors(taskId: string, field: string): FieldError[] {
  if (taskId === '') return [{ field, message: 'must name a task' }];
  if (taskId.length > MAX_ID_LENGTH) return [{ field, message: `must be at most ${MAX_ID_LENGTH} characters` }];
  return [];
}
