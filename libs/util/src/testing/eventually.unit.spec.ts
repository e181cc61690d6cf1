import { eventually, eventuallyValue } from './eventually';

describe('eventually', () => {
  it('given a check that comes to hold, then it resolves', async () => {
    let calls = 0;
    await eventually(() => ++calls === 3, 'the third call');
    expect(calls).toBe(3);
  });

  it('given a check that never holds, then it fails naming what it waited for, or else the check itself', async () => {
    await expect(eventually(() => false, 'the impossible', 30)).rejects.toThrow('timed out after 30 ms waiting for the impossible');
    const never = 0;
    await expect(eventually(() => never > 1, undefined, 30)).rejects.toThrow(/waiting for \(\) ?=> ?never > 1$/);
  });

  it('given values read, then eventuallyValue returns the first one that passes, and a timeout shows the last one read', async () => {
    let n = 0;
    await expect(eventuallyValue(async () => ({ n: ++n }), (value) => value.n >= 2, 'two reads')).resolves.toEqual({ n: 2 });
    await expect(eventuallyValue(() => ({ status: 503 }), (answer) => answer.status === 200, 'ready', 30)).rejects.toThrow(
      'timed out after 30 ms waiting for ready; last value: {"status":503}',
    );
  });
});
