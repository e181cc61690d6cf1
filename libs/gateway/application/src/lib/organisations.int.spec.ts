import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { ApiKeyStore } from './api-keys';
import { gatewayEventsPath, gatewayStatePath, openGatewayState } from './gateway-state';
import { IdempotencyStore } from './idempotency';
import { accountsInGatewayState, Organisations } from './organisations';

describe('accounts from before organisations (the gateway’s event store on disk)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'organisations-migration-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const eventsOf = async (store: EventStore) => {
    const events: { stream: string; type: string; data: unknown }[] = [];
    for await (const event of store.readAll()) events.push({ stream: event.streamName, type: event.type, data: event.data });
    return events;
  };

  it('given accounts with keys and idempotency records, when migrated and migrated again after a restart, then each is an organisation with its user as owner, by events appended once', async () => {
    const db = openGatewayState(gatewayStatePath(dir));
    new ApiKeyStore(db).issue('legacy-a', null, 'old key', {}, 1_000);
    new ApiKeyStore(db).issue('legacy-a', null, 'second key', {}, 1_000);
    await new IdempotencyStore(db).run({ accountId: 'legacy-b', channel: 'app', role: 'user' }, 'k-1', 'body', 1_000, async () => ({ status: 201, body: {} }));
    expect(accountsInGatewayState(db)).toEqual(['legacy-a', 'legacy-b']);

    let store = openSqliteEventStore({ path: gatewayEventsPath(dir) });
    expect(await new Organisations(store, () => 5_000).migrate(accountsInGatewayState(db))).toBe(2);
    const first = await eventsOf(store);
    await store.close();

    // A restart: the same migration appends nothing.
    store = openSqliteEventStore({ path: gatewayEventsPath(dir) });
    const organisations = new Organisations(store, () => 9_000);
    expect(await organisations.migrate(accountsInGatewayState(db))).toBe(0);
    expect(await eventsOf(store)).toEqual(first);
    expect(first).toEqual([
      { stream: 'organisation-legacy-a', type: 'OrganisationFounded', data: { organisationId: 'legacy-a', founderId: 'legacy-a', migrated: true, at: 5_000 } },
      { stream: 'organisation-legacy-a', type: 'MemberJoined', data: { userId: 'legacy-a', role: 'owner', invitationId: null, at: 5_000 } },
      { stream: 'organisation-legacy-b', type: 'OrganisationFounded', data: { organisationId: 'legacy-b', founderId: 'legacy-b', migrated: true, at: 5_000 } },
      { stream: 'organisation-legacy-b', type: 'MemberJoined', data: { userId: 'legacy-b', role: 'owner', invitationId: null, at: 5_000 } },
    ]);
    expect(await organisations.memberOf('legacy-a', 'legacy-a')).toEqual({ role: 'owner', joinedAt: 5_000, email: null });
    await store.close();
    db.close();
  });
});
