import { sentenceFor } from './problems';

const validation = (errors: readonly { field: string; message: string }[]) => ({
  type: 'https://billing.local/problems/validation',
  title: 'The request is not valid',
  status: 400,
  detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
  errors,
});

describe('the sentence a user reads for a refused form', () => {
  it('names each field whose message leaves it out, once', () => {
    expect(sentenceFor(validation([{ field: 'duration_seconds', message: 'must be a number' }]))).toBe('Please check the form: duration seconds must be a number.');
    expect(sentenceFor(validation([{ field: 'status', message: 'status must be one of queued, charged' }]))).toBe('Please check the form: status must be one of queued, charged.');
  });
});
