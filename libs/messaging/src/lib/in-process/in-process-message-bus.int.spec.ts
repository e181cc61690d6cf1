import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageBusContract } from '../../testing/message-bus.contract';
import { eventually } from '../../testing/eventually';
import { InProcessMessageBus } from './in-process-message-bus';
import { UnknownTopicError } from './partition-log';

messageBusContract('in-process', () => new InProcessMessageBus());

describe('InProcessMessageBus on a file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bus-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a restart, then published messages and committed offsets survive', async () => {
    const path = join(dir, 'bus.sqlite');
    const before = new InProcessMessageBus({ path });
    await before.ensureTopics([{ topic: 'billing.wallet.v1', partitions: 2 }]);
    await before.publish([1, 2, 3].map((i) => ({ topic: 'billing.wallet.v1', key: 'acme', value: Buffer.from(String(i)) })));
    const seen: string[] = [];
    const s = await before.subscribe({ groupId: 'g', topics: ['billing.wallet.v1'], handler: async (b) => void seen.push(...b.map((m) => m.value.toString())) });
    await eventually(() => seen.length === 3);
    await s.stop();
    await before.publish([{ topic: 'billing.wallet.v1', key: 'acme', value: Buffer.from('4') }]);
    await before.close();

    const after = new InProcessMessageBus({ path });
    const later: string[] = [];
    await after.subscribe({ groupId: 'g', topics: ['billing.wallet.v1'], handler: async (b) => void later.push(...b.map((m) => m.value.toString())) });
    await eventually(() => later.length === 1);
    expect(later).toEqual(['4']);
    expect(await after.describeTopics(['billing.wallet.v1'])).toEqual(new Map([['billing.wallet.v1', 2]]));
    await after.close();
  });

  it('refuses to publish to a topic that was not created at start-up', async () => {
    const bus = new InProcessMessageBus();
    await expect(bus.publish([{ topic: 'nowhere', key: 'k', value: Buffer.from('x') }])).rejects.toBeInstanceOf(UnknownTopicError);
    await bus.close();
  });
});
