import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type Browser, launchChromium } from './testing/chromium';
import { buildDashboard, type EmbeddedDashboard, startEmbeddedDashboard } from './testing/embedded-dashboard';
import { expectText, expectVisible } from './testing/page-expectations';

const SCREENSHOTS = resolve(__dirname, '../../../reports/screenshots');
const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

jest.setTimeout(90_000);

describe('the team page: members, roles and invitations in the dashboard, in Debian Chromium', () => {
  let dir: string;
  let downloads: string;
  let platform: EmbeddedDashboard;
  let browser: Browser;

  /** A tab of its own (its own sessionStorage), signed in as `userId` and on the Team page. */
  const signedIn = async (userId: string): Promise<Page> => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${platform.url}/dashboard`);
    await page.getByLabel('Access token').fill(await platform.token(userId));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Overview', level: 1 }));
    await page.getByRole('link', { name: 'Team' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Team', level: 1 }));
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'dashboard-team-e2e-'));
    downloads = mkdtempSync(join(tmpdir(), 'dashboard-team-downloads-'));
    buildDashboard();
    platform = await startEmbeddedDashboard(dir);
    browser = await launchChromium(downloads);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  }, 60_000);

  it('given the owner invites bob as a developer and bob accepts the code, then bob is listed, becomes a viewer, is removed, and the last owner cannot leave', async () => {
    const owner = await signedIn('dash-team');
    await expectText(owner.getByTestId('own-role'), 'owner');
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

    await owner.reload();
    const row = owner.locator('tr[data-member="bob"]');
    await expectText(row, 'bob@example.com');
    expect(await row.getByLabel('Role of bob').inputValue()).toBe('developer');
    await expectVisible(owner.getByText('No pending invitations.'));

    const patched = owner.waitForResponse((response) => response.request().method() === 'PATCH' && response.ok());
    await row.getByLabel('Role of bob').selectOption('viewer');
    await patched;
    await owner.reload();
    expect(await owner.locator('tr[data-member="bob"]').getByLabel('Role of bob').inputValue()).toBe('viewer');
    await shoot(owner, '31-team-members');

    await owner.getByRole('button', { name: 'Remove bob' }).click();
    await owner.locator('tr[data-member="bob"]').waitFor({ state: 'detached' });
    await owner.reload();
    await expectVisible(owner.locator('tr[data-member="dash-team"]'));
    expect(await owner.locator('tr[data-member="bob"]').count()).toBe(0);

    await owner.getByRole('button', { name: 'Leave the organisation' }).click();
    await expectText(owner.getByRole('alert'), 'the last owner cannot leave');
    await expectVisible(owner.locator('tr[data-member="dash-team"]'));
    expect(platform.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
