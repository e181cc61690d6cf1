import Database from 'better-sqlite3';
import { type EventStore, eventsBehind, type RecordedEvent, StoreProcessor } from '@billing/event-store';
import { withoutFsync } from '@billing/sqlite';
import { Signal } from '@billing/util';
import {
  type ConsumerLag,
  type IncomingMessage,
  type MessageBus,
  MessageBusClosedError,
  type MessageSubscription,
  type OutgoingMessage,
  type StoreLog,
  type SubscriptionEnd,
  type SubscriptionOptions,
  type TopicSpec,
} from '../port';
import { type RelayRoute, toOutgoingMessage } from '../relay/relay-route';
import { isDeadLetterTopic } from '../topics';

export interface StoreBusOptions {
  /** SQLite file for consumer groups' positions and dead letters (`:memory:` by default). */
  readonly path?: string;
}

interface Source {
  readonly store: EventStore;
  readonly route: RelayRoute;
}

/**
 * The embedded platform's bus: the store is the log. A topic is read straight from the
 * event store of the service that publishes it (its relay routes name the topic and
 * stream category), so no event is copied anywhere. A consumer group follows each topic
 * with a `StoreProcessor` and keeps its position per topic in this bus's file; it moves
 * after the handler resolved (at-least-once, and consumers are idempotent). Publishing to a store's topic is refused: append to the
 * store. Dead letters are kept in the file with their reason.
 */
export class StoreBus implements MessageBus {
  private readonly db: Database.Database;
  private readonly sources = new Map<string, Source>();
  private readonly registered = new Signal();
  private readonly members = new Set<StoreBusSubscription>();
  private readonly selectPosition: Database.Statement<[string, string], { position: number }>;
  /** Recomputable commits (`withoutFsync`): a position that falls back only delivers again what consumers already handled. */
  private readonly savePosition: Database.Statement<[string, string, number]>;
  private closed = false;

  constructor(options: StoreBusOptions = {}) {
    this.db = new Database(options.path ?? ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS group_positions (group_id TEXT NOT NULL, topic TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (group_id, topic));
      CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY, topic TEXT NOT NULL, key TEXT, value BLOB NOT NULL, headers TEXT NOT NULL, recorded_at INTEGER NOT NULL)`);
    this.selectPosition = this.db.prepare('SELECT position FROM group_positions WHERE group_id = ? AND topic = ?');
    this.savePosition = this.db.prepare(
      'INSERT INTO group_positions (group_id, topic, position) VALUES (?, ?, ?) ON CONFLICT (group_id, topic) DO UPDATE SET position = excluded.position',
    );
  }

  readonly storeLog: StoreLog = {
    addStore: (store: EventStore, routes: readonly RelayRoute[]): void => {
      for (const route of routes) this.sources.set(route.topic, { store, route });
      this.registered.notify();
    },
  };

  async ensureTopics(_topics: readonly TopicSpec[]): Promise<void> {
    this.assertOpen();
  }

  async describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>> {
    this.assertOpen();
    return new Map(topics.flatMap((t) => (this.sources.has(t) ? [[t, 1] as const] : [])));
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    const owned = messages.find((m) => !isDeadLetterTopic(m.topic));
    if (owned) throw new Error(`${owned.topic} is read from its service's event store: append events there instead of publishing`);
    const insert = this.db.prepare<[string, string, Buffer, string, number]>('INSERT INTO dead_letters (topic, key, value, headers, recorded_at) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const m of messages) insert.run(m.topic, m.key, m.value, JSON.stringify(m.headers ?? {}), Date.now());
    })();
  }

  /** Dead letters kept so far, oldest first. */
  deadLetters(): { topic: string; headers: Record<string, string> }[] {
    return this.db
      .prepare<[], { topic: string; headers: string }>('SELECT topic, headers FROM dead_letters ORDER BY id')
      .all()
      .map((row) => ({ topic: row.topic, headers: JSON.parse(row.headers) as Record<string, string> }));
  }

  async subscribe(options: SubscriptionOptions): Promise<MessageSubscription> {
    this.assertOpen();
    const member = new StoreBusSubscription(options, this.positions(options.groupId), (topic) => this.sourceOf(topic));
    this.members.add(member);
    void member.closed.then(() => this.members.delete(member));
    member.start();
    return member;
  }

  /** Each group's position against its topic's store: the events of the topic's category after it. */
  async consumerLag(): Promise<readonly ConsumerLag[]> {
    if (this.closed) return [];
    const rows = this.db.prepare<[], { group_id: string; topic: string; position: number }>('SELECT group_id, topic, position FROM group_positions').all();
    return Promise.all(
      rows.flatMap(({ group_id: group, topic, position }) => {
        const source = this.sources.get(topic);
        if (!source) return [];
        return [eventsBehind(source.store, position, { streamPrefixes: [`${source.route.category}-`] }).then((messages) => ({ group, topic, messages }))];
      }),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.members].map((m) => m.stop()));
    this.closed = true;
    this.db.close();
  }

  private positions(groupId: string): GroupPositions {
    return {
      load: (topic) => (this.closed ? undefined : this.selectPosition.get(groupId, topic)?.position),
      save: (topic, position) => {
        if (!this.closed) withoutFsync(this.db, () => this.savePosition.run(groupId, topic, position));
      },
    };
  }

  /** The store a topic is read from, once its service has registered it. */
  private async sourceOf(topic: string): Promise<Source> {
    for (;;) {
      const source = this.sources.get(topic);
      if (source) return source;
      this.assertOpen();
      await this.registered.next();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new MessageBusClosedError();
  }
}

interface GroupPositions {
  load(topic: string): number | undefined;
  save(topic: string, position: number): void;
}

/** One group member: one processor per topic, each following its store from the group's position. */
class StoreBusSubscription implements MessageSubscription {
  readonly closed: Promise<SubscriptionEnd>;
  private end: (end: SubscriptionEnd) => void = () => undefined;
  private outcome: SubscriptionEnd | null = null;
  private readonly stopped = new Signal();

  constructor(
    private readonly options: SubscriptionOptions,
    private readonly positions: GroupPositions,
    private readonly sourceOf: (topic: string) => Promise<Source>,
  ) {
    this.closed = new Promise((resolve) => (this.end = resolve));
  }

  start(): void {
    void Promise.all(this.options.topics.map((topic) => this.follow(topic))).then(() => this.end(this.outcome ?? { reason: 'stopped' }));
  }

  async stop(): Promise<void> {
    this.finish({ reason: 'stopped' });
    await this.closed;
  }

  private finish(outcome: SubscriptionEnd): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.stopped.notify();
  }

  private async follow(topic: string): Promise<void> {
    const stopped = this.stopped.next().then(() => null);
    const source = await Promise.race([this.sourceOf(topic), stopped]);
    if (!source || this.outcome) return;
    const { store, route } = source;
    const after = this.positions.load(topic) ?? (this.options.fromBeginning === false ? await store.headPosition() : 0);
    const processor = StoreProcessor.start({
      store,
      filter: { streamPrefixes: [`${route.category}-`] },
      after,
      ...(this.options.maxBatchSize ? { maxBatch: this.options.maxBatchSize } : {}),
      handle: async (events) => {
        await this.options.handler(events.map((e) => toIncoming(e, route)));
        const last = events[events.length - 1];
        if (last) this.positions.save(topic, last.position);
      },
    });
    const end = await Promise.race([processor.closed, stopped]);
    if (end?.reason === 'failed') this.finish({ reason: 'failed', error: end.error, topic, partition: 0, offset: String(end.position + 1) });
    await processor.stop();
  }
}
const toIncoming = (event: RecordedEvent, route: RelayRoute): IncomingMessage => {
  const message = toOutgoingMessage(event, route);
  return { topic: message.topic, partition: 0, offset: String(event.position), key: message.key, value: message.value, headers: message.headers ?? {}, payload: event.data };
};
