import { REQUEST_LIMITS, TASK_STATUSES } from '@billing/contracts';
import { gatewayProblems, millisFromSeconds, type QuoteInput, type RenderInput, type TaskInput, type TaskListInput } from '@billing/gateway-application';
import type { ChangeSubscriptionRequest, CreateQuoteRequest, CreateTaskRequest, ListTasksRequest, OrderIdRequest, RefundOrderRequest, RefundRenewalRequest, RenderSpecMessage, TaskIdRequest, WatchTasksRequest } from './billing-messages';

/*
 * gRPC requests to the gateway's inputs. The proto already fixed every field's type; what
 * is checked here is what a type cannot say (present, well formed, within REQUEST_LIMITS,
 * as at every other edge), named by the proto's own field paths so a client can find the
 * field it sent.
 */

interface FieldError {
  readonly field: string;
  readonly message: string;
}

const { renderName, durationMillis, fps, batchSize, taskIdLength, taskPageSize, idempotencyKey } = REQUEST_LIMITS;
const TASK_STATUS_PREFIX = 'TASK_STATUS_';

function refuseIfAny(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw gatewayProblems.validation(errors);
}

function renderInput(render: RenderSpecMessage | null, errors: FieldError[]): RenderInput | null {
  if (!render) {
    errors.push({ field: 'render', message: 'is required' });
    return null;
  }
  if (!renderName.pattern.test(render.model)) errors.push({ field: 'render.model', message: renderName.message });
  const millis = millisFromSeconds(render.durationSeconds);
  if (millis === null || !within(millis, durationMillis)) {
    errors.push({ field: 'render.duration_seconds', message: `must be ${durationMillis.min / 1000} to ${durationMillis.max / 1000} seconds, as decimal text with at most three decimals` });
  }
  if (render.fps !== undefined && !within(render.fps, fps)) errors.push({ field: 'render.fps', message: `must be ${fps.min} to ${fps.max} when set` });
  for (const field of ['resolution', 'complexity'] as const) {
    const value = render[field];
    if (value !== undefined && !renderName.pattern.test(value)) errors.push({ field: `render.${field}`, message: `${renderName.message}, when set` });
  }
  return {
    model: render.model,
    durationMillis: millis ?? 0,
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
  // 0 is proto3's unset: one task.
  if (request.batchSize > batchSize.max) errors.push({ field: 'batch_size', message: `must be at most ${batchSize.max}` });
  refuseIfAny(errors);
  if (!render) throw gatewayProblems.validation([{ field: 'render', message: 'is required' }]);
  return { ...render, ...(request.batchSize > 0 ? { batchSize: request.batchSize } : {}) };
}

export function taskInputOf(request: CreateTaskRequest): { readonly input: TaskInput; readonly idempotencyKey: string | null } {
  const errors: FieldError[] = [];
  const render = renderInput(request.render, errors);
  // Empty is proto3's unset: no key.
  if (request.idempotencyKey !== '' && !idempotencyKey.pattern.test(request.idempotencyKey)) errors.push({ field: 'idempotency_key', message: idempotencyKey.message });
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
  if (request.pageSize > taskPageSize.max) errors.push({ field: 'page_size', message: `must be at most ${taskPageSize.max}` });
  const name = typeof request.status === 'string' && request.status.startsWith(TASK_STATUS_PREFIX) ? request.status : null;
  const status = (name ?? '').slice(TASK_STATUS_PREFIX.length).toLowerCase();
  const known = TASK_STATUSES.find((candidate) => candidate === status);
  if (name === null || (known === undefined && status !== 'unspecified')) errors.push({ field: 'status', message: 'is not a TaskStatus' });
  refuseIfAny(errors);
  return {
    ...(known === undefined ? {} : { status: known }),
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
  if (taskId.length > taskIdLength) return [{ field, message: `must be at most ${taskIdLength} characters` }];
  return [];
}

const within = (value: number, range: { readonly min: number; readonly max: number }): boolean => value >= range.min && value <= range.max;

const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const REASON_MAX = 500;

const orderIdErrors = (orderId: string): FieldError[] =>
  ORDER_ID.test(orderId) ? [] : [{ field: 'order_id', message: 'must be an order id: 1-200 letters, digits, ".", "_", ":" or "-"' }];

/** The order to refund, and why (empty: the gateway's default). */
export function refundInputOf(request: RefundOrderRequest): { readonly orderId: string; readonly reason: string | undefined } {
  const errors = orderIdErrors(request.orderId);
  if (request.reason.length > REASON_MAX) errors.push({ field: 'reason', message: `must be at most ${REASON_MAX} characters` });
  refuseIfAny(errors);
  return { orderId: request.orderId, reason: request.reason.trim() === '' ? undefined : request.reason };
}

/** The renewal to refund (its invoice id), and why (empty: the gateway's default). */
export function renewalRefundInputOf(request: RefundRenewalRequest): { readonly invoiceId: string; readonly reason: string | undefined } {
  const errors: FieldError[] = ORDER_ID.test(request.invoiceId) ? [] : [{ field: 'invoice_id', message: 'must be an invoice id: 1-200 letters, digits, ".", "_", ":" or "-"' }];
  if (request.reason.length > REASON_MAX) errors.push({ field: 'reason', message: `must be at most ${REASON_MAX} characters` });
  refuseIfAny(errors);
  return { invoiceId: request.invoiceId, reason: request.reason.trim() === '' ? undefined : request.reason };
}

/** The order whose receipt is asked for. */
export function orderIdOf(request: OrderIdRequest): string {
  refuseIfAny(orderIdErrors(request.orderId));
  return request.orderId;
}

/** The plan to move to: named, and no longer than a catalog id (REST's ChangePlanBody). */
export function planIdOf(request: ChangeSubscriptionRequest): string {
  const { planId } = request;
  if (planId.trim() === '') refuseIfAny([{ field: 'plan_id', message: 'must name a plan' }]);
  if (planId.length > REQUEST_LIMITS.catalogIdLength) refuseIfAny([{ field: 'plan_id', message: `must be at most ${REQUEST_LIMITS.catalogIdLength} characters` }]);
  return planId;
}
