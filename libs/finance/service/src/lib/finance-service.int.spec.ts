import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FinanceRpc, type RpcContract } from '@billing/contracts';
import { createRepository, type EventStore, openSqliteEventStore } from '@billing/event-store';
import { createCheckpoint, eventStoreAuditSource, generateSigningKeyPair, openSqliteAuditSource, signingKeyFromPem, verifyingKeyFromPem } from '@billing/finance-audit';
import { type OrganisationCommand, organisationDecider, organisationStream } from '@billing/organisations-domain';
import { runAuditScenario, type AuditScenario } from '@billing/finance-audit/testing';
import { InProcessMessageBus } from '@billing/messaging';
import { ManualClock, RpcDirectory, RpcError, send, ServiceHost, silentLogger } from '@billing/service-host';
import { createFinanceService } from './finance-service';

describe('finance service under the host, reading the wallet store read-only', () => {
  let dir: string;
  let scenario: AuditScenario;
  let walletStore: EventStore;
  let ownStore: EventStore;
  let db: Database.Database;
  let bus: InProcessMessageBus;
  let host: ServiceHost;
  const keys = generateSigningKeyPair();
  const call = <Request, Reply>(method: RpcContract<Request, Reply>, request: NoInfer<Request>) => send(host.context.rpc, method, request);
  /** The gateway's organisations, as the platform hands them to finance: its events file, when there is one. */
  const organisationsFile = () => join(dir, 'gateway.events.db');
  const organisationsSource = () => (existsSync(organisationsFile()) ? openSqliteAuditSource(organisationsFile()) : undefined);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'finance-service-'));
    scenario = await runAuditScenario(dir);
    walletStore = openSqliteEventStore({ path: join(dir, 'wallet.events.db'), readOnly: true });
    const checkpoints = join(dir, 'checkpoints');
    mkdirSync(checkpoints);
    const { checkpoint } = await createCheckpoint(eventStoreAuditSource(walletStore, { location: 'wallet' }), {
      period: 'day',
      now: scenario.t0 + 25 * 3_600_000,
      signingKey: signingKeyFromPem(keys.privateKeyPem),
      verifyingKey: verifyingKeyFromPem(keys.publicKeyPem),
    });
    writeFileSync(join(checkpoints, 'checkpoint-day-2026-03-01.json'), JSON.stringify(checkpoint));
    ownStore = openSqliteEventStore({ path: join(dir, 'finance.events.db') });
    db = new Database(join(dir, 'finance.state.db'));
    bus = new InProcessMessageBus();
    host = await ServiceHost.start({
      serviceName: 'finance',
      factory: createFinanceService({ walletStore, checkpointsDir: checkpoints, verifyingKeyPem: keys.publicKeyPem, organisations: organisationsSource }),
      store: ownStore,
      db,
      bus,
      logger: silentLogger,
      partitions: 1,
      clock: new ManualClock(scenario.end),
      directory: new RpcDirectory(),
    });
  }, 60_000);
  afterAll(async () => {
    await host.stop();
    await walletStore.close();
    await ownStore.close();
    db.close();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a period, when a statement is asked for, then its closing balance is the balance as of its end', async () => {
    const to = new Date(scenario.t0 + 45 * 60_000).toISOString();
    const statement = await call(FinanceRpc.statement, {
      accountId: 'acc-a', pool: 'api', from: new Date(scenario.t0).toISOString(), to,
    });
    const balances = await call(FinanceRpc.balancesAsOf, { asOf: to, accountId: 'acc-a' });
    expect(statement.findingCount).toBe(0);
    expect(statement.closingBalanceMillicredits).toBe(balances.wallets.find((w) => w.pool === 'api')?.balanceMillicredits);
    expect(statement.closingBalanceMillicredits).toBe(985_000);
  });

  it('given the whole history, then liability reconciles and verify finds nothing, checkpoint included', async () => {
    const liability = await call(FinanceRpc.liability, {
      asOf: new Date(scenario.end).toISOString(),
      from: new Date(scenario.t0).toISOString(),
    });
    expect(liability.pools.map((p) => [p.pool, p.reconciles])).toEqual([['api', true], ['app', true]]);
    expect(liability.pools[0]?.revenueRecognisedCents).toEqual({ USD: 748 });
    const verify = await call(FinanceRpc.verify, {});
    expect(verify).toMatchObject({ verified: true, checkpoints: 1, findingCount: 0, organisations: null });
    const listed = await call(FinanceRpc.checkpoints, {});
    // Four wallets: each its March books and its list of periods.
    expect(listed).toEqual([expect.objectContaining({ name: 'checkpoint-day-2026-03-01.json', signatureValid: true, streams: 8 })]);
  });

  it('given a request without an instant, then a validation problem', async () => {
    await expect(call(FinanceRpc.balancesAsOf, { asOf: 'yesterday' })).rejects.toBeInstanceOf(RpcError);
    await expect(call(FinanceRpc.statement, { accountId: 'acc-a', pool: 'api', from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' })).rejects.toMatchObject({
      problem: { type: 'validation', status: 400 },
    });
  });

  it('given the gateway’s organisations beside, then verify audits them with the wallets: an account without one, and a tampered history, are findings', async () => {
    const gatewayEvents = openSqliteEventStore({ path: organisationsFile() });
    try {
      const repository = createRepository({ store: gatewayEvents, decider: organisationDecider, schemaVersionOf: () => 1 });
      const found = (id: string) =>
        repository.handle(organisationStream(id), { type: 'FoundOrganisation', data: { organisationId: id, founderId: id, migrated: true }, metadata: { commandId: `found-${id}`, now: scenario.end } } as OrganisationCommand);
      await found('acc-a');
      await found('acc-b-with-dash');

      const partial = await call(FinanceRpc.verify, { scope: 'chain' });
      expect(partial).toMatchObject({ verified: false, findingCount: 1, organisations: { organisations: 2, migrated: 2, members: 2, accounts: 3, findingCount: 1 } });
      expect(partial.findings).toEqual([
        expect.objectContaining({ kind: 'invariant', rule: 'account_in_an_organisation', streamName: 'wallet-acc-c-app', message: 'account acc-c has a wallet (pool app) but belongs to no organisation' }),
      ]);

      await found('acc-c');
      expect(await call(FinanceRpc.verify, {})).toMatchObject({ verified: true, checkpoints: 1, findingCount: 0, organisations: { organisations: 3, accounts: 3, eventsRead: 6, findingCount: 0 } });

      // Appended behind the decider's back: the only owner removed.
      await gatewayEvents.appendToStream(organisationStream('acc-c'), [{ eventId: 'forged-1', type: 'MemberRemoved', schemaVersion: 1, data: { userId: 'acc-c', by: 'acc-c', at: scenario.end } }], 1);
      const tampered = await call(FinanceRpc.verify, {});
      expect(tampered).toMatchObject({ verified: false, findingCount: 1, organisations: { findingCount: 1 } });
      expect(tampered.findings).toEqual([expect.objectContaining({ rule: 'organisation_keeps_an_owner', streamName: 'organisation-acc-c', revision: 2 })]);
    } finally {
      await gatewayEvents.close();
    }
  });
});
