import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RpcContract } from '@billing/contracts';
import { openSqliteEventStore } from '@billing/event-store';
import { InProcessMessageBus } from '@billing/messaging';
import { silentLogger } from '../lib/logging/logger';
import { send } from '../lib/rpc-contracts';
import { BusRpcClient } from '../lib/run/rpc-client';
import type { Clock, ServiceFactory } from '../lib/service';
import { ServiceHost } from '../lib/service-host';

export interface ServiceOnBus {
  readonly host: ServiceHost;
  /** Asks the service over the bus, as another process would: the request is serialized and validated. */
  call<Request, Reply>(contract: RpcContract<Request, Reply>, request: NoInfer<Request>): Promise<Reply>;
  stop(): Promise<void>;
}

/** One service under its host on an in-process bus, with its store and database in a fresh directory. */
export async function startServiceOnBus(
  serviceName: string,
  factory: ServiceFactory,
  options: { clock?: Clock; newId?: () => string } = {},
): Promise<ServiceOnBus> {
  const dir = mkdtempSync(join(tmpdir(), `${serviceName}-on-bus-`));
  const store = openSqliteEventStore({ path: join(dir, 'events.db') });
  const db = new Database(join(dir, 'state.db'));
  const bus = new InProcessMessageBus();
  const close = async (): Promise<void> => {
    await bus.close();
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  let host: ServiceHost;
  try {
    host = await ServiceHost.start({ serviceName, factory, store, db, bus, logger: silentLogger, partitions: 1, ...options });
  } catch (error) {
    await close();
    throw error;
  }
  const client = new BusRpcClient({ bus, caller: 'test', instanceId: 'test-1', partitions: 1, logger: silentLogger, defaultTimeoutMillis: 5_000 });
  return {
    host,
    call: (contract, request) => send(client, contract, request),
    async stop() {
      await client.close();
      await host.stop();
      await close();
    },
  };
}
