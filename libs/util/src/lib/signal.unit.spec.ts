import { Signal } from './signal';

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('Signal', () => {
  it('given a waiter, when notified, then it wakes', async () => {
    const signal = new Signal();
    const waiting = signal.next();
    expect(await settled(waiting)).toBe(false);
    signal.notify();
    expect(await settled(waiting)).toBe(true);
  });

  it('renews itself: a wait taken after a notify waits for the next one', async () => {
    const signal = new Signal();
    signal.notify();
    const later = signal.next();
    expect(await settled(later)).toBe(false);
    signal.notify();
    expect(await settled(later)).toBe(true);
  });
});
