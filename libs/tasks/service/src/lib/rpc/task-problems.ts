import type { TaskRejection } from '@billing/contracts';
import { RpcError } from '@billing/service-host';
import type { Task } from '@billing/tasks-domain';

/** A rejected task as the client meets it: 402 for credits (the pool's or the key's budget), 429 for the concurrency limit. Amounts in millicredits. */
export function rejectionProblem(task: Task, rejection: TaskRejection): RpcError {
  if (rejection.reason === 'insufficient_credits') {
    return new RpcError({
      type: 'insufficient-credits',
      title: 'Not enough credits in the pool',
      status: 402,
      detail: `task ${task.taskId} needs ${rejection.requestedMillicredits} millicredits from pool ${task.pool}, which has ${rejection.availableMillicredits} available`,
      taskId: task.taskId,
      pool: task.pool,
      available: rejection.availableMillicredits,
      required: rejection.requestedMillicredits,
    });
  }
  if (rejection.reason === 'key_budget_exceeded') {
    return new RpcError({
      type: 'key-budget-exceeded',
      title: 'The API key has not enough budget left',
      status: 402,
      detail: `task ${task.taskId} needs ${rejection.requestedMillicredits} millicredits; API key ${rejection.keyId} has ${rejection.availableMillicredits} left of its budget`,
      taskId: task.taskId,
      pool: task.pool,
      keyId: rejection.keyId,
      available: rejection.availableMillicredits,
      required: rejection.requestedMillicredits,
    });
  }
  return new RpcError({
    type: 'concurrency-limit',
    title: 'Too many tasks running',
    status: 429,
    detail: `${rejection.running} tasks are running, the limit is ${rejection.limit}; ask to queue to wait for a slot`,
    taskId: task.taskId,
    limit: rejection.limit,
    running: rejection.running,
  });
}

export const taskNotFound = (taskId: string): RpcError =>
  new RpcError({ type: 'not-found', title: 'Task not found', status: 404, detail: `no task ${taskId}`, taskId });

export const conflict = (detail: string, members: Record<string, unknown> = {}): RpcError =>
  new RpcError({ type: 'conflict', title: 'Conflict', status: 409, detail, ...members });

export const forbidden = (detail: string, members: Record<string, unknown> = {}): RpcError =>
  new RpcError({ type: 'forbidden', title: 'Forbidden', status: 403, detail, ...members });
