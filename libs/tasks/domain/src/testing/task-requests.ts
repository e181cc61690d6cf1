import type { QuoteSnapshot, SlotAdmission, TaskCommand } from '@billing/contracts';
import type { TaskRequest } from '../lib/task/task-request';
import { aQuote, metadata } from './fixtures';

export interface RequestOptions {
  readonly accountId?: string;
  readonly pool?: string;
  readonly quote?: QuoteSnapshot;
  readonly queueIfBusy?: boolean;
  readonly priority?: boolean;
}

/** What a client asks for, before the service decides its slot. */
export function taskRequest(taskId: string, options: RequestOptions = {}): TaskRequest {
  const pool = options.pool ?? 'api';
  return {
    taskId,
    accountId: options.accountId ?? 'acct-1',
    channel: pool === 'app' ? 'app' : 'api',
    pool,
    quote: options.quote ?? aQuote(),
    queueIfBusy: options.queueIfBusy ?? false,
    priority: options.priority ?? false,
  };
}

/** The request as the task stream takes it, with its admission (by default: a slot). */
export function requestTask(taskId: string, options: RequestOptions = {}, admission: SlotAdmission = { kind: 'slot' }): TaskCommand {
  return { type: 'RequestTask', data: { ...taskRequest(taskId, options), admission }, metadata: metadata(`request:${taskId}`) };
}

/** What a client or the provider says about a task, by name. */
export const provider = {
  dispatch: (taskId: string): TaskCommand => ({ type: 'DispatchTask', data: { taskId, providerJobId: `job-${taskId}` }, metadata: metadata(`dispatch:${taskId}`) }),
  start: (taskId: string): TaskCommand => ({ type: 'StartTask', data: { taskId }, metadata: metadata(`start:${taskId}`) }),
  complete: (taskId: string, outputDurationMillis: number): TaskCommand => ({
    type: 'CompleteTask',
    data: { taskId, outputDurationMillis },
    metadata: metadata(`complete:${taskId}`),
  }),
  fail: (taskId: string): TaskCommand => ({ type: 'FailTask', data: { taskId, error: 'provider error' }, metadata: metadata(`fail:${taskId}`) }),
  timeOut: (taskId: string): TaskCommand => ({ type: 'TimeOutTask', data: { taskId }, metadata: metadata(`timeout:${taskId}`) }),
  cancel: (taskId: string): TaskCommand => ({ type: 'CancelTask', data: { taskId }, metadata: metadata(`cancel:${taskId}`) }),
};
