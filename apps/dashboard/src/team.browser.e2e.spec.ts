import type { Page } from 'playwright-core';
import { dashboardTier, newTab, shoot, signIn } from './testing/dashboard-tier';
import { expectText, expectVisible } from './testing/page-expectations';

jest.setTimeout(90_000);

describe('the team page: members, roles and invitations in the dashboard, in Debian Chromium', () => {
  const tier = dashboardTier('team');

  /** A tab of its own (its own sessionStorage), signed in as `userId` (with `email` in the token when given) and on the Team page. */
  const signedIn = async (userId: string, email?: string): Promise<Page> => {
    const page = await newTab(tier);
    await signIn(page, await tier.platform.token(userId, email));
    await page.getByRole('link', { name: 'Team' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Team', level: 1 }));
    return page;
  };

  it('given the owner invites bob as a developer and bob accepts the code, then bob is listed, becomes a viewer, is removed, and the last owner cannot leave', async () => {
    const owner = await signedIn('dash-team', 'team-owner@example.com');
    await expectText(owner.getByTestId('own-role'), 'owner');
    // The founder is named by the address their token carried, their user id beside it.
    await expectText(owner.locator('tr[data-member="dash-team"]'), 'team-owner@example.com');
    await expectText(owner.locator('tr[data-member="dash-team"]'), 'dash-team');
    await owner.getByLabel('Email').fill('bob@example.com');
    await owner.getByLabel('Role', { exact: true }).selectOption('developer');
    await owner.getByRole('button', { name: 'Invite' }).click();
    const code = await owner.getByLabel('Invitation code').inputValue();
    expect(code).toMatch(/^inv\./);
    await expectText(owner.locator('li[data-invitation]'), 'bob@example.com as developer');
    await shoot(owner, '30-team-invitation');

    const bob = await signedIn('bob');
    await bob.getByLabel('Code you were given').fill(code);
    await bob.getByRole('button', { name: 'Accept invitation' }).click();
    await expectText(bob.getByRole('status'), 'You joined dash-team as developer');
    // The organisation joined is in bob's switcher at once.
    await expectText(bob.getByLabel('Organisation', { exact: true }), 'dash-team (developer)');

    // bob, a developer there, makes a key: the owner's Keys page names him as the Team page does.
    const made = await fetch(`${tier.platform.url}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tier.platform.token('bob')}`, 'x-organisation-id': 'dash-team', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bob ci' }),
    });
    expect(made.status).toBe(201);
    const bobsKey = ((await made.json()) as { id: string }).id;

    await owner.reload();
    const row = owner.locator('tr[data-member="bob"]');
    await expectText(row, 'bob@example.com');
    expect(await row.getByLabel('Role of bob@example.com').inputValue()).toBe('developer');
    await expectVisible(owner.getByText('No pending invitations.'));
    await owner.getByRole('link', { name: 'API keys' }).click();
    await expectText(owner.getByTestId(`maker-${bobsKey}`), 'bob@example.com');
    await owner.getByRole('link', { name: 'Team' }).click();

    const patched = owner.waitForResponse((response) => response.request().method() === 'PATCH' && response.ok());
    await owner.locator('tr[data-member="bob"]').getByLabel('Role of bob@example.com').selectOption('viewer');
    await patched;
    await owner.reload();
    expect(await owner.locator('tr[data-member="bob"]').getByLabel('Role of bob@example.com').inputValue()).toBe('viewer');
    await shoot(owner, '31-team-members');
    // A viewer may not hold keys: bob's key was revoked, and the Keys page says why.
    await owner.getByRole('link', { name: 'API keys' }).click();
    await expectText(owner.getByTestId(`revoked-${bobsKey}`), 'its maker’s role may no longer hold keys');
    await expectText(owner.getByTestId(`maker-${bobsKey}`), 'bob@example.com');
    await shoot(owner, '31b-keys-made-by-and-revoked');
    await owner.getByRole('link', { name: 'Team' }).click();

    await owner.locator('tr[data-member="bob"]').waitFor();
    await owner.getByRole('button', { name: 'Remove bob@example.com' }).click();
    await owner.locator('tr[data-member="bob"]').waitFor({ state: 'detached' });
    await owner.reload();
    await expectVisible(owner.locator('tr[data-member="dash-team"]'));
    expect(await owner.locator('tr[data-member="bob"]').count()).toBe(0);
    // A maker no longer in the organisation is named by their user id.
    await owner.getByRole('link', { name: 'API keys' }).click();
    await expectText(owner.getByTestId(`maker-${bobsKey}`), 'bob (no longer a member)');
    await owner.getByRole('link', { name: 'Team' }).click();
    await expectVisible(owner.locator('tr[data-member="dash-team"]'));

    await owner.getByRole('button', { name: 'Leave the organisation' }).click();
    await expectText(owner.getByRole('alert'), 'the last owner cannot leave');
    await expectVisible(owner.locator('tr[data-member="dash-team"]'));
    expect(tier.platform.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  it('given a user who creates a second organisation, then the switcher lists both, and balances, keys and the team follow the one chosen', async () => {
    const token = await tier.platform.token('dash-multi', 'multi@example.com');
    /** A REST call as dash-multi, in `organisationId` when given. */
    const rest = async <T,>(path: string, organisationId?: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${tier.platform.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, ...(organisationId ? { 'x-organisation-id': organisationId } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.ok).toBe(true);
      return (await response.json()) as T;
    };
    const buy = async (packId: string, organisationId?: string) => {
      const order = await rest<{ id: string }>('/v1/orders', organisationId, { kind: 'pack', pack_id: packId });
      await rest(`/v1/orders/${order.id}/confirm-sandbox-payment`, organisationId, {});
    };
    await buy('api-1000');
    await rest('/v1/api-keys', undefined, { name: 'own key' });

    const page = await signedIn('dash-multi', 'multi@example.com');
    const switcher = page.getByLabel('Organisation', { exact: true });
    expect(await switcher.inputValue()).toBe('dash-multi');
    await page.getByLabel('Name', { exact: true }).fill('Night Studio');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expectText(page.getByTestId('organisation-name'), 'Night Studio');
    const studioId = await switcher.inputValue();
    expect(studioId).toMatch(/^org_[0-9a-f]{32}$/);
    await expectText(switcher, 'Night Studio (owner)');
    await expectText(page.locator('tr[data-member="dash-multi"]'), 'multi@example.com');
    await buy('api-300', studioId);
    await rest('/v1/api-keys', studioId, { name: 'studio key' });

    await page.getByRole('link', { name: 'Overview' }).click();
    await expectText(page.getByTestId('balance-api'), '300');
    await page.getByRole('link', { name: 'API keys' }).click();
    await expectText(page.locator('tr[data-key]'), 'studio key');
    expect(await page.locator('tr[data-key]').count()).toBe(1);
    await shoot(page, '32-organisation-switcher');

    // Back in their own organisation: its credits and its key, none of the studio's.
    await switcher.selectOption('dash-multi');
    await expectText(page.locator('tr[data-key]'), 'own key');
    expect(await page.locator('tr[data-key]').count()).toBe(1);
    await page.getByRole('link', { name: 'Overview' }).click();
    await expectText(page.getByTestId('balance-api'), '1,000');
    // The choice is kept across a reload of the tab.
    await switcher.selectOption(studioId);
    await expectText(page.getByTestId('balance-api'), '300');
    await page.reload();
    await expectText(page.getByTestId('balance-api'), '300');
    expect(await page.getByLabel('Organisation', { exact: true }).inputValue()).toBe(studioId);
    await page.getByRole('link', { name: 'Team' }).click();
    await expectText(page.getByTestId('organisation-name'), 'Night Studio');
    expect(tier.platform.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
