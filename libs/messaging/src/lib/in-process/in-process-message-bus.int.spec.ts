import { messageBusContract } from '../../testing/message-bus.contract';
import { InProcessMessageBus } from './in-process-message-bus';
import { UnknownTopicError } from './partition-log';

messageBusContract('in-process', () => new InProcessMessageBus());

describe('InProcessMessageBus', () => {
  it('refuses to publish to a topic that was not created at start-up, and publishes nothing of that batch', async () => {
    const bus = new InProcessMessageBus();
    await bus.ensureTopics([{ topic: 'here', partitions: 1 }]);
    await expect(
      bus.publish([
        { topic: 'here', key: 'k', value: Buffer.from('x') },
        { topic: 'nowhere', key: 'k', value: Buffer.from('x') },
      ]),
    ).rejects.toBeInstanceOf(UnknownTopicError);
    const seen: string[] = [];
    const subscription = await bus.subscribe({ groupId: 'g', topics: ['here'], handler: async (batch) => void seen.push(...batch.map((m) => m.value.toString())) });
    await bus.publish([{ topic: 'here', key: 'k', value: Buffer.from('y') }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['y']);
    await subscription.stop();
    await bus.close();
  });
});
