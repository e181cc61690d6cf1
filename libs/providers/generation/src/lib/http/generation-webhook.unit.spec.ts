import { GenerationWebhookError } from '../generation-errors';
import { parseGenerationOutcome } from '../generation-outcome.dto';
import { GENERATION_SIGNATURE_HEADER, signGenerationWebhook, verifyGenerationWebhook } from './generation-webhook';

const secret = 'whsec_generation_test';
const now = Date.UTC(2026, 0, 15, 12, 0, 0);
const verification = { secret, toleranceSeconds: 300, now };
const succeeded = { kind: 'succeeded', taskId: 'task-1', providerJobId: 'job-1', outputDurationMillis: 8_000 };
const body = JSON.stringify(succeeded);

const signedHeaders = (rawBody: string, signing = { secret, now }) => ({
  [GENERATION_SIGNATURE_HEADER]: signGenerationWebhook(rawBody, signing),
});

function refusal(run: () => unknown): GenerationWebhookError {
  try {
    run();
  } catch (error) {
    if (error instanceof GenerationWebhookError) return error;
    throw error;
  }
  throw new Error('expected the webhook to be refused');
}

describe('generation webhook signature', () => {
  it('given a body signed with the shared secret, returns the outcome', () => {
    expect(verifyGenerationWebhook(body, signedHeaders(body), verification)).toEqual(succeeded);
  });

  it('states its header format: t=<unix seconds>,v1=<64 hex digits>', () => {
    expect(signGenerationWebhook(body, { secret, now })).toMatch(new RegExp(`^t=${now / 1000},v1=[0-9a-f]{64}$`));
  });

  it('accepts a Buffer body, a header under any case, and a failed outcome', () => {
    const failed = JSON.stringify({ kind: 'failed', taskId: 'task-2', providerJobId: 'job-2', reason: 'model_overloaded' });
    const headers = { 'X-Generation-Signature': signGenerationWebhook(failed, { secret, now }) };
    expect(verifyGenerationWebhook(Buffer.from(failed), headers, verification)).toEqual(JSON.parse(failed));
  });

  it('accepts any one matching v1 signature, as during a secret rotation', () => {
    const current = signGenerationWebhook(body, { secret, now });
    const previous = signGenerationWebhook(body, { secret: 'old-secret', now }).split(',')[1];
    expect(verifyGenerationWebhook(body, { [GENERATION_SIGNATURE_HEADER]: `${current},${previous}` }, verification)).toEqual(succeeded);
  });

  it('refuses a tampered body', () => {
    const tampered = body.replace('8000', '80000');
    expect(refusal(() => verifyGenerationWebhook(tampered, signedHeaders(body), verification)).reason).toBe('bad_signature');
  });

  it('refuses a body signed with another secret', () => {
    const headers = signedHeaders(body, { secret: 'someone-else', now });
    expect(refusal(() => verifyGenerationWebhook(body, headers, verification)).reason).toBe('bad_signature');
  });

  it('refuses a signature older than the tolerance, and accepts one just inside it', () => {
    const old = signedHeaders(body, { secret, now: now - 301_000 });
    expect(refusal(() => verifyGenerationWebhook(body, old, verification)).reason).toBe('stale_timestamp');
    expect(verifyGenerationWebhook(body, signedHeaders(body, { secret, now: now - 300_000 }), verification)).toEqual(succeeded);
  });

  it('refuses a signature dated beyond the tolerance in the future', () => {
    const future = signedHeaders(body, { secret, now: now + 301_000 });
    expect(refusal(() => verifyGenerationWebhook(body, future, verification)).reason).toBe('future_timestamp');
  });

  it.each([
    ['no timestamp', 'v1=' + 'a'.repeat(64)],
    ['no signature', `t=${now / 1000}`],
    ['a short signature', `t=${now / 1000},v1=abc`],
    ['a timestamp that is not a number', `t=soon,v1=${'a'.repeat(64)}`],
    ['garbage', 'hello'],
  ])('refuses a malformed header: %s', (_case, header) => {
    const error = refusal(() => verifyGenerationWebhook(body, { [GENERATION_SIGNATURE_HEADER]: header }, verification));
    expect(error.reason).toBe('malformed_signature');
  });

  it('refuses a webhook without the signature header', () => {
    expect(refusal(() => verifyGenerationWebhook(body, { 'content-type': 'application/json' }, verification)).reason).toBe(
      'missing_signature',
    );
  });

  it.each([
    ['not JSON', 'kind=succeeded'],
    ['an unknown kind', JSON.stringify({ ...succeeded, kind: 'finished' })],
    ['a success without its duration', JSON.stringify({ kind: 'succeeded', taskId: 'task-1', providerJobId: 'job-1' })],
    ['a negative duration', JSON.stringify({ ...succeeded, outputDurationMillis: -1 })],
    ['a failure without a reason', JSON.stringify({ kind: 'failed', taskId: 'task-1', providerJobId: 'job-1' })],
    ['a missing taskId', JSON.stringify({ ...succeeded, taskId: undefined })],
    ['an array', '[]'],
  ])('refuses a correctly signed but invalid body: %s', (_case, rawBody) => {
    expect(refusal(() => verifyGenerationWebhook(rawBody, signedHeaders(rawBody), verification)).reason).toBe('invalid_body');
  });
});

describe('parseGenerationOutcome (for outcomes that arrive as events)', () => {
  it('keeps only the fields of the outcome', () => {
    expect(parseGenerationOutcome({ ...succeeded, extra: 'dropped' })).toEqual(succeeded);
  });
});
