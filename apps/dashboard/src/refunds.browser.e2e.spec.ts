import type { Page } from 'playwright-core';
import { eventuallyValue } from '@billing/util/testing';
import { dashboardTier, newTab, shoot, signIn } from './testing/dashboard-tier';
import { expectText, expectVisible } from './testing/page-expectations';

const OWNER = 'dash-refunds';
/** A member of the owner's organisation whose token carries the platform's finance role: the one who refunds a used pack. */
const FINANCE = 'dash-refunds-finance';
/** App pack app-300: 300 credits for $24. */
const PACK = { id: 'app-300', description: 'Pack app-300 (app pool)' };

jest.setTimeout(90_000);

describe('refunds from the receipts list, by role, in Debian Chromium', () => {
  const tier = dashboardTier('refunds');

  const tokenOf = (userId: string) => tier.platform.token(userId, undefined, userId === FINANCE ? 'finance' : undefined);

  /** A REST call as `userId` in the owner's organisation; the answer's status and body. */
  const rest = async <T,>(userId: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${tier.platform.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${await tokenOf(userId)}`, 'x-organisation-id': OWNER, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };

  /** `userId` joins the owner's organisation as `role`, through an invitation. */
  const joins = async (userId: string, role: string) => {
    const invited = await rest<{ code: string }>(OWNER, '/v1/organisation/invitations', { email: `${userId}@example.com`, role });
    expect(invited.status).toBe(201);
    const accepted = await fetch(`${tier.platform.url}/v1/invitations/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf(userId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: invited.body.code }),
    });
    expect(accepted.ok).toBe(true);
  };

  /** A tab of its own, signed in as `userId`, acting in the owner's organisation, on the Buy page (where the receipts are). */
  const receiptsOf = async (userId: string): Promise<Page> => {
    const page = await newTab(tier);
    await signIn(page, await tokenOf(userId));
    const switcher = page.getByLabel('Organisation', { exact: true });
    if ((await switcher.inputValue()) !== OWNER) await switcher.selectOption(OWNER);
    await page.getByRole('link', { name: 'Buy credits' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Receipts' }));
    return page;
  };

  it('given a pack with 25 of its 300 credits spent, then a developer sees no refund, the owner is refused (used pack), finance refunds it and sees $22 of $24 returned, and asking again changes nothing', async () => {
    const order = await rest<{ id: string }>(OWNER, '/v1/orders', { kind: 'pack', pack_id: PACK.id });
    expect((await rest(OWNER, `/v1/orders/${order.body.id}/confirm-sandbox-payment`, {})).status).toBe(200);
    const task = await rest<{ id: string }>(OWNER, '/v1/tasks', { model: 'seedance-2.0-fast', duration_seconds: 2.5 });
    expect(task.status).toBe(201);
    const charged = await eventuallyValue(() => rest<{ status: string; credits_cost: number | null }>(OWNER, `/v1/tasks/${task.body.id}`), (found) => found.body.status === 'charged');
    expect(charged.body.credits_cost).toBe(25);
    await joins('dash-refunds-dev', 'developer');
    await joins(FINANCE, 'finance');
    const receiptId = `order:${order.body.id}`;
    const row = (page: Page) => page.locator(`tr[data-receipt="${receiptId}"]`);

    // A developer's role may not refund (OPERATION_ROLES): the receipt is there, the action is not.
    const developer = await receiptsOf('dash-refunds-dev');
    await expectText(row(developer), PACK.description);
    expect(await developer.getByRole('button', { name: /^Refund/ }).count()).toBe(0);

    // The owner may ask, but only for an unused pack: the problem is shown in words.
    const owner = await receiptsOf(OWNER);
    await row(owner).getByRole('button', { name: `Refund ${PACK.description}` }).click();
    await expectText(row(owner).getByRole('group', { name: `Confirm refunding ${PACK.description}` }), 'unspent credits are taken back');
    await owner.getByRole('button', { name: `Yes, refund ${PACK.description}` }).click();
    await expectText(owner.getByRole('alert'), 'some of its credits are used or held; only an unused pack is refunded on request');
    await shoot(owner, '40-refund-refused');

    // Finance refunds it: the 275 unspent credits come back and floor($24 x 275 / 300) = $22 with them.
    const finance = await receiptsOf(FINANCE);
    await row(finance).getByRole('button', { name: `Refund ${PACK.description}` }).click();
    await finance.getByRole('button', { name: `Yes, refund ${PACK.description}` }).click();
    await expectText(finance.getByTestId(`refund-${receiptId}`), 'Refunded: $22 returned');
    await expectText(finance.getByRole('status'), `${PACK.description}: Refunded: $22 returned.`);
    expect(await row(finance).getByRole('button').count()).toBe(0);
    await shoot(finance, '41-refunded');
    const balances = await rest<{ balances: { pool: string; balance: number }[] }>(OWNER, '/v1/balances');
    expect(balances.body.balances.find((balance) => balance.pool === 'app')?.balance).toBe(0);

    // The owner's tab still offers it: asked again, the refund is as it was (nothing more returned).
    await owner.getByRole('button', { name: `Yes, refund ${PACK.description}` }).click();
    await expectText(owner.getByTestId(`refund-${receiptId}`), 'Refunded: $22 returned');
    const receipts = await rest<{ receipts: { id: string; refunded: { amount_cents: number } }[] }>(OWNER, '/v1/receipts');
    expect(receipts.body.receipts.find((receipt) => receipt.id === receiptId)?.refunded.amount_cents).toBe(2_200);
    expect(tier.platform.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
