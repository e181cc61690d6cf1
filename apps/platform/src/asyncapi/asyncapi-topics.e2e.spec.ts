import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rpcReplyTopicFor } from '@billing/service-host';
import { parse } from 'yaml';
import { asyncapiDocument } from './asyncapi-document';
import { type PlatformTopics, recordPlatformTopics } from './platform-topics';

interface Document {
  readonly channels: Readonly<Record<string, { readonly address: string }>>;
  readonly operations: Readonly<Record<string, { readonly action: string; readonly 'x-skipped-by-design'?: readonly string[] }>>;
}

const checkedIn = parse(readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8')) as Document;
const addresses = Object.values(checkedIn.channels).map((c) => c.address);
/** An address with parameters (`billing.rpc-replies.{caller}`) matches any value of them. */
const described = (topic: string): boolean => addresses.some((address) => new RegExp(`^${address.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^.]+')}$`).test(topic));

describe('docs/asyncapi.yaml against the running platform', () => {
  let recorded: PlatformTopics;

  beforeAll(async () => {
    recorded = await recordPlatformTopics();
  }, 60_000);

  it('given the embedded platform and its front door started, then every topic they create, read or write is described', () => {
    expect(recorded.topics.size).toBeGreaterThanOrEqual(19);
    expect([...recorded.topics].filter((topic) => !described(topic))).toEqual([]);
  });

  it('given a caller of the distributed mode, then its reply topic and that topic’s dead letters are described', () => {
    expect(described(rpcReplyTopicFor('gateway'))).toBe(true);
    expect(described(`${rpcReplyTopicFor('tasks')}.dlq`)).toBe(true);
  });

  it('given the wallet topic’s consumers, then the types each skips by design are listed on its operation', () => {
    const skipped = Object.values(checkedIn.operations).map((o) => o['x-skipped-by-design'] ?? []);
    expect(skipped).toContainEqual(expect.arrayContaining(['CreditsPurchased', 'BalanceCarriedForward']));
  });

  it('given the platform as it runs now, then the checked-in document is what `npm run asyncapi` writes', () => {
    expect(asyncapiDocument(recorded)).toEqual(JSON.parse(JSON.stringify(parse(readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8')))));
  });
});
