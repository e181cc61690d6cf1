import type { BatchHandler, MessageSubscription, SubscriptionEnd } from '../port';
import { Signal } from '@billing/util';
import { type PartitionLog, partitionId } from './partition-log';

export interface AssignedPartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * The in-process group member: one loop per partition, run concurrently, each handing
 * its partition's messages over in order and committing only after the handler resolved.
 */
export class InProcessSubscription implements MessageSubscription {
  readonly closed: Promise<SubscriptionEnd>;
  private end: (end: SubscriptionEnd) => void = () => undefined;
  private outcome: SubscriptionEnd | null = null;
  private readonly stopSignal = new Signal();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly log: PartitionLog,
    private readonly groupId: string,
    private readonly handler: BatchHandler,
    private readonly maxBatchSize: number,
    private readonly wakeOf: (id: string) => Signal,
    private readonly onEnd: (s: InProcessSubscription) => void,
  ) {
    this.closed = new Promise((resolve) => (this.end = resolve));
  }

  start(partitions: readonly AssignedPartition[], fromBeginning: boolean): void {
    for (const { topic, partition } of partitions) {
      if (this.log.committed(this.groupId, topic, partition) === undefined) {
        this.log.commit(this.groupId, topic, partition, fromBeginning ? 0 : this.log.endOffset(topic, partition));
      }
    }
    this.loops = partitions.map((p) => this.consume(p));
    void Promise.all(this.loops).then(() => {
      this.onEnd(this);
      this.end(this.outcome ?? { reason: 'stopped' });
    });
  }

  async stop(): Promise<void> {
    this.finish({ reason: 'stopped' });
    await this.closed;
  }

  private async consume({ topic, partition }: AssignedPartition): Promise<void> {
    const wake = this.wakeOf(partitionId(topic, partition));
    while (!this.outcome) {
      const woken = wake.next();
      const from = this.log.committed(this.groupId, topic, partition) ?? 0;
      const batch = this.log.read(topic, partition, from, this.maxBatchSize);
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) {
        await Promise.race([woken, this.stopSignal.next()]);
        continue;
      }
      try {
        await this.handler(batch);
      } catch (error) {
        this.finish({ reason: 'failed', error: error instanceof Error ? error : new Error(String(error)), topic, partition, offset: first.offset });
        return;
      }
      this.log.commit(this.groupId, topic, partition, Number(last.offset) + 1);
    }
  }

  private finish(end: SubscriptionEnd): void {
    if (this.outcome) return;
    this.outcome = end;
    this.stopSignal.notify();
  }
}
