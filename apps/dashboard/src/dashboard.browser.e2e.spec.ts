import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { eventuallyValue } from '@billing/util/testing';
import { dashboardTier, newTab, shoot } from './testing/dashboard-tier';
import type { EmbeddedDashboard } from './testing/embedded-dashboard';
import { expectText, expectVisible } from './testing/page-expectations';

interface TaskBody {
  readonly id: string;
  readonly status: string;
  readonly pool: string;
  readonly credits_cost: number | null;
}

async function api<T>(url: string, credential: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${credential}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function apiBalance(platform: EmbeddedDashboard, token: string): Promise<number> {
  const { body } = await api<{ balances: { pool: string; balance: number }[] }>(`${platform.url}/v1/balances`, token);
  return body.balances.find((b) => b.pool === 'api')?.balance ?? 0;
}

jest.setTimeout(60_000);

describe('the API dashboard in Debian Chromium against the embedded platform', () => {
  const tier = dashboardTier('app');
  let page: Page;
  let token: string;
  let key: string;
  let keyTaskId: string;
  let budgetKey: string;
  let budgetKeyId: string;
  let budgetTaskId: string;

  beforeAll(async () => {
    page = await newTab(tier);
    token = await tier.platform.token('dash-alice');
  });

  it('given a bad token, then sign-in says so in words; given a good one, then the overview shows both pools and 0 of 6 tasks running', async () => {
    await page.goto(`${tier.platform.url}/dashboard`);
    await page.getByLabel('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: 'Sign in again with a fresh token' }));
    await shoot(page, '01-sign-in');

    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Overview', level: 1 }));
    await expectText(page.getByTestId('balance-api'), '0');
    await expectText(page.getByTestId('balance-app'), '0');
    await expectText(page.getByTestId('concurrency'), '0 of 6 running');
    await expectVisible(page.getByText('Pay as you go'));
    await shoot(page, '02-overview');
  });

  it('given the OpenAPI document, then the routes the dashboard added are described', async () => {
    const document = (await (await fetch(`${tier.platform.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/account', '/v1/usage', '/v1/sandbox/checkout/{id}']));
  });

  it('given the API packs with their price per credit, when one is bought through the sandbox, then the API balance rises by exactly its credits', async () => {
    const before = await apiBalance(tier.platform, token);
    await page.getByRole('link', { name: 'Buy credits' }).click();
    const pack = page.locator('tr[data-pack="api-1000"]');
    await expectText(pack, '$0.072');
    await expectText(page.locator('tr[data-pack="api-300"]'), '$0.080');
    await expectText(page.locator('tr[data-pack="api-100000"]'), '$0.032');
    await expectVisible(page.getByRole('heading', { name: 'App credit packs' }));
    await shoot(page, '03-buy-credits');

    await page.getByRole('button', { name: 'Buy 1,000 API credits for $72' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Sandbox checkout', level: 1 }));
    await shoot(page, '04-sandbox-checkout');
    await page.getByRole('button', { name: 'Pay $72' }).click();
    await expectText(page.getByTestId('payment-result'), `Your API balance is now ${(before + 1000).toLocaleString('en-US')} credits (+1,000)`);
    expect(await apiBalance(tier.platform, token)).toBe(before + 1000);
    await shoot(page, '05-payment-confirmed');

    // The sandbox provider's checkout URL leads to the same view (there, already paid).
    const orderId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const redirect = await fetch(`${tier.platform.url}/v1/sandbox/checkout/${orderId}`, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(`/dashboard/checkout/${orderId}`);
    await page.goto(`${tier.platform.url}/v1/sandbox/checkout/${orderId}`);
    await expectText(page.getByTestId('payment-result'), 'This order is already paid');

    // Its receipt is on the buy page: what was paid and what it bought.
    await page.goto(`${tier.platform.url}/dashboard/buy`);
    const receipt = page.locator(`tr[data-receipt="order:${orderId}"]`);
    await expectText(receipt, '$72');
    await expectText(receipt, '1,000 API');
    await shoot(page, '05b-receipts');
  });

  it('when a key is created, then its secret is shown once with a copy button, and it runs a task over HTTP on the API pool', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('browser test');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByLabel('New API key secret');
    await expectVisible(secret);
    key = await secret.inputValue();
    expect(key).toMatch(/^bk_/);
    await expectVisible(page.getByRole('button', { name: 'Copy key' }));
    await expectVisible(page.getByText('it is shown this once'));
    await shoot(page, '06-api-key-created');

    // Shown once: back on the page, the list has the key's prefix, never its secret.
    await page.reload();
    await expectVisible(page.getByRole('cell', { name: 'browser test', exact: true }));
    expect(await page.getByLabel('New API key secret').count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    const created = await api<TaskBody>(`${tier.platform.url}/v1/tasks`, key, 'POST', { model: 'seedance-2.0', duration_seconds: 5 });
    expect(created.status).toBe(201);
    keyTaskId = created.body.id;
    const charged = await eventuallyValue(() => api<TaskBody>(`${tier.platform.url}/v1/tasks/${keyTaskId}`, key), (task) => task.body.credits_cost !== null);
    expect(charged.body).toMatchObject({ pool: 'api', status: 'charged', credits_cost: 75 });
  });

  it('then the usage page shows that task’s credits_cost, the day’s chart and a CSV export of the ledger', async () => {
    await page.getByRole('link', { name: 'Usage' }).click();
    await expectText(page.getByTestId(`cost-${keyTaskId}`), '75');
    await expectText(page.getByTestId('usage-total'), '75');
    await expectVisible(page.locator('.recharts-surface').first());
    await page.locator(`tr[data-task="${keyTaskId}"] summary`).click();
    await expectVisible(page.getByRole('list', { name: `Quote breakdown of ${keyTaskId}` }));
    await shoot(page, '07-usage');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('position,at,pool,type,credits,balance_change,held_change,balance,held,available,task_id,purchase_id,reason');
    expect(csv).toContain(`CreditsCharged,75,`);
    expect(csv).toContain(keyTaskId);
  });

  it('given the quote calculator, then every factor is shown, and a task the API pool cannot pay is refused in words', async () => {
    await page.getByRole('link', { name: 'Quote calculator' }).click();
    await page.getByLabel('Model').fill('seedance-2.0');
    await page.getByLabel('Duration (seconds)').fill('3600');
    await page.getByLabel('With a video reference').check();
    await page.getByRole('button', { name: 'Get quote' }).click();
    await expectText(page.getByTestId('quote-credits'), '108,000');
    await expectVisible(page.getByRole('table', { name: 'Quote breakdown' }));
    await shoot(page, '08-quote-calculator');

    await page.getByLabel('API key (optional)').fill(key);
    await page.getByRole('button', { name: 'Run task' }).click();
    await expectText(page.getByRole('alert'), 'Not enough API credits: 925 available, 108,000 needed');
    await shoot(page, '09-insufficient-credits');
  });

  it('when the key is revoked (after a confirmation), then it is refused over HTTP', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Revoke browser test' }).click();
    await expectVisible(page.getByRole('group', { name: 'Confirm revoking browser test' }));
    await shoot(page, '10-revoke-confirmation');
    await page.getByRole('button', { name: 'Yes, revoke browser test' }).click();
    await expectText(page.locator('tr', { hasText: 'browser test' }), 'Revoked');
    // Who made it (the signed-in user, no address known: their user id) and why it was revoked.
    const keyId = String(await page.locator('tr', { hasText: 'browser test' }).getAttribute('data-key'));
    await expectText(page.getByTestId(`maker-${keyId}`), 'dash-alice');
    await expectText(page.getByTestId(`revoked-${keyId}`), 'revoked by a member');
    const refused = await api<{ type: string }>(`${tier.platform.url}/v1/balances`, key);
    expect(refused.status).toBe(401);
    await shoot(page, '11-key-revoked');
  });

  it('given a key made with scopes and a budget, then the list shows them and the budget’s remainder after a task; rotated, the overlap’s end is shown and both secrets work', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('ci budget');
    await page.getByLabel('Budget (credits, optional)').fill('100');
    await page.getByLabel('tasks:write', { exact: true }).check();
    await page.getByLabel('tasks:read', { exact: true }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByLabel('New API key secret');
    await expectVisible(secret);
    budgetKey = await secret.inputValue();
    const listed = await api<{ api_keys: { id: string; name: string; scopes: string[] | null }[] }>(`${tier.platform.url}/v1/api-keys`, token);
    const made = listed.body.api_keys.find((candidate) => candidate.name === 'ci budget');
    expect(made?.scopes).toEqual(['tasks:write', 'tasks:read']);
    budgetKeyId = String(made?.id);
    const row = page.locator(`tr[data-key="${budgetKeyId}"]`);
    await expectText(row, 'tasks:write, tasks:read');
    await expectText(page.getByTestId(`budget-${budgetKeyId}`), '0 of 100 per month (100 left)');

    const created = await api<TaskBody>(`${tier.platform.url}/v1/tasks`, budgetKey, 'POST', { model: 'seedance-2.0', duration_seconds: 5 });
    expect(created.status).toBe(201);
    budgetTaskId = created.body.id;
    await eventuallyValue(() => api<TaskBody>(`${tier.platform.url}/v1/tasks/${budgetTaskId}`, budgetKey), (task) => task.body.status === 'charged');
    expect((await api(`${tier.platform.url}/v1/balances`, budgetKey)).status).toBe(403);
    await page.reload();
    await expectText(page.getByTestId(`budget-${budgetKeyId}`), '75 of 100 per month (25 left)');
    await shoot(page, '11b-key-scopes-budget');

    await page.getByRole('button', { name: 'Rotate ci budget' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm rotating ci budget' });
    await confirm.getByLabel('The old secret keeps working for').selectOption({ label: '1 hour' });
    const before = Date.now();
    await page.getByRole('button', { name: 'Yes, rotate ci budget' }).click();
    await expectText(page.getByTestId('overlap-end'), 'The old secret keeps working until');
    const rotated = await secret.inputValue();
    expect(rotated).not.toBe(budgetKey);
    const keys = await api<{ api_keys: { id: string; previous_secret_expires_at: string | null }[] }>(`${tier.platform.url}/v1/api-keys`, token);
    const until = Date.parse(String(keys.body.api_keys.find((candidate) => candidate.id === budgetKeyId)?.previous_secret_expires_at));
    expect(until).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_600_000 - 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 3_600_000);
    await expectText(page.getByTestId('overlap-end'), new Date(until).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }));
    await expectText(page.getByTestId(`overlap-${budgetKeyId}`), 'Old secret works until');
    for (const credential of [budgetKey, rotated]) expect((await api(`${tier.platform.url}/v1/tasks/${budgetTaskId}`, credential)).status).toBe(200);
    await shoot(page, '11c-key-rotated');
  });

  it('given tasks by two keys and by the signed-in member, then the usage page shows credits per key and per member', async () => {
    const order = await api<{ id: string }>(`${tier.platform.url}/v1/orders`, token, 'POST', { kind: 'pack', pack_id: 'app-300' });
    expect((await api(`${tier.platform.url}/v1/orders/${order.body.id}/confirm-sandbox-payment`, token, 'POST')).status).toBe(200);
    const byMember = await api<TaskBody>(`${tier.platform.url}/v1/tasks`, token, 'POST', { model: 'seedance-2.0-fast', duration_seconds: 2.5 });
    expect(byMember.status).toBe(201);
    const charged = await eventuallyValue(() => api<TaskBody>(`${tier.platform.url}/v1/tasks/${byMember.body.id}`, token), (task) => task.body.status === 'charged');
    expect(charged.body).toMatchObject({ pool: 'app', credits_cost: 25 });
    const listed = await api<{ api_keys: { id: string; name: string }[] }>(`${tier.platform.url}/v1/api-keys`, token);
    const firstKeyId = String(listed.body.api_keys.find((candidate) => candidate.name === 'browser test')?.id);

    await page.getByRole('link', { name: 'Usage' }).click();
    await page.locator('section[aria-labelledby="charged-title"]').getByLabel('Pool').selectOption({ label: 'Both pools' });
    const perKey = page.getByRole('table', { name: 'Credits charged per API key' });
    await expectText(perKey.locator(`tr[data-actor="key:${firstKeyId}:api"]`), 'browser test');
    await expectText(perKey.locator(`tr[data-actor="key:${firstKeyId}:api"]`), '75');
    await expectText(perKey.locator(`tr[data-actor="key:${budgetKeyId}:api"]`), 'ci budget');
    await expectText(perKey.locator(`tr[data-actor="key:${budgetKeyId}:api"]`), '75');
    await expectText(perKey.locator('tr[data-actor="key:other:app"]'), 'Not made with a key');
    const perMember = page.getByRole('table', { name: 'Credits charged per member' });
    await expectText(perMember.locator('tr[data-actor="member:dash-alice:app"]'), '25');
    // The keys' spend is their maker's: dash-alice made both.
    await expectText(perMember.locator('tr[data-actor="member:dash-alice:api"]'), '150');
    expect(await perMember.locator('tr[data-actor="member:other:api"]').count()).toBe(0);
    await expectText(page.getByTestId('usage-total'), '175');
    await shoot(page, '11d-usage-per-key-and-member');
  });

  it('at 375 px wide, no page scrolls sideways and the main controls keep their names', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const [path, control] of [
      ['', 'Refresh'],
      ['/buy', 'Buy 300 API credits for $24'],
      ['/keys', 'Create key'],
      ['/usage', 'Export CSV'],
      ['/quote', 'Get quote'],
    ] as const) {
      await page.goto(`${tier.platform.url}/dashboard${path}`);
      await expectVisible(page.getByRole('button', { name: control }));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      await shoot(page, `12-phone${path.replace('/', '-') || '-overview'}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('given a token the gateway no longer accepts, then the dashboard returns to sign-in with a message', async () => {
    await page.evaluate(() => sessionStorage.setItem('billing-dashboard-token', 'expired.token.value'));
    await page.goto(`${tier.platform.url}/dashboard/usage`);
    await expectVisible(page.getByLabel('Access token'));
    await expectText(page.getByRole('alert').first(), 'Sign in again with a fresh token');
    await shoot(page, '13-signed-out');
    expect(tier.platform.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
