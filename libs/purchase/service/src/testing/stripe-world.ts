import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStripeMock, type StripeMock, type StripeMockAvailability } from '@billing/payment-provider/testing';
import type { PurchaseWorld } from './purchase-world';

export interface StripeSuite {
  availability: StripeMockAvailability;
  /** A fresh data directory for each test. */
  dir: string;
  /** The test's purchase world, stopped after it. */
  world: PurchaseWorld | undefined;
}

/** One stripe-mock for a describe block, a data directory per test, and the test's world stopped after it. */
export function stripeSuite(dirPrefix: string): StripeSuite {
  const suite: StripeSuite = { availability: { kind: 'unavailable', reason: 'not started' }, dir: '', world: undefined };
  beforeAll(async () => {
    suite.availability = await startStripeMock();
  }, 300_000);
  afterAll(async () => {
    if (suite.availability.kind === 'running') await suite.availability.mock.stop();
  });
  beforeEach(() => (suite.dir = mkdtempSync(join(tmpdir(), dirPrefix))));
  afterEach(async () => {
    await suite.world?.stop();
    suite.world = undefined;
    rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

/**
 * The running stripe-mock, or null when it could not run: without Go it cannot be built,
 * which is said and is the only reason accepted.
 */
export function runningStripeMock(suite: StripeSuite): StripeMock | null {
  if (suite.availability.kind === 'running') return suite.availability.mock;
  console.warn(`stripe-mock could not run, so the Stripe path was not exercised: ${suite.availability.reason}`);
  expect(suite.availability.reason).toMatch(/Go is not installed/);
  return null;
}

/** The Stripe adapter's settings against stripe-mock. */
export const stripeMockPayments = ({ host, port }: StripeMock, webhookSecret: string) => ({
  kind: 'stripe' as const,
  secretKey: 'sk_test_123',
  webhookSecret,
  successUrl: 'https://billing.example/paid',
  cancelUrl: 'https://billing.example/cancelled',
  api: { host, port, protocol: 'http' as const },
  maxNetworkRetries: 0,
});
