import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES, WalletRpc, walletStreamName } from '@billing/contracts';
import { signAppToken } from '@billing/gateway-application';
import { send } from '@billing/service-host';
import { type FrontDoor, openFrontDoor } from '../runtime/front-door';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { frontDoorTestEnvironment, startEmbedded } from '../testing/embedded';
import { fundAccounts } from '../testing/saga-workload';

const SECRET = 'organisation-migration-e2e-secret-0123456789';

interface Verification {
  verified: boolean;
  finding_count: number;
  findings: { rule: string; message: string }[];
  organisations: { organisations: number; migrated: number; members: number; accounts: number | null; finding_count: number } | null;
}

/*
 * A deployment from before organisations: wallets funded through the wallet's command topic
 * (as the purchase workflow and plan grants did), never through the gateway, so the gateway
 * holds no key or idempotency record of them. When the gateway starts, it asks the wallet for
 * every account and founds each an organisation with its user as owner.
 */
describe('the migration to organisations covers every account with a wallet, not only those the gateway has seen', () => {
  let dir: string;
  let runtime: PlatformRuntime;
  const environment = () => frontDoorTestEnvironment(dir, SECRET);
  const accounts = ['legacy-ann', 'legacy-bob', 'legacy-cy'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'organisation-migration-e2e-'));
    runtime = await startEmbedded(dir, environment());
    const now = Date.now();
    await fundAccounts(runtime.commands, accounts.slice(0, 2), (index) => (index + 1) * 100_000, now);
    // A plan's grant in another pool: an account whose only wallet is its App pool.
    const grantee = accounts[2] ?? '';
    await runtime.commands.send(SERVICES.wallet, [
      {
        accountId: grantee,
        streamName: walletStreamName(grantee, 'app'),
        command: { type: 'GrantCredits', data: { grantId: `grant-${grantee}`, millicredits: 50_000, source: { kind: 'plan', reference: 'explorer' }, expiresAt: null }, metadata: { commandId: `grant-${grantee}`, now } },
      },
    ]);
    for (const deadline = Date.now() + 15_000; ; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const { accountIds } = await send(runtime.rpc, WalletRpc.accounts, {});
      if (accounts.every((accountId) => accountIds.includes(accountId))) break;
      if (Date.now() > deadline) throw new Error(`the wallets were not funded: ${accountIds.join(', ')}`);
    }
  }, 60_000);
  afterAll(async () => {
    await runtime?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = async (door: FrontDoor): Promise<Verification> => {
    const finance = await signAppToken(SECRET, 'fiona', { role: 'finance', now: Date.now(), ttlSeconds: 600 });
    const response = await fetch(`${door.http.url}/v1/finance/verify`, { headers: { authorization: `Bearer ${finance}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Verification;
  };

  const foundings = async (door: FrontDoor) => {
    const founded: { stream: string; data: unknown }[] = [];
    for await (const event of door.organisationEvents.readAll()) if (event.type === 'OrganisationFounded') founded.push({ stream: event.streamName, data: event.data });
    return founded;
  };

  it('given the wallet pages its accounts, then every page is in id order and the last says no more follow', async () => {
    const first = await send(runtime.rpc, WalletRpc.accounts, { limit: 2 });
    expect(first).toEqual({ accountIds: ['legacy-ann', 'legacy-bob'], next: 'legacy-bob' });
    expect(await send(runtime.rpc, WalletRpc.accounts, { after: 'legacy-bob', limit: 2 })).toEqual({ accountIds: ['legacy-cy'], next: null });
  });

  it('given wallets funded before organisations, when the gateway starts, then each account is an organisation with its user as owner and verify is clean; a restart founds nothing again', async () => {
    const door = await openFrontDoor(runtime, environment(), { logRequests: false });
    try {
      // Read before any request: the authenticator's founding on a user's first request plays no part.
      const founded = await foundings(door);
      expect(founded.map((event) => event.stream).sort()).toEqual(accounts.map((accountId) => `organisation-${accountId}`));
      for (const accountId of accounts) {
        expect(founded.find((event) => event.stream === `organisation-${accountId}`)?.data).toMatchObject({ organisationId: accountId, founderId: accountId, migrated: true });
      }
      const verification = await verify(door);
      expect(verification).toMatchObject({ verified: true, finding_count: 0, findings: [] });
      // Finance's own user is an organisation too, founded on its first request (it holds no wallet).
      expect(verification.organisations).toMatchObject({ organisations: 4, migrated: 3, accounts: 3, finding_count: 0 });

      const token = await signAppToken(SECRET, 'legacy-cy', { now: Date.now(), ttlSeconds: 600 });
      const organisation = (await (await fetch(`${door.http.url}/v1/organisation`, { headers: { authorization: `Bearer ${token}` } })).json()) as { members: { user_id: string; role: string }[] };
      expect(organisation.members).toEqual([expect.objectContaining({ user_id: 'legacy-cy', role: 'owner' })]);
    } finally {
      await door.close();
    }

    const again = await openFrontDoor(runtime, environment(), { logRequests: false });
    try {
      // Founded once each: the three migrated, and finance's user on its first request.
      expect((await foundings(again)).map((event) => event.stream).sort()).toEqual(['organisation-fiona', ...accounts.map((accountId) => `organisation-${accountId}`)]);
      expect(await verify(again)).toMatchObject({ verified: true, finding_count: 0 });
    } finally {
      await again.close();
    }
  }, 60_000);
});
