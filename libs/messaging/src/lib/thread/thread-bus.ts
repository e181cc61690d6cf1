import {
  type CheckpointedPublisher,
  type IncomingMessage,
  type MessageBus,
  MessageBusClosedError,
  type MessageSubscription,
  type OutgoingMessage,
  type PublisherCheckpoint,
  type SubscriptionEnd,
  type SubscriptionOptions,
  type TopicSpec,
} from '../port';
import { type PortLike, PortPeer } from './port-peer';

/**
 * A bus shared by the threads of one process: the thread that owns the bus serves it
 * over a port (`serveBusOverPort`), and a service thread uses it through `ThreadMessageBus`
 * as if it were its own. Publishes, checkpointed publishes and topic calls are forwarded;
 * a subscription is made on the owner's bus, whose handler hands each batch to the
 * service thread and resolves when that thread's handler did, so offsets move exactly
 * as they would in one thread (at-least-once, nothing skipped on a failed batch).
 */

interface WireOutgoing {
  readonly topic: string;
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

interface WireIncoming extends Omit<IncomingMessage, 'value'> {
  readonly value: Uint8Array;
}

interface WireSubscribe {
  readonly id: number;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  readonly maxBatchSize?: number;
}

type WireEnd =
  | { readonly reason: 'stopped' }
  | { readonly reason: 'failed'; readonly name: string; readonly message: string; readonly topic: string; readonly partition: number; readonly offset: string };

// A Buffer is often a view into a shared 8 KiB pool, which a structured clone would copy
// whole: the bytes go as an array of their own, and come back as a Buffer over it.
const bytesOf = (value: Buffer): Uint8Array => new Uint8Array(value);
const bufferOf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const toWireOutgoing = (m: OutgoingMessage): WireOutgoing => ({ topic: m.topic, key: m.key, value: bytesOf(m.value), ...(m.headers ? { headers: m.headers } : {}) });
const fromWireOutgoing = (m: WireOutgoing): OutgoingMessage => ({ ...m, value: bufferOf(m.value) });

/** Serves `bus` to the thread at the other end of `port`; `close` ends that thread's subscriptions. */
export function serveBusOverPort(bus: MessageBus, port: PortLike): { close(): Promise<void> } {
  const subscriptions = new Map<number, MessageSubscription>();
  let gone = false;
  const peer: PortPeer = new PortPeer(port, {
    describe: () => ({ checkpointed: bus.checkpointed !== undefined }),
    ensureTopics: (topics: readonly TopicSpec[]) => bus.ensureTopics(topics),
    describeTopics: async (topics: readonly string[]) => [...(await bus.describeTopics(topics))],
    publish: (messages: readonly WireOutgoing[]) => bus.publish(messages.map(fromWireOutgoing)),
    loadCheckpoint: (name: string) => checkpointedOf(bus).loadCheckpoint(name),
    publishWithCheckpoints: ({ messages, checkpoints }: { messages: readonly WireOutgoing[]; checkpoints: readonly PublisherCheckpoint[] }) =>
      checkpointedOf(bus).publishWithCheckpoints(messages.map(fromWireOutgoing), checkpoints),
    subscribe: async ({ id, groupId, topics, fromBeginning, maxBatchSize }: WireSubscribe) => {
      const subscription = await bus.subscribe({
        groupId,
        topics,
        ...(fromBeginning !== undefined ? { fromBeginning } : {}),
        ...(maxBatchSize !== undefined ? { maxBatchSize } : {}),
        handler: (batch) => peer.request('deliver', { id, batch: batch.map((m): WireIncoming => ({ ...m, value: bytesOf(m.value) })) }),
      });
      subscriptions.set(id, subscription);
      // The thread ended while this subscribe was under way: the group must not keep a member for it.
      if (gone) void subscription.stop();
      void subscription.closed.then((end) => {
        subscriptions.delete(id);
        peer.notify('closed', { id, end: toWireEnd(end) });
      });
    },
    unsubscribe: async (id: number) => {
      const subscription = subscriptions.get(id);
      if (!subscription) return;
      await subscription.stop();
      await subscription.closed;
    },
  });
  const stopAll = async (): Promise<void> => {
    await Promise.all([...subscriptions.values()].map((s) => s.stop()));
  };
  peer.onGone(() => {
    gone = true;
    void stopAll();
  });
  return {
    close: async () => {
      await stopAll();
      peer.close();
    },
  };
}

function checkpointedOf(bus: MessageBus): CheckpointedPublisher {
  if (!bus.checkpointed) throw new Error('This bus keeps no publisher checkpoints');
  return bus.checkpointed;
}

function toWireEnd(end: SubscriptionEnd): WireEnd {
  if (end.reason === 'stopped') return end;
  return { reason: 'failed', name: end.error.name, message: end.error.message, topic: end.topic, partition: end.partition, offset: end.offset };
}

function fromWireEnd(end: WireEnd): SubscriptionEnd {
  if (end.reason === 'stopped') return end;
  const error = Object.assign(new Error(end.message), { name: end.name });
  return { reason: 'failed', error, topic: end.topic, partition: end.partition, offset: end.offset };
}

class ThreadSubscription implements MessageSubscription {
  readonly closed: Promise<SubscriptionEnd>;
  private settle: (end: SubscriptionEnd) => void = () => undefined;

  constructor(
    readonly handler: SubscriptionOptions['handler'],
    private readonly stopping: () => Promise<void>,
  ) {
    this.closed = new Promise((resolve) => (this.settle = resolve));
  }

  async stop(): Promise<void> {
    await this.stopping().catch(() => undefined);
    this.end({ reason: 'stopped' });
  }

  end(end: SubscriptionEnd): void {
    this.settle(end);
  }
}

/** The bus of another thread of this process (see `serveBusOverPort`). */
export class ThreadMessageBus implements MessageBus {
  private readonly peer: PortPeer;
  private readonly subscriptions = new Map<number, ThreadSubscription>();
  private nextId = 1;
  private closed = false;
  private publisher: CheckpointedPublisher | undefined;

  private constructor(port: PortLike) {
    this.peer = new PortPeer(port, {
      deliver: async ({ id, batch }: { id: number; batch: readonly WireIncoming[] }) => {
        const subscription = this.subscriptions.get(id);
        if (!subscription) throw new Error(`No subscription ${id} in this thread`);
        await subscription.handler(batch.map((m): IncomingMessage => ({ ...m, value: bufferOf(m.value) })));
      },
      closed: ({ id, end }: { id: number; end: WireEnd }) => {
        this.subscriptions.get(id)?.end(fromWireEnd(end));
        this.subscriptions.delete(id);
      },
    });
    this.peer.onGone((reason) => {
      for (const s of this.subscriptions.values()) s.end({ reason: 'failed', error: new Error(`The bus's thread is gone: ${reason}`), topic: '', partition: -1, offset: '-1' });
      this.subscriptions.clear();
    });
  }

  /** Connects to the bus served at the other end of `port`. */
  static async connect(port: PortLike): Promise<ThreadMessageBus> {
    const bus = new ThreadMessageBus(port);
    const { checkpointed } = await bus.peer.request<{ checkpointed: boolean }>('describe', null);
    if (checkpointed) {
      bus.publisher = {
        loadCheckpoint: (name) => bus.whileOpen(() => bus.peer.request<number | undefined>('loadCheckpoint', name)),
        publishWithCheckpoints: (messages, checkpoints) =>
          bus.whileOpen(() => bus.peer.request<void>('publishWithCheckpoints', { messages: messages.map(toWireOutgoing), checkpoints })),
      };
    }
    return bus;
  }

  /** Present when the served bus keeps publishers' checkpoints. */
  get checkpointed(): CheckpointedPublisher | undefined {
    return this.publisher;
  }

  ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    return this.whileOpen(() => this.peer.request('ensureTopics', topics));
  }

  async describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return new Map(await this.whileOpen(() => this.peer.request<[string, number][]>('describeTopics', topics)));
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return this.whileOpen(() => this.peer.request('publish', messages.map(toWireOutgoing)));
  }

  async subscribe(options: SubscriptionOptions): Promise<MessageSubscription> {
    const id = this.nextId++;
    const subscription = new ThreadSubscription(options.handler, () => this.peer.request('unsubscribe', id));
    this.subscriptions.set(id, subscription);
    const { groupId, topics, fromBeginning, maxBatchSize } = options;
    try {
      await this.whileOpen(() =>
        this.peer.request('subscribe', {
          id,
          groupId,
          topics,
          ...(fromBeginning !== undefined ? { fromBeginning } : {}),
          ...(maxBatchSize !== undefined ? { maxBatchSize } : {}),
        } satisfies WireSubscribe),
      );
    } catch (error) {
      this.subscriptions.delete(id);
      throw error;
    }
    return subscription;
  }

  /** Stops this thread's subscriptions and lets go of the port; the bus itself stays open in its own thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    this.peer.close();
  }

  private whileOpen<T>(work: () => Promise<T>): Promise<T> {
    return this.closed ? Promise.reject(new MessageBusClosedError()) : work();
  }
}
