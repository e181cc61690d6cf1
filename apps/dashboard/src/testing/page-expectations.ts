import type { Page } from 'playwright-core';

export async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

/** Waits until the element's text contains `text`; the failure says what it had instead. */
export async function expectText(locator: ReturnType<Page['locator']>, text: string, timeoutMillis = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  let last = '';
  for (;;) {
    last = (await locator.textContent({ timeout: timeoutMillis }).catch(() => '')) ?? '';
    if (last.includes(text)) return;
    if (Date.now() > deadline) throw new Error(`expected "${text}" in the element, found "${last}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
