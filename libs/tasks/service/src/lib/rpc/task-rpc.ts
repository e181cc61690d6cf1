import {
  type Actor,
  type AdoptTaskCall,
  type Answering,
  type BatchReply,
  type CancelTaskCall,
  type CreateBatchCall,
  type CreateTaskCall,
  type GenerationWebhookCall,
  type GenerationWebhookReply,
  type GetTaskCall,
  type KeyBudget,
  type ListTasksCall,
  type QuoteRequest,
  type TaskCommand,
  type TaskPageReply,
  type TaskReply,
  TasksRpc,
  type UtilisationCall,
  type UtilisationReply,
} from '@billing/contracts';
import { GenerationWebhookError, type GenerationProvider, HttpGenerationProvider } from '@billing/generation-provider';
import { answers, type Clock, RpcError } from '@billing/service-host';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { isTask, planBatch, type Task, TaskError, type TaskRequest, type TaskState, taskView } from '@billing/tasks-domain';
import type { AccountPlans } from '../plans/account-plans';
import type { PricingClient } from '../pricing/pricing-client';
import type { TaskViews } from '../read-model/task-views';
import type { Admissions } from '../slots/admissions';
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

export interface TaskRpcOptions {
  readonly streams: TaskStreams;
  readonly views: TaskViews;
  readonly admissions: Admissions;
  readonly plans: AccountPlans;
  readonly pricing: PricingClient;
  readonly provider: GenerationProvider;
  readonly clock: Clock;
}

export const TASK_RPC_PARTS = Symbol('TaskRpcOptions');

/** The task service's requests: the gateway's tasks, batches and utilisation. */
@Controller()
export class TasksController implements Answering<typeof TasksRpc> {
  constructor(@Inject(TASK_RPC_PARTS) private readonly parts: TaskRpcOptions) {}

  @MessagePattern(TasksRpc.createTask, answers(CreateTaskRequest))
  async createTask(@Payload() createRequest: CreateTaskCall): Promise<TaskReply> {
    const { plans, pricing, streams } = this.parts;
    const { accountId, taskId, channel } = createRequest;
    if (!(await this.assertFree(accountId, taskId))) return answer(taskId, await streams.task(taskId), true);
    const plan = await plans.planOf(accountId);
    const quote = await pricing.quote(quoteRequestOf(createRequest), channel, accountId);
    const [snapshot] = quote.snapshots;
    if (!snapshot) throw new Error(`quote ${quote.quoteId} has no task`);
    const queueIfBusy = createRequest.queueIfBusy ?? false;
    const task = await this.request({ taskId, accountId, channel, pool: quote.pool, quote: snapshot, queueIfBusy, priority: plan.priority, ...creatorOf(createRequest) }, plan.concurrencyLimit);
    return answer(taskId, task, true);
  }

  @MessagePattern(TasksRpc.createBatch, answers(CreateBatchRequest))
  async createBatch(@Payload() batchRequest: CreateBatchCall): Promise<BatchReply> {
    const { plans, pricing, streams } = this.parts;
    const { accountId, batchId, channel, batchSize } = batchRequest;
    const plan = await plans.planOf(accountId);
    if (!plan.entitlements.includes('batch_generation')) {
      throw forbidden(`plan ${plan.planId} does not include batch generation`, { entitlement: 'batch_generation', planId: plan.planId });
    }
    const quote = await pricing.quote({ ...quoteRequestOf(batchRequest), batchSize }, channel, accountId);
    const items = planBatch({
      batchId,
      accountId,
      channel,
      pool: quote.pool,
      quotes: quote.snapshots,
      // A batch waits for slots by default: refusing part of it for the limit helps no one.
      queueIfBusy: batchRequest.queueIfBusy ?? true,
      priority: plan.priority,
      ...creatorOf(batchRequest),
    });
    const fresh = await Promise.all(items.map((item) => this.assertFree(accountId, item.taskId)));
    // Requested in batch order (the account's lock takes them in turn); each item's reservation runs on its own.
    const tasks = await Promise.all(
      items.map(async (item, index) => answer(item.taskId, fresh[index] ? await this.request(item, plan.concurrencyLimit) : await streams.task(item.taskId), false)),
    );
    return { batchId, quoteId: quote.quoteId, millicredits: quote.millicredits, tasks };
  }

  /** From the task's stream, not the read model: a client reads what its last request did. */
  @MessagePattern(TasksRpc.getTask, answers(GetTaskRequest))
  async getTask(@Payload() { accountId, taskId }: GetTaskCall): Promise<TaskReply> {
    return taskView(await this.ownTask(accountId, taskId));
  }

  @MessagePattern(TasksRpc.listTasks, answers(ListTasksRequest))
  async listTasks(@Payload() { accountId, status, limit, after }: ListTasksCall): Promise<TaskPageReply> {
    const { views } = this.parts;
    // The read model follows the store: it is brought up to what this service wrote, so a client lists the tasks it just created.
    await views.caughtUp();
    const page = views.list(accountId, { limit: limit ?? 50, ...(status ? { status } : {}), ...(after ? { after } : {}) });
    return { tasks: page.tasks.map(taskView), next: page.next };
  }

  @MessagePattern(TasksRpc.cancelTask, answers(CancelTaskRequest))
  async cancelTask(@Payload() { accountId, taskId }: CancelTaskCall): Promise<TaskReply> {
    await this.ownTask(accountId, taskId);
    await this.handle({ type: 'CancelTask', data: { taskId }, metadata: this.meta(`CancelTask:${taskId}`, taskId) });
    const task = await this.ownTask(accountId, taskId);
    if (task.providerJobId !== null) await this.parts.provider.cancel(task.providerJobId);
    return taskView(task);
  }

  @MessagePattern(TasksRpc.adoptTask, answers(AdoptTaskRequest))
  async adoptTask(@Payload() { accountId, taskId }: AdoptTaskCall): Promise<TaskReply> {
    await this.ownTask(accountId, taskId);
    await this.handle({ type: 'AdoptTask', data: { taskId }, metadata: this.meta(`AdoptTask:${taskId}`, taskId) });
    return taskView(await this.ownTask(accountId, taskId));
  }

  @MessagePattern(TasksRpc.utilisation, answers(UtilisationRequest))
  async utilisation(@Payload() { accountId }: UtilisationCall): Promise<UtilisationReply> {
    await this.parts.views.caughtUp();
    return { accountId, ...this.parts.views.utilisation(accountId) };
  }

  @MessagePattern(TasksRpc.generationWebhook, answers(GenerationWebhookRequest))
  async generationWebhook(@Payload() { rawBody, headers }: GenerationWebhookCall): Promise<GenerationWebhookReply> {
    const { provider, clock } = this.parts;
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
  }

  private meta(commandId: string, correlationId: string) {
    return { commandId, now: this.parts.clock.now(), correlationId };
  }

  /** The task if it exists and belongs to the account; another account's task does not exist for it. */
  private async ownTask(accountId: string, taskId: string): Promise<Task> {
    const task = await this.parts.streams.task(taskId);
    if (!isTask(task) || task.accountId !== accountId) throw taskNotFound(taskId);
    return task;
  }

  private async request(taskRequest: TaskRequest, concurrencyLimit: number): Promise<TaskState> {
    try {
      return await this.parts.admissions.request(taskRequest, concurrencyLimit);
    } catch (error) {
      throw asProblem(error, taskRequest.taskId);
    }
  }

  private async assertFree(accountId: string, taskId: string): Promise<boolean> {
    const existing = await this.parts.streams.task(taskId);
    if (!isTask(existing)) return true;
    if (existing.accountId !== accountId) throw conflict(`task id ${taskId} is taken`, { taskId });
    return false;
  }

  private async handle(command: TaskCommand): Promise<void> {
    try {
      await this.parts.streams.handleTask(command);
    } catch (error) {
      throw asProblem(error, command.data.taskId);
    }
  }
}

/** The task as the request left it; a rejection is answered as its problem. */
function answer(taskId: string, task: TaskState, rejectionIsError: boolean): TaskReply {
  if (!isTask(task)) throw taskNotFound(taskId);
  if (rejectionIsError && task.status === 'rejected' && task.rejection) throw rejectionProblem(task, task.rejection);
  return taskView(task);
}

/** A task's refusal of an invalid request, as the client meets it: 400 for the request itself, 409 for the task's state. */
function asProblem(error: unknown, taskId: string): unknown {
  if (!(error instanceof TaskError)) return error;
  if (error.code === 'invalid_request') return new RpcError({ type: 'validation', title: 'Invalid task', status: 400, detail: error.message, errors: [] });
  return conflict(error.message, { code: error.code, taskId });
}

function quoteRequestOf(request: CreateTaskCall | CreateBatchCall): QuoteRequest {
  const { model, durationMillis, resolution, fps, complexity, videoReference, mode } = request;
  return { model, durationMillis, resolution, fps, complexity, videoReference, mode };
}

/** Who made the request (its actor, and the API key with its budget), as the task records them. */
function creatorOf({ keyId, keyBudget, actor }: CreateTaskCall | CreateBatchCall): { keyId?: string; keyBudget?: KeyBudget; actor?: Actor } {
  return { ...(keyId === undefined ? {} : { keyId }), ...(keyBudget === undefined ? {} : { keyBudget }), ...(actor === undefined ? {} : { actor }) };
}
