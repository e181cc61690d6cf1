import type { Actor, Channel, KeyBudget, QuoteSnapshot } from '@billing/contracts';
import { TaskError } from '../task/task-errors';
import type { TaskRequest } from '../task/task-request';

/**
 * A batch of variations: one quote per item, each already carrying its own price (the
 * batch discount applies per item at quote time). Each item becomes a task of its own,
 * so each is charged or refunded on its own outcome.
 */
export interface BatchRequest {
  readonly batchId: string;
  readonly accountId: string;
  readonly channel: Channel;
  readonly pool: string;
  readonly quotes: readonly QuoteSnapshot[];
  readonly queueIfBusy: boolean;
  readonly priority: boolean;
  readonly keyId?: string;
  readonly keyBudget?: KeyBudget;
  readonly actor?: Actor;
}

/** Task ids are derived from the batch, so a repeated batch request names the same tasks. */
export function batchTaskId(batchId: string, index: number): string {
  return `${batchId}-${index}`;
}

/** The batch's tasks in order; each takes a slot, queues or is refused as it is requested. */
export function planBatch(batch: BatchRequest): readonly TaskRequest[] {
  if (batch.quotes.length === 0) throw new TaskError('invalid_request', `batch ${batch.batchId} has no items`);
  const { quotes, batchId, ...shared } = batch;
  return quotes.map((quote, index) => ({ ...shared, taskId: batchTaskId(batchId, index), quote, batchId, batchIndex: index }));
}
