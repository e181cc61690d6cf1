import type { EventStore, RecordedEvent, Subscription } from '@billing/event-store';
import type { CheckpointStore } from '@billing/messaging';
import type { Logger, Reactor, ReactorEvent } from '../service';
import { StopFlag } from './stop-flag';
import { type Backoff, StoppedError, untilDone } from './until-done';

type StoreReactor = Extract<Reactor, { source: { kind: 'store' } }>;

/**
 * A reactor on the service's own store: a catch-up subscription from its checkpoint
 * (`reactor:<name>` in the service's database). What piled up while a batch was being
 * handled is the next batch; the checkpoint moves only after `handle` resolved, so a
 * restart resumes after the last handled event: nothing lost, and repeats only of a
 * batch that was cut short.
 */
export class StoreReactorRunner {
  private readonly stop$ = new StopFlag();
  private subscription: Subscription | null = null;
  private readonly buffer: RecordedEvent[] = [];
  private arrived: () => void = () => undefined;
  private drained: () => void = () => undefined;
  private running: Promise<void> = Promise.resolve();
  private position = 0;

  constructor(
    private readonly reactor: StoreReactor,
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly logger: Logger,
    private readonly backoff: Backoff,
    private readonly maxBatchSize = 500,
  ) {}

  get checkpoint(): number {
    return this.position;
  }

  private get checkpointName(): string {
    return `reactor:${this.reactor.name}`;
  }

  async start(): Promise<void> {
    this.position = this.checkpoints.load(this.checkpointName);
    const subscription = this.store.subscribeToAll({ afterPosition: this.position, filter: this.reactor.source.filter });
    this.subscription = subscription;
    this.running = Promise.all([this.read(subscription), this.react()]).then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof StoppedError)) this.logger.error('store reactor ended', { reactor: this.reactor.name, error });
      },
    );
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    this.arrived();
    this.drained();
    await this.subscription?.stop();
    await this.running;
  }

  private async read(subscription: Subscription): Promise<void> {
    const highWater = this.maxBatchSize * 4;
    for await (const event of subscription) {
      if (this.stop$.isRaised) return;
      this.buffer.push(event);
      this.arrived();
      if (this.buffer.length >= highWater) await new Promise<void>((resolve) => (this.drained = resolve));
    }
  }

  private async react(): Promise<void> {
    while (!this.stop$.isRaised) {
      if (this.buffer.length === 0) {
        await new Promise<void>((resolve) => (this.arrived = resolve));
        continue;
      }
      const batch = this.buffer.splice(0, this.maxBatchSize);
      this.drained();
      const events = batch.map(toReactorEvent);
      await untilDone(() => this.reactor.handle(events), {
        backoff: this.backoff,
        stop: this.stop$,
        onError: (error, attempt) => this.logger.error('reactor failed, retrying', { reactor: this.reactor.name, attempt, error, firstEventId: events[0]?.eventId }),
      });
      const last = batch[batch.length - 1];
      if (!last) continue;
      this.checkpoints.save(this.checkpointName, last.position);
      this.position = last.position;
    }
  }
}

const toReactorEvent = (event: RecordedEvent): ReactorEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  streamName: event.streamName,
  ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
  ...(event.metadata.causationId ? { causationId: event.metadata.causationId } : {}),
});
