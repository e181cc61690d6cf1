import { validatePayload } from '@billing/service-host';
import { CreateBatchRequest, CreateTaskRequest, ListTasksRequest } from './task-requests';

/** What to render, as the gateway asks for it over the bus: durations in whole milliseconds. */
const RENDER = { accountId: 'acct-1', channel: 'api', model: 'seedance-2.0', durationMillis: 5_000 };
const TASK = { ...RENDER, taskId: 'task-1' };

const refusedFields = (dto: new () => object, request: object): string[] => {
  const validated = validatePayload(dto, request);
  return validated.ok ? [] : validated.errors.map((e) => e.field).sort();
};

describe('task requests over the bus hold the limits REST and gRPC hold (REQUEST_LIMITS)', () => {
  it('refuses a duration past an hour, fps past 240 and a model that is no id, one message each', () => {
    expect(refusedFields(CreateTaskRequest, { ...TASK, durationMillis: 4_294_967_295, fps: 241, model: 'no model' })).toEqual(['durationMillis', 'fps', 'model']);
    const validated = validatePayload(CreateTaskRequest, { ...TASK, durationMillis: '5' });
    expect(validated.ok ? [] : validated.errors).toEqual([{ field: 'durationMillis', message: 'must be a whole number' }]);
  });

  it('refuses a batch past 1,000 variations and a page past 500 tasks', () => {
    expect(refusedFields(CreateBatchRequest, { ...RENDER, batchId: 'batch-1', batchSize: 1_001 })).toEqual(['batchSize']);
    expect(refusedFields(ListTasksRequest, { accountId: 'acct-1', limit: 501 })).toEqual(['limit']);
  });

  it('accepts an hour exactly, as REST does', () => {
    expect(refusedFields(CreateTaskRequest, { ...TASK, durationMillis: 3_600_000, fps: 240 })).toEqual([]);
  });
});
