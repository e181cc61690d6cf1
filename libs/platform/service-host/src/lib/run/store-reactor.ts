import { type EventStore, type RecordedEvent, StoreProcessor } from '@billing/event-store';
import type { CheckpointStore } from '@billing/messaging';
import type { Logger, Reactor, ReactorEvent } from '../service';
import type { ReactorSource } from '../nest/handler-roles';
import { StopFlag } from './stop-flag';
import { tracedBatch, withTraceparent } from '../tracing';
import { type Backoff, StoppedError, untilDone } from './until-done';

type StoreReactor = Reactor & { readonly source: Extract<ReactorSource, { kind: 'store' }> };

/**
 * A reactor on the service's own store: a processor from its checkpoint
 * (`reactor:<name>` in the service's database). A failed batch is retried until it
 * passes; the checkpoint moves only after `handle` resolved, so a restart resumes after
 * the last handled event: nothing lost, and repeats only of a batch that was cut short.
 */
export class StoreReactorRunner {
  private readonly stop$ = new StopFlag();
  private processor: StoreProcessor | null = null;

  constructor(
    private readonly reactor: StoreReactor,
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly logger: Logger,
    private readonly backoff: Backoff,
    private readonly maxBatchSize = 500,
  ) {}

  get checkpoint(): number {
    return this.processor?.position ?? this.checkpoints.load(this.checkpointName);
  }

  private get checkpointName(): string {
    return `reactor:${this.reactor.name}`;
  }

  async start(): Promise<void> {
    const processor = StoreProcessor.start({
      store: this.store,
      filter: this.reactor.source.filter,
      after: this.checkpoints.load(this.checkpointName),
      maxBatch: this.maxBatchSize,
      handle: (batch) => this.handle(batch),
    });
    this.processor = processor;
    void processor.closed.then((end) => {
      if (end.reason === 'failed' && !(end.error instanceof StoppedError)) this.logger.error('store reactor ended', { reactor: this.reactor.name, error: end.error });
    });
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    await this.processor?.stop();
  }

  private async handle(batch: readonly RecordedEvent[]): Promise<void> {
    const describe = (event: RecordedEvent) => ({ name: `${this.reactor.name} ${event.type}`, attributes: { 'billing.event.id': event.eventId } });
    await tracedBatch(batch, (event) => event.metadata.traceparent, describe, (traceparents) => {
      const events = batch.map((event, i) => withTraceparent(toReactorEvent(event), traceparents[i]));
      return untilDone(() => this.reactor.handle(events), {
        backoff: this.backoff,
        stop: this.stop$,
        onError: (error, attempt) => this.logger.error('reactor failed, retrying', { reactor: this.reactor.name, attempt, error, firstEventId: events[0]?.eventId }),
      });
    });
    const last = batch[batch.length - 1];
    if (!last) return;
    // A checkpoint that cannot be written (a full disk) is retried like the batch, never the end of the reactor.
    await untilDone(() => this.checkpoints.save(this.checkpointName, last.position), {
      backoff: this.backoff,
      stop: this.stop$,
      onError: (error, attempt) => this.logger.error('reactor checkpoint not written, retrying', { reactor: this.reactor.name, attempt, error, position: last.position }),
    });
  }
}

const toReactorEvent = (event: RecordedEvent): ReactorEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  streamName: event.streamName,
  revision: event.revision,
  ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
  ...(event.metadata.causationId ? { causationId: event.metadata.causationId } : {}),
});
