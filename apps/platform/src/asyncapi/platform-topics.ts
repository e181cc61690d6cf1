import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBus, MessageSubscription, OutgoingMessage, StoreLog, SubscriptionOptions, TopicSpec } from '@billing/messaging';
import { loadPlatformConfig } from '@billing/platform-config';
import { type ServiceDefinition, silentLogger } from '@billing/service-host';
import { openFrontDoor } from '../runtime/front-door';
import { PlatformRuntime } from '../runtime/platform-runtime';
import { START_ORDER } from '../runtime/service-catalog';
import { frontDoorTestEnvironment } from '../testing/embedded';

/** What the running platform asked of its bus: every topic it created, read or wrote, and who read what. */
export interface PlatformTopics {
  readonly topics: ReadonlySet<string>;
  /** Consumer group -> the topics it reads. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** The definitions the services' factories built (publishes, commands, RPC methods, reactors). */
  readonly definitions: readonly ServiceDefinition[];
}

/** A bus that passes everything on and keeps the name of every topic it is asked about. */
class RecordingBus implements MessageBus {
  readonly topics = new Set<string>();
  readonly groups = new Map<string, readonly string[]>();

  constructor(private readonly inner: MessageBus) {}

  get storeLog(): StoreLog | undefined {
    const log = this.inner.storeLog;
    return log && { addStore: (store, routes) => (routes.forEach((r) => this.topics.add(r.topic)), log.addStore(store, routes)) };
  }

  ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    topics.forEach((t) => this.topics.add(t.topic));
    return this.inner.ensureTopics(topics);
  }

  describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return this.inner.describeTopics(topics);
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    messages.forEach((m) => this.topics.add(m.topic));
    return this.inner.publish(messages);
  }

  subscribe(options: SubscriptionOptions): Promise<MessageSubscription> {
    options.topics.forEach((t) => this.topics.add(t));
    this.groups.set(options.groupId, [...(this.groups.get(options.groupId) ?? []), ...options.topics]);
    return this.inner.subscribe(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * Starts the embedded platform (every service, finance beside the wallet, the front door
 * with its task feed) in a scratch directory, records what it asks of its bus, and stops it.
 */
export async function recordPlatformTopics(): Promise<PlatformTopics> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-topics-'));
  const env = { ...frontDoorTestEnvironment(dir, 'platform-topics-secret-platform-topics'), LOG_LEVEL: 'error' };
  const config = loadPlatformConfig(env);
  let recorder: RecordingBus | null = null;
  const runtime = new PlatformRuntime({
    config,
    services: START_ORDER,
    logSink: () => undefined,
    wrapBus: (bus) => (recorder = new RecordingBus(bus)),
  });
  try {
    await runtime.start();
    const door = await openFrontDoor(runtime, env, { logger: silentLogger, logRequests: false });
    runtime.beforeStop(() => door.close());
    const recorded = recorder as RecordingBus | null;
    if (!recorded) throw new Error('the runtime opened no bus');
    const definitions = runtime.services.map((service) => service.host.definition);
    return { topics: new Set(recorded.topics), groups: new Map(recorded.groups), definitions };
  } finally {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
