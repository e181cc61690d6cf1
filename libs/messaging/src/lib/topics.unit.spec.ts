import { categoryOf, deadLetterTopicFor, topicFor, walletAccountIdOf } from './topics';
import { partitionForKey } from './in-process/partition-log';
import { backoffDelay } from './consumer/retry';
import { toOutgoingMessage } from './relay/relay-route';
import { EventHeader } from './headers';

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

describe('trace context on a relayed event', () => {
  const route = { category: 'tasks', topic: 'billing.tasks.v1', partitions: 1, keyOf: (s: string) => s };
  const event = (metadata: Record<string, string>) => ({ streamName: 'tasks-t1', revision: 0, position: 1, eventId: 'e1', type: 'TaskRequested', schemaVersion: 1, data: {}, metadata, recordedAt: 0, hash: '', previousHash: '' });

  it('carries the traceparent the event was written in, as it is', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(toOutgoingMessage(event({ traceparent }), route).headers?.[EventHeader.traceparent]).toBe(traceparent);
  });

  it('makes none up for an event written outside a trace', () => {
    expect(toOutgoingMessage(event({}), route).headers).not.toHaveProperty(EventHeader.traceparent);
  });
});
