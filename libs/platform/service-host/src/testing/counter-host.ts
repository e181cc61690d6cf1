import Database from 'better-sqlite3';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import type { MessageBus } from '@billing/messaging';
import { join } from 'node:path';
import { createLogger } from '../lib/logging/logger';
import type { ProcessorLeases } from '../lib/run/led-part';
import type { RpcDirectory } from '../lib/run/rpc-dispatch';
import type { Clock } from '../lib/service';
import { ServiceHost } from '../lib/service-host';
import { counterService, type CounterObservations } from './counter-service';

export interface CounterHost {
  readonly host: ServiceHost;
  readonly store: EventStore;
  readonly db: Database.Database;
  readonly logs: string[];
  stop(): Promise<void>;
}

/** The toy service on real SQLite files in `dir`, over the bus given; `stop` closes what it opened. */
export async function startCounterHost(options: {
  dir: string;
  bus: MessageBus;
  seen: CounterObservations;
  partitions?: number;
  directory?: RpcDirectory;
  clock?: Clock;
  instanceId?: string;
  jobEveryMillis?: number;
  jobMillis?: number;
  /** A store shared with other instances (closed by `stop`), and their leases: default a SQLite file in `dir`. */
  shared?: { store: EventStore; leases: ProcessorLeases };
}): Promise<CounterHost> {
  const store = options.shared?.store ?? openSqliteEventStore({ path: join(options.dir, 'counter.events.db') });
  const db = new Database(join(options.dir, 'counter.state.db'));
  db.pragma('journal_mode = WAL');
  const logs: string[] = [];
  const host = await ServiceHost.start({
    serviceName: 'counter',
    factory: counterService(options.seen, {
      ...(options.jobEveryMillis ? { jobEveryMillis: options.jobEveryMillis } : {}),
      ...(options.jobMillis ? { jobMillis: options.jobMillis } : {}),
    }),
    store,
    db,
    bus: options.bus,
    logger: createLogger('counter', { sink: (line) => logs.push(line) }),
    partitions: options.partitions ?? 3,
    backoff: { initialDelayMs: 5, maxDelayMs: 50 },
    ...(options.directory ? { directory: options.directory } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    ...(options.shared ? { leases: options.shared.leases } : {}),
  });
  return {
    host,
    store,
    db,
    logs,
    async stop() {
      await host.stop();
      await store.close();
      db.close();
    },
  };
}

export const reactionCounts = (db: Database.Database): Map<string, number> =>
  new Map(db.prepare<[], { event_id: string; n: number }>('SELECT event_id, COUNT(*) AS n FROM reactions GROUP BY event_id').all().map((r) => [r.event_id, r.n]));
