import type { LogLevel } from '@billing/platform-config';
import { runInLogContext, traceIdOf } from './log-context';
import { scrubSecrets } from './log-secrets';
import { createLogger } from './logger';

const logged = (level: LogLevel, fields?: Record<string, unknown>) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('wallet', { level, sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>), ...(fields ? { fields } : {}) });
  return { logger, lines };
};

const everyLevel = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

describe('createLogger', () => {
  it.each([
    ['trace', everyLevel],
    ['info', ['info', 'warn', 'error', 'fatal']],
    ['warn', ['warn', 'error', 'fatal']],
    ['fatal', ['fatal']],
    ['silent', []],
  ] as const)('given LOG_LEVEL %s, when a line is logged at each level, then only %j are written', (level, written) => {
    const { logger, lines } = logged(level);
    for (const at of everyLevel) logger[at](`at ${at}`);
    expect(lines.map((line) => line['level'])).toEqual(written);
  });

  it('given fields and a child, then each line has time, level, service, message, the bound fields and its own', () => {
    const { logger, lines } = logged('info', { instance: 'host-1' });
    logger.with({ component: 'sweeper' }).info('swept', { count: 3 });
    expect(lines).toEqual([{ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: 'info', service: 'wallet', instance: 'host-1', component: 'sweeper', count: 3, message: 'swept' }]);
  });

  it('given an error with a cause, then the line has both messages and stacks', () => {
    const { logger, lines } = logged('info');
    logger.error('append failed', { error: new Error('no revision', { cause: new RangeError('stale') }) });
    expect(lines[0]?.['error']).toEqual({
      type: 'Error',
      message: 'no revision',
      stack: expect.stringMatching(/^Error: no revision\n\s+at /),
      cause: { type: 'RangeError', message: 'stale', stack: expect.stringMatching(/^RangeError: stale\n\s+at /) },
    });
  });

  it('given secrets under their field names, then the values are redacted, request headers included', () => {
    const { logger, lines } = logged('info');
    logger.info('webhook', { token: 't0p', webhookSecret: 's3cret', card: { number: '4242' }, req: { headers: { authorization: 'Basic abc', 'stripe-signature': 't=1,v1=x', accept: 'application/json' } } });
    expect(lines[0]).toMatchObject({ token: '[redacted]', webhookSecret: '[redacted]', card: '[redacted]', req: { headers: { authorization: '[redacted]', 'stripe-signature': '[redacted]', accept: 'application/json' } } });
  });

  it('given work run in a log context, then its lines (and those of what it awaits) carry the request id and trace id; others do not', async () => {
    const { logger, lines } = logged('info');
    await runInLogContext({ requestId: 'req-1', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines.map((line) => [line['message'], line['requestId'], line['traceId']])).toEqual([
      ['inside', 'req-1', '4bf92f3577b34da6a3ce929d0e0e4736'],
      ['outside', undefined, undefined],
    ]);
  });
});

describe('traceIdOf', () => {
  it.each([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', undefined],
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', undefined],
    ['garbage', undefined],
    [undefined, undefined],
  ])('given traceparent %j, then %j', (header, traceId) => {
    expect(traceIdOf(header)).toBe(traceId);
  });
});

describe('scrubSecrets', () => {
  const key = `bk_${'a1'.repeat(12)}_${'S3cr-t_'.repeat(6)}x`;

  it.each([
    [`key ${key} used`, `key bk_${'a1'.repeat(12)}_[redacted] used`],
    ['{"msg":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZW5hIn0.c2lnbmF0dXJl"}', '{"msg":"Bearer [redacted]"}'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZW5hIn0.c2lnbmF0dXJl.', 'token [redacted].'],
    ['secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'secret whsec_[redacted]'],
    ['stripe sk_live_51Habc123 and rk_test_9zz', 'stripe sk_live_[redacted] and rk_test_[redacted]'],
    [`t=1733450000,v1=${'ab'.repeat(32)}`, 't=1733450000,v1=[redacted]'],
    ['paid with 4242 4242 4242 4242 today', 'paid with [redacted] today'],
    ['paid with 378282246310005', 'paid with [redacted]'],
  ])('given %j, then %j', (line, scrubbed) => {
    expect(scrubSecrets(line)).toBe(scrubbed);
  });

  it.each([
    ['{"at":1765000000000,"count":1234567890123456}'],
    ['{"amountMillicredits":4242424242424241}'],
    ['{"message":"request","requestId":"0b45fc62-32ac-46f4-b60d-0c5893d814cc"}'],
  ])('given %j (no secret), then it is unchanged', (line) => {
    expect(scrubSecrets(line)).toBe(line);
  });
});
