import { type EventStore, type RecordedEvent, StoreProcessor } from '@billing/event-store';
import type { MessageBus } from '../port';
import { backoffDelay, type RetryPolicy } from '../consumer/retry';
import { Signal } from '@billing/util';
import { sleep } from '../sleep';
import type { CheckpointStore } from './checkpoint-store';
import { type RelayRoute, routeFor, toOutgoingMessage, topicsOfRoutes } from './relay-route';

export interface OutboxRelayOptions {
  /** The checkpoint's name: one per relay. */
  readonly name: string;
  readonly store: EventStore;
  readonly bus: MessageBus;
  readonly checkpoints: CheckpointStore;
  readonly routes: readonly RelayRoute[];
  /** Most events per publish: a batch is what has piled up while the previous one was in flight. */
  readonly maxBatchSize?: number;
  /** Backoff between failed publishes; a relay never gives up, it waits for the broker. */
  readonly backoff?: Omit<RetryPolicy, 'attempts'>;
  readonly onPublished?: (events: readonly RecordedEvent[]) => void;
  readonly onPublishError?: (error: unknown, attempt: number) => void;
}

export type RelayEnd = { readonly reason: 'stopped' } | { readonly reason: 'failed'; readonly error: Error };

/**
 * The store is the outbox: the relay follows it from its checkpoint (a `StoreProcessor`) and publishes to
 * the bus. The checkpoint moves only after the broker acknowledged the batch, so a
 * crash at any step republishes (at-least-once) and never loses an event; consumers'
 * inboxes turn the repeats into no-ops.
 */
export class OutboxRelay {
  private processor: StoreProcessor | null = null;
  private readonly stopSignal = new Signal();
  private stopping = false;
  private position = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  /** The position of the last event the broker acknowledged. */
  get checkpoint(): number {
    return this.position;
  }

  /** Creates the routes' topics, then relays in the background until stopped; `closed` reports the end. */
  async start(): Promise<void> {
    const { bus, store, checkpoints, name, routes } = this.options;
    await bus.ensureTopics(topicsOfRoutes(routes));
    this.position = checkpoints.load(name);
    this.processor = StoreProcessor.start({
      store,
      filter: { streamPrefixes: routes.map((r) => `${r.category}-`) },
      after: this.position,
      maxBatch: this.options.maxBatchSize ?? 500,
      handle: async (batch) => {
        const last = batch[batch.length - 1];
        if (!last) return;
        if (!(await this.publishUntilAcknowledged(batch, last.position))) throw new RelayStoppedError();
        this.position = last.position;
        this.options.onPublished?.(batch);
      },
    });
  }

  get closed(): Promise<RelayEnd> {
    return (this.processor?.closed ?? Promise.resolve({ reason: 'stopped' as const })).then((end): RelayEnd =>
      end.reason === 'failed' && !(end.error instanceof RelayStoppedError) ? { reason: 'failed', error: end.error } : { reason: 'stopped' },
    );
  }

  /** Finishes the publish in flight (and its checkpoint); what is buffered is re-read next start. */
  async stop(): Promise<RelayEnd> {
    this.stopping = true;
    this.stopSignal.notify();
    await this.processor?.stop();
    return this.closed;
  }

  /**
   * Publishes the batch and saves the checkpoint after the broker's acknowledgement. False
   * when the relay was stopped while the broker was away: the checkpoint stays put.
   */
  private async publishUntilAcknowledged(batch: readonly RecordedEvent[], position: number): Promise<boolean> {
    const { bus, checkpoints, name } = this.options;
    const messages = batch.flatMap((event) => {
      const route = routeFor(this.options.routes, event.streamName);
      return route ? [toOutgoingMessage(event, route)] : [];
    });
    const backoff = { attempts: Infinity, initialDelayMs: 100, maxDelayMs: 5_000, ...this.options.backoff };
    for (let attempt = 1; ; attempt++) {
      try {
        await bus.publish(messages);
        await checkpoints.save(name, position);
        return true;
      } catch (error) {
        this.options.onPublishError?.(error, attempt);
        if (this.stopping) return false;
        await Promise.race([sleep(backoffDelay(backoff, attempt)), this.stopSignal.next()]);
        if (this.stopping) return false;
      }
    }
  }
}

class RelayStoppedError extends Error {
  constructor() {
    super('the relay was stopped while the broker was away');
    this.name = 'RelayStoppedError';
  }
}
