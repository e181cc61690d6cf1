import type { Actor } from '../actor';
import type { Channel, ChargeBasis, GenerationMode, QuoteSnapshot } from '../pricing';
import type { KeyBudget } from '../wallet';
import type { TaskEndReason, TaskRejection, TaskStatus } from '../tasks';
import { rpc } from './rpc-contract';

// ---- requests ----
interface AccountCall {
  readonly accountId: string;
}

interface TaskCall extends AccountCall {
  readonly taskId: string;
}

/** What to render: a quote request's fields (durations in whole milliseconds), for a channel. */
interface RenderCall extends AccountCall {
  readonly channel: Channel;
  readonly model: string;
  readonly durationMillis: number;
  readonly resolution?: string;
  readonly fps?: number;
  readonly complexity?: string;
  readonly videoReference?: boolean;
  readonly mode?: GenerationMode;
  /** When every slot is taken: wait in the queue instead of being refused. */
  readonly queueIfBusy?: boolean;
  /** The API key that asked, and its budget (absent: unlimited). */
  readonly keyId?: string;
  readonly keyBudget?: KeyBudget;
  /** Who asked: the key, or the signed-in member. */
  readonly actor?: Actor;
}

export interface CreateTaskCall extends RenderCall {
  readonly taskId: string;
}

/** Variations of one prompt, priced together; each becomes a task `<batchId>-<index>`. */
export interface CreateBatchCall extends RenderCall {
  readonly batchId: string;
  readonly batchSize: number;
}

export type GetTaskCall = TaskCall;
export type CancelTaskCall = TaskCall;
export type AdoptTaskCall = TaskCall;
export type UtilisationCall = AccountCall;

export interface ListTasksCall extends AccountCall {
  readonly status?: TaskStatus;
  readonly limit?: number;
  readonly after?: string;
}

/** A signed outcome webhook from the HTTP generation provider, forwarded by the gateway. */
export interface GenerationWebhookCall {
  /** The body exactly as received, base64. */
  readonly rawBody: string;
  readonly headers: Record<string, string>;
}

// ---- replies ----
/** What a client sees of a task (REST `GET /tasks/{id}`, gRPC task updates). */
export interface TaskReply {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly channel: Channel;
  readonly pool: string;
  readonly creditsReservedMillicredits: number;
  /** What was charged; null until the charge is posted. */
  readonly creditsCostMillicredits: number | null;
  readonly quote: QuoteSnapshot;
  /** Why the task ended; null while it is still under way. */
  readonly endReason: TaskEndReason | null;
  /** How much output the provider delivered; null until it delivered. */
  readonly deliveredDurationMillis: number | null;
  /** Whether the delivered output is charged in full or pro rata (a shorter output); null until it is delivered. */
  readonly chargeBasis: ChargeBasis | null;
  readonly rejection: TaskRejection | null;
  readonly batchId: string | null;
  readonly batchIndex: number | null;
  readonly preview: boolean;
  readonly adopted: boolean;
  /** Who made the task; null for a task from before actors were recorded. */
  readonly actor: Actor | null;
}

export interface TaskPageReply {
  readonly tasks: readonly TaskReply[];
  /** The cursor of the next page (`after`); null on the last. */
  readonly next: string | null;
}

export interface BatchReply {
  readonly batchId: string;
  readonly quoteId: string;
  readonly millicredits: number;
  readonly tasks: readonly TaskReply[];
}

/**
 * Points utilisation (seed 000): the share of charged credits spent on tasks whose
 * output was adopted.
 */
export interface Utilisation {
  readonly adoptedMillicredits: number;
  readonly chargedMillicredits: number;
  /** "66.67%"; null when nothing was charged yet (the share is undefined). */
  readonly percentage: string | null;
}

export interface UtilisationReply extends Utilisation {
  readonly accountId: string;
}

export interface GenerationWebhookReply {
  readonly accepted: boolean;
  readonly taskId: string;
  readonly providerJobId: string;
}

export const TasksRpc = {
  createTask: rpc<CreateTaskCall, TaskReply>('tasks', 'createTask'),
  createBatch: rpc<CreateBatchCall, BatchReply>('tasks', 'createBatch'),
  getTask: rpc<GetTaskCall, TaskReply>('tasks', 'getTask'),
  listTasks: rpc<ListTasksCall, TaskPageReply>('tasks', 'listTasks'),
  cancelTask: rpc<CancelTaskCall, TaskReply>('tasks', 'cancelTask'),
  adoptTask: rpc<AdoptTaskCall, TaskReply>('tasks', 'adoptTask'),
  utilisation: rpc<UtilisationCall, UtilisationReply>('tasks', 'utilisation'),
  generationWebhook: rpc<GenerationWebhookCall, GenerationWebhookReply>('tasks', 'generationWebhook'),
};
