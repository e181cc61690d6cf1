import { messageBusConfigFromEnv } from './message-bus-factory';

describe('choosing the transport', () => {
  it('given KAFKA_BROKERS, then Kafka with every listed broker', () => {
    expect(messageBusConfigFromEnv('wallet', { KAFKA_BROKERS: 'a:9092, b:9092' })).toEqual({ transport: 'kafka', brokers: ['a:9092', 'b:9092'], clientId: 'wallet' });
  });

  it('given no brokers, then the in-process bus, on a file when one is named', () => {
    expect(messageBusConfigFromEnv('wallet', {})).toEqual({ transport: 'in-process' });
    expect(messageBusConfigFromEnv('wallet', { KAFKA_BROKERS: ' ' }, 'data/bus.sqlite')).toEqual({ transport: 'in-process', path: 'data/bus.sqlite' });
  });
});
