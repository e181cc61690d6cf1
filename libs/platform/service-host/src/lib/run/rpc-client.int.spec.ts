import { DeadLetterHeader, type IncomingMessage, InProcessMessageBus, type MessageBus, type OutgoingMessage } from '@billing/messaging';
import { eventually } from '@billing/util/testing';
import { IsString } from 'class-validator';
import { createLogger, silentLogger } from '../logging/logger';
import { RpcError, RpcTimeoutError } from '../rpc';
import { rpcReplyTopicFor, rpcTopicFor } from '../topics';
import { RpcHeader } from '../wire/rpc-message';
import { FaultCounts } from './fault-counts';
import { BusRpcClient } from './rpc-client';
import { RpcServer } from './rpc-server';

class EchoRequest {
  @IsString() text!: string;
}

const echo = { name: 'echo', dto: EchoRequest, handle: async (request: unknown) => ({ echoed: (request as EchoRequest).text }) };

/** The in-process bus, except that publishing to `topic` is held for `holdMillis` and then fails, as a producer does while its broker is away. */
class BrokerAwayFor implements MessageBus {
  constructor(
    private readonly bus: MessageBus,
    private readonly topic: string,
    private readonly holdMillis: number,
  ) {}
  ensureTopics = (...args: Parameters<MessageBus['ensureTopics']>) => this.bus.ensureTopics(...args);
  describeTopics = (...args: Parameters<MessageBus['describeTopics']>) => this.bus.describeTopics(...args);
  subscribe = (...args: Parameters<MessageBus['subscribe']>) => this.bus.subscribe(...args);
  close = () => Promise.resolve();
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (!messages.some((m) => m.topic === this.topic)) return this.bus.publish(messages);
    await new Promise((resolve) => setTimeout(resolve, this.holdMillis));
    throw new Error('KafkaJSNumberOfRetriesExceeded: the broker is away');
  }
}

const client = (bus: MessageBus, instanceId: string, extra: Partial<ConstructorParameters<typeof BusRpcClient>[0]> = {}) =>
  new BusRpcClient({ bus, caller: 'caller', instanceId, partitions: 2, logger: silentLogger, defaultTimeoutMillis: 2_000, ...extra });

describe('BusRpcClient and RpcServer on the in-process bus', () => {
  let bus: InProcessMessageBus;
  const stops: (() => Promise<void>)[] = [];

  beforeEach(() => {
    bus = new InProcessMessageBus();
  });

  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await bus.close();
  });

  const serve = async (faults = new FaultCounts()): Promise<FaultCounts> => {
    await bus.ensureTopics([rpcTopicFor('echo'), `${rpcTopicFor('echo')}.dlq`].map((topic) => ({ topic, partitions: 2 })));
    const server = new RpcServer('echo', [echo], bus, silentLogger, { initialDelayMs: 5, maxDelayMs: 50 }, () => null, faults);
    await server.start();
    stops.push(() => server.stop());
    return faults;
  };

  it('given a publish held past the timeout, when it fails later, then the call has ended with RpcTimeoutError and nothing rejects unheard', async () => {
    await serve();
    const rpc = client(new BrokerAwayFor(bus, rpcTopicFor('echo'), 400), 'c-held');
    stops.push(() => rpc.close());

    await expect(rpc.call('echo', 'echo', { text: 'hi' }, { timeoutMillis: 100 })).rejects.toBeInstanceOf(RpcTimeoutError);
    // The publish fails meanwhile; Jest fails the test on a rejection no one handles (as Node ends a process on one).
    await new Promise((resolve) => setTimeout(resolve, 600));
  });

  it('given a publish that fails within the timeout, then the call fails as a 503 `unavailable` problem', async () => {
    await serve();
    const rpc = client(new BrokerAwayFor(bus, rpcTopicFor('echo'), 10), 'c-fails');
    stops.push(() => rpc.close());

    const failure = await rpc.call('echo', 'echo', { text: 'hi' }, { timeoutMillis: 1_000 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcError);
    expect((failure as RpcError).problem).toMatchObject({ type: 'unavailable', status: 503 });
  });

  it('given two processes of one caller, then both use the one reply topic and each gets its own replies; a later process reuses it', async () => {
    await serve();
    const first = client(bus, 'caller-1');
    const second = client(bus, 'caller-2');
    stops.push(() => first.close(), () => second.close());

    const answers = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 ? first : second).call('echo', 'echo', { text: `m${i}` })));
    expect(answers).toEqual([0, 1, 2, 3].map((i) => ({ echoed: `m${i}` })));
    expect(first.replyTopic).toBe(rpcReplyTopicFor('caller'));
    expect(second.replyTopic).toBe(first.replyTopic);

    await first.close();
    const third = client(bus, 'caller-3');
    stops.push(() => third.close());
    await expect(third.call('echo', 'echo', { text: 'again' })).resolves.toEqual({ echoed: 'again' });
    expect(third.replyTopic).toBe(first.replyTopic);
  });

  it('given a request with no budget left, then the server drops it, logs and counts it, and answers the next one', async () => {
    const faults = await serve();
    const rpc = client(bus, 'c-budget');
    stops.push(() => rpc.close());
    await rpc.call('echo', 'echo', { text: 'warm' });

    await bus.publish([
      {
        topic: rpcTopicFor('echo'),
        key: 'k',
        value: Buffer.from(JSON.stringify({ text: 'late' })),
        headers: { [RpcHeader.requestId]: 'late-1', [RpcHeader.method]: 'echo', [RpcHeader.replyTo]: rpc.replyTopic, [RpcHeader.budget]: '0' },
      },
    ]);
    await eventually(() => faults.deadlineDrops === 1, 'the late request dropped');
    await expect(rpc.call('echo', 'echo', { text: 'next' })).resolves.toEqual({ echoed: 'next' });
  });

  it('given malformed requests and replies, then each is dead-lettered with its reason and counted, and calls go on', async () => {
    const faults = await serve();
    const callerFaults = new FaultCounts();
    const rpc = client(bus, 'c-malformed', { faults: callerFaults });
    stops.push(() => rpc.close());
    await rpc.call('echo', 'echo', { text: 'warm' });
    const dead: IncomingMessage[] = [];
    for (const topic of [rpcTopicFor('echo'), rpc.replyTopic]) {
      await bus.subscribe({ groupId: `dlq-${topic}`, topics: [`${topic}.dlq`], handler: async (b) => void dead.push(...b) });
    }

    const request = (headers: Record<string, string>, value = '{"text":"x"}'): OutgoingMessage => ({ topic: rpcTopicFor('echo'), key: 'k', value: Buffer.from(value), headers });
    const full = { [RpcHeader.requestId]: 'r', [RpcHeader.method]: 'echo', [RpcHeader.replyTo]: rpc.replyTopic, [RpcHeader.budget]: '5000' };
    await bus.publish([
      request({ [RpcHeader.method]: 'echo' }),
      request({ ...full, [RpcHeader.budget]: 'soon' }),
      request(full, '{not json'),
      { topic: rpc.replyTopic, key: 'k', value: Buffer.from('{"ok":"maybe"}'), headers: { [RpcHeader.requestId]: 'x' } },
      { topic: rpc.replyTopic, key: 'k', value: Buffer.from('{"ok":true}'), headers: {} },
    ]);
    await eventually(() => dead.length === 5, 'five dead letters');
    expect(dead.map((m) => m.headers[DeadLetterHeader.reason]).sort()).toEqual([
      'missing header rpc-id',
      'missing rpc headers (rpc-id, rpc-method, rpc-reply-to)',
      'not a reply: expected {ok: true, result} or {ok: false, problem}',
      'rpc-budget-ms is not a number of milliseconds',
      expect.stringMatching(/^unparseable request: /),
    ]);
    expect([faults.deadLetters(rpcTopicFor('echo')), callerFaults.deadLetters(rpc.replyTopic)]).toEqual([3, 2]);
    await expect(rpc.call('echo', 'echo', { text: 'still' })).resolves.toEqual({ echoed: 'still' });
  });

  it('given a request with a correlation id, then every line its method logs while answering carries it as the request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('echo', { sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const logging = {
      ...echo,
      handle: async (request: unknown) => {
        logger.info('answering');
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger.info('answered');
        return echo.handle(request);
      },
    };
    await bus.ensureTopics([rpcTopicFor('echo'), `${rpcTopicFor('echo')}.dlq`].map((topic) => ({ topic, partitions: 2 })));
    const server = new RpcServer('echo', [logging], bus, logger, { initialDelayMs: 5, maxDelayMs: 50 }, () => null, new FaultCounts());
    await server.start();
    stops.push(() => server.stop());
    const rpc = client(bus, 'c-correlated');
    stops.push(() => rpc.close());

    await rpc.call('echo', 'echo', { text: 'hi' }, { correlationId: 'req-42' });
    await rpc.call('echo', 'echo', { text: 'hi' });
    expect(lines.map((line) => [line['message'], line['requestId']])).toEqual([
      ['answering', 'req-42'],
      ['answered', 'req-42'],
      ['answering', undefined],
      ['answered', undefined],
    ]);
  });
});
