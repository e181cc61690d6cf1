import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type Browser, launchChromium } from './chromium';
import { buildDashboard, type EmbeddedDashboard, startEmbeddedDashboard } from './embedded-dashboard';
import { expectVisible } from './page-expectations';

const SCREENSHOTS = resolve(__dirname, '../../../../reports/screenshots');

export interface DashboardTier {
  readonly platform: EmbeddedDashboard;
  readonly browser: Browser;
}

/**
 * One browser spec's world, set up before its tests and removed after: the dashboard built,
 * the platform started on a data directory of its own, Debian's Chromium. Registers the
 * `beforeAll`/`afterAll` hooks, so call it first in the `describe`; read `platform` and
 * `browser` in the tests and in hooks registered after it.
 */
export function dashboardTier(name: string): DashboardTier {
  let dir: string;
  let downloads: string;
  let platform: EmbeddedDashboard | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), `dashboard-${name}-e2e-`));
    downloads = mkdtempSync(join(tmpdir(), `dashboard-${name}-downloads-`));
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

  const started = <T>(part: T | undefined, what: string): T => {
    if (part === undefined) throw new Error(`the ${what} is not started: dashboardTier's beforeAll has not run`);
    return part;
  };
  return {
    get platform() {
      return started(platform, 'platform');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}

/** A tab of its own (its own sessionStorage), on the sign-in page. */
export async function newTab({ platform, browser }: DashboardTier): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${platform.url}/dashboard`);
  return page;
}

/** Signs in with `token` on the sign-in page, and waits for the overview. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Overview', level: 1 }));
}

/** A full-page screenshot under reports/screenshots, for reading the run afterwards. */
export const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
