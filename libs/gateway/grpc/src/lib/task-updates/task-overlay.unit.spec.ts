import type { TaskView } from '@billing/gateway-application';
import type { TaskChange } from './task-change';
import { overlayTaskChange } from './task-overlay';

const requested: TaskView = {
  id: 't1',
  status: 'requested',
  channel: 'api',
  pool: 'api',
  credits_reserved: 0,
  credits_cost: null,
  quote: {
    quote_id: 'q1',
    credits: 75,
    breakdown: [],
    price_book: 'credits',
    version: '1',
    model: 'seedance-2.0',
    mode: 'standard',
    duration_seconds: 5,
    batch_index: null,
    batch_size: null,
    quoted_at: '2026-01-01T00:00:00.000Z',
    expires_at: '2026-01-01T00:15:00.000Z',
  },
  end_reason: null,
  delivered_duration_seconds: null,
  charge_basis: null,
  rejection: null,
  batch_id: null,
  batch_index: null,
  preview: false,
  adopted: false,
  actor: { kind: 'key', id: 'k1' },
  created_at: '2026-01-01T00:00:00.000Z',
};

const change = (type: string, fields: Record<string, unknown> = {}): TaskChange => ({ eventId: `e-${type}`, taskId: 't1', at: 1, type, ...fields }) as TaskChange;

describe('a task update laid over what the gateway last showed', () => {
  it('given a requested task, when it is reserved then charged, then each step carries its amounts', () => {
    const reserved = overlayTaskChange(requested, change('TaskReserved', { millicredits: 75_000 }));
    expect(reserved).toMatchObject({ status: 'reserved', credits_reserved: 75, credits_cost: null });
    const succeeded = reserved && overlayTaskChange(reserved, change('TaskSucceeded', { outputDurationMillis: 2_500, chargeMillicredits: 37_500 }));
    expect(succeeded).toMatchObject({ status: 'succeeded', end_reason: 'succeeded', delivered_duration_seconds: 2.5, charge_basis: 'pro_rata' });
    const charged = succeeded && overlayTaskChange(succeeded, change('TaskCharged', { creditsCostMillicredits: 37_500 }));
    expect(charged).toMatchObject({ status: 'charged', credits_cost: 37.5, end_reason: 'succeeded' });
  });

  it('given a full-length output, when it succeeds, then the view shows its length charged in full', () => {
    const reserved: TaskView = { ...requested, status: 'reserved', credits_reserved: 75 };
    expect(overlayTaskChange(reserved, change('TaskSucceeded', { outputDurationMillis: 5_000, chargeMillicredits: 75_000 }))).toMatchObject({
      delivered_duration_seconds: 5,
      charge_basis: 'full',
    });
    // A shorter output under a book that charges the quote anyway.
    expect(overlayTaskChange(reserved, change('TaskSucceeded', { outputDurationMillis: 1_234, chargeMillicredits: 75_000 }))).toMatchObject({
      delivered_duration_seconds: 1.234,
      charge_basis: 'full',
    });
  });

  it('given a view read after the event, when the older event arrives, then nothing moves back', () => {
    const charged: TaskView = { ...requested, status: 'charged', credits_reserved: 75, credits_cost: 75 };
    expect(overlayTaskChange(charged, change('TaskReserved', { millicredits: 75_000 }))).toBeNull();
    expect(overlayTaskChange(charged, change('TaskCharged', { creditsCostMillicredits: 75_000 }))).toBeNull();
  });

  it('given a refusal, then the view says why with the amounts in credits', () => {
    const rejected = overlayTaskChange(requested, change('TaskRejected', { rejection: { reason: 'insufficient_credits', requestedMillicredits: 75_000, availableMillicredits: 1_500 } }));
    expect(rejected).toMatchObject({ status: 'rejected', end_reason: 'insufficient_credits', rejection: { required: 75, available: 1.5 } });
  });

  it('given an adopted task, when adoption is told again, then it is not news', () => {
    const adopted = overlayTaskChange(requested, change('TaskAdopted'));
    expect(adopted).toMatchObject({ adopted: true, status: 'requested' });
    expect(adopted && overlayTaskChange(adopted, change('TaskAdopted'))).toBeNull();
  });
});
