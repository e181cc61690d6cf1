import { categoryOf, deadLetterTopicFor, topicFor, walletAccountIdOf } from './topics';
import { partitionForKey } from './in-process/partition-log';
import { backoffDelay } from './consumer/retry';
import { traceparentOf } from './relay/relay-route';

describe('topics and keys', () => {
  it('names a topic per category and version, and its dead-letter topic', () => {
    expect(topicFor('wallet', 1)).toBe('billing.wallet.v1');
    expect(deadLetterTopicFor('billing.wallet.v1')).toBe('billing.wallet.v1.dlq');
  });

  it('takes the category from the stream name', () => {
    expect(categoryOf('wallet-acme-app')).toBe('wallet');
    expect(categoryOf('tasks')).toBe('tasks');
  });

  it.each([
    ['wallet-acme-app', 'acme'],
    ['wallet-org-7-team-api', 'org-7-team'],
    ['wallet-3f2a-44b1-9c0d-app', '3f2a-44b1-9c0d'],
  ])('keys %s by account id %s (the pool is the last segment)', (stream, account) => {
    expect(walletAccountIdOf(stream)).toBe(account);
  });

  it.each(['tasks-t1', 'wallet-app', 'wallet--app'])('refuses %s as a wallet stream', (stream) => {
    expect(() => walletAccountIdOf(stream)).toThrow(/Not a wallet stream/);
  });

  it('maps a key to the same partition every time, spreading keys over all partitions', () => {
    const partitions = new Set(Array.from({ length: 200 }, (_, i) => partitionForKey(`acct-${i}`, 6)));
    expect(partitions).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(partitionForKey('acme', 6)).toBe(partitionForKey('acme', 6));
  });
});

describe('retry backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const policy = { attempts: 8, initialDelayMs: 50, maxDelayMs: 300 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(policy, a))).toEqual([50, 100, 200, 300, 300]);
  });
});

describe('traceparent for events without one', () => {
  it('is a valid W3C trace context, the same for the same event', () => {
    expect(traceparentOf('c1', 'e1')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceparentOf('c1', 'e1')).toBe(traceparentOf('c1', 'e1'));
    expect(traceparentOf('c1', 'e1').slice(3, 35)).toBe(traceparentOf('c1', 'e2').slice(3, 35));
  });
});
