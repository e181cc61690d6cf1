import { validatePayload } from '@billing/service-host';
import { QuoteRpcRequest } from './pricing-requests';

const refusedFields = (request: object): string[] => {
  const validated = validatePayload(QuoteRpcRequest, request);
  return validated.ok ? [] : validated.errors.map((e) => e.field).sort();
};

describe('a quote request over the bus holds the limits REST and gRPC hold (REQUEST_LIMITS)', () => {
  it('refuses a duration past an hour, fps past 240 and batches past 1,000, naming each field', () => {
    expect(refusedFields({ request: { model: 'seedance-2.0', durationMillis: 4_294_967_295, fps: 241, batchSize: 1_001 }, batchSize: 1_001 })).toEqual([
      'batchSize',
      'request.batchSize',
      'request.durationMillis',
      'request.fps',
    ]);
  });

  it('accepts an hour exactly', () => {
    expect(refusedFields({ request: { model: 'seedance-2.0', durationMillis: 3_600_000 } })).toEqual([]);
  });
});
