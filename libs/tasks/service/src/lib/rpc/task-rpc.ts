import type { QuoteRequest, TaskCommand } from '@billing/contracts';
import { GenerationWebhookError, type GenerationProvider, HttpGenerationProvider } from '@billing/generation-provider';
import { type Clock, type RpcMethod, RpcError } from '@billing/service-host';
import { isTask, planBatch, type Task, TaskError, type TaskView, taskView } from '@billing/tasks-domain';
import type { AccountPlans } from '../plans/account-plans';
import type { PricingClient } from '../pricing/pricing-client';
import type { TaskViews } from '../read-model/task-views';
import type { TaskStreams } from '../streams/task-streams';
import { conflict, forbidden, rejectionProblem, taskNotFound } from './task-problems';
import {
  AdoptTaskRequest,
  CancelTaskRequest,
  CreateBatchRequest,
  CreateTaskRequest,
  GenerationWebhookRequest,
  GetTaskRequest,
  ListTasksRequest,
  UtilisationRequest,
} from './task-requests';
import { rpcMethod } from './rpc-method';

export interface TaskRpcOptions {
  readonly streams: TaskStreams;
  readonly views: TaskViews;
  readonly plans: AccountPlans;
  readonly pricing: PricingClient;
  readonly provider: GenerationProvider;
  readonly clock: Clock;
  /** How long `createTask` and `createBatch` wait for a task to leave `requested`. */
  readonly createWaitMillis: number;
}

export interface BatchReply {
  readonly batchId: string;
  readonly quoteId: string;
  readonly millicredits: number;
  readonly tasks: readonly TaskView[];
}

/** The task service's request/reply methods (the gateway's tasks, batches and utilisation). */
export function taskRpcMethods(options: TaskRpcOptions): readonly RpcMethod[] {
  const { streams, views, plans, pricing, provider, clock } = options;
  const meta = (commandId: string, correlationId: string) => ({ commandId, now: clock.now(), correlationId });

  /** The task if it exists and belongs to the account; another account's task does not exist for it. */
  async function ownTask(accountId: string, taskId: string): Promise<Task> {
    const task = await streams.task(taskId);
    if (!isTask(task) || task.accountId !== accountId) throw taskNotFound(taskId);
    return task;
  }

  /** Waits (bounded) until the task has left `requested`; a rejection is answered as its problem. */
  async function settled(taskId: string, rejectionIsError: boolean): Promise<TaskView> {
    const waited = await views.waitFor(taskId, (task) => task.status !== 'requested', options.createWaitMillis);
    const task = waited ?? (await streams.task(taskId));
    if (!isTask(task)) throw taskNotFound(taskId);
    if (rejectionIsError && task.status === 'rejected' && task.rejection) throw rejectionProblem(task, task.rejection);
    return taskView(task);
  }

  async function assertFree(accountId: string, taskId: string): Promise<boolean> {
    const existing = await streams.task(taskId);
    if (!isTask(existing)) return true;
    if (existing.accountId !== accountId) throw conflict(`task id ${taskId} is taken`, { taskId });
    return false;
  }

  async function handle(command: TaskCommand): Promise<void> {
    try {
      await streams.handleTask(command);
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      if (error.code === 'invalid_request') throw new RpcError({ type: 'validation', title: 'Invalid task', status: 400, detail: error.message, errors: [] });
      throw conflict(error.message, { code: error.code, taskId: command.data.taskId });
    }
  }

  const createTask = rpcMethod('createTask', CreateTaskRequest, async (request) => {
    const { accountId, taskId, channel } = request;
    if (await assertFree(accountId, taskId)) {
      const plan = await plans.planOf(accountId);
      const quote = await pricing.quote(quoteRequestOf(request), channel, accountId);
      const [snapshot] = quote.snapshots;
      if (!snapshot) throw new Error(`quote ${quote.quoteId} has no task`);
      await handle({
        type: 'RequestTask',
        data: { taskId, accountId, channel, pool: quote.pool, quote: snapshot, queueIfBusy: request.queueIfBusy ?? false, priority: plan.priority },
        metadata: meta(`RequestTask:${taskId}`, taskId),
      });
    }
    return settled(taskId, true);
  });

  const createBatch = rpcMethod('createBatch', CreateBatchRequest, async (request): Promise<BatchReply> => {
    const { accountId, batchId, channel, batchSize } = request;
    const plan = await plans.planOf(accountId);
    if (!plan.entitlements.includes('batch_generation')) {
      throw forbidden(`plan ${plan.planId} does not include batch generation`, { entitlement: 'batch_generation', planId: plan.planId });
    }
    const quote = await pricing.quote({ ...quoteRequestOf(request), batchSize }, channel, accountId);
    const requests = planBatch({
      batchId,
      accountId,
      channel,
      pool: quote.pool,
      quotes: quote.snapshots,
      // A batch waits for slots by default: refusing part of it for the limit helps no one.
      queueIfBusy: request.queueIfBusy ?? true,
      priority: plan.priority,
      now: clock.now(),
      correlationId: batchId,
    });
    const fresh = await Promise.all(requests.map((command) => assertFree(accountId, command.data.taskId)));
    await Promise.all(requests.filter((_, index) => fresh[index]).map((command) => handle(command)));
    const tasks = await Promise.all(requests.map((command) => settled(command.data.taskId, false)));
    return { batchId, quoteId: quote.quoteId, millicredits: quote.millicredits, tasks };
  });

  const getTask = rpcMethod('getTask', GetTaskRequest, async ({ accountId, taskId }) => {
    const seen = views.get(taskId);
    if (seen && seen.accountId === accountId) return taskView(seen);
    return taskView(await ownTask(accountId, taskId));
  });

  const listTasks = rpcMethod('listTasks', ListTasksRequest, async ({ accountId, status, limit, after }) => {
    const page = views.list(accountId, { limit: limit ?? 50, ...(status ? { status } : {}), ...(after ? { after } : {}) });
    return { tasks: page.tasks.map(taskView), next: page.next };
  });

  const cancelTask = rpcMethod('cancelTask', CancelTaskRequest, async ({ accountId, taskId }) => {
    await ownTask(accountId, taskId);
    await handle({ type: 'CancelTask', data: { taskId }, metadata: meta(`CancelTask:${taskId}`, taskId) });
    const task = await ownTask(accountId, taskId);
    if (task.providerJobId !== null) await provider.cancel(task.providerJobId);
    return taskView(task);
  });

  const adoptTask = rpcMethod('adoptTask', AdoptTaskRequest, async ({ accountId, taskId }) => {
    await ownTask(accountId, taskId);
    await handle({ type: 'AdoptTask', data: { taskId }, metadata: meta(`AdoptTask:${taskId}`, taskId) });
    return taskView(await ownTask(accountId, taskId));
  });

  const utilisation = rpcMethod('utilisation', UtilisationRequest, async ({ accountId }) => ({ accountId, ...views.utilisation(accountId) }));

  const generationWebhook = rpcMethod('generationWebhook', GenerationWebhookRequest, async ({ rawBody, headers }) => {
    if (!(provider instanceof HttpGenerationProvider)) {
      throw new RpcError({ type: 'not-found', title: 'No generation webhook', status: 404, detail: 'this deployment does not use the HTTP generation provider' });
    }
    try {
      const outcome = await provider.acceptWebhook(Buffer.from(rawBody, 'base64'), headers, clock.now());
      return { accepted: true, taskId: outcome.taskId, providerJobId: outcome.providerJobId };
    } catch (error) {
      if (!(error instanceof GenerationWebhookError)) throw error;
      throw new RpcError({ type: 'validation', title: 'Webhook refused', status: 400, detail: error.message, errors: [{ field: 'signature', problem: error.reason }] });
    }
  });

  return [createTask, createBatch, getTask, listTasks, cancelTask, adoptTask, utilisation, generationWebhook];
}

function quoteRequestOf(request: CreateTaskRequest | CreateBatchRequest): QuoteRequest {
  const { model, durationMillis, resolution, fps, complexity, videoReference, mode } = request;
  return { model, durationMillis, resolution, fps, complexity, videoReference, mode };
}
