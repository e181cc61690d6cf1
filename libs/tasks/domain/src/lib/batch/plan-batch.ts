import type { Channel, EpochMillis, QuoteSnapshot, RequestTask } from '@billing/contracts';
import { TaskError } from '../task/task-errors';

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
  readonly now: EpochMillis;
  readonly correlationId?: string;
}

/** Task ids are derived from the batch, so a repeated batch request names the same tasks. */
export function batchTaskId(batchId: string, index: number): string {
  return `${batchId}-${index}`;
}

export function planBatch(batch: BatchRequest): readonly RequestTask[] {
  if (batch.quotes.length === 0) throw new TaskError('invalid_request', `batch ${batch.batchId} has no items`);
  return batch.quotes.map((quote, index) => {
    const taskId = batchTaskId(batch.batchId, index);
    return {
      type: 'RequestTask',
      data: {
        taskId,
        accountId: batch.accountId,
        channel: batch.channel,
        pool: batch.pool,
        quote,
        batchId: batch.batchId,
        batchIndex: index,
        queueIfBusy: batch.queueIfBusy,
        priority: batch.priority,
      },
      metadata: { commandId: `RequestTask:${taskId}`, now: batch.now, correlationId: batch.correlationId ?? batch.batchId },
    };
  });
}
