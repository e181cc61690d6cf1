import { PublishBatcher } from './publish-batcher';

/** A send that the test completes by hand, so "in flight" lasts as long as the test says. */
class ManualSend {
  readonly sends: string[][] = [];
  private readonly pending: { resolve: () => void; reject: (error: Error) => void }[] = [];

  readonly send = (items: readonly string[]): Promise<void> => {
    this.sends.push([...items]);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  };

  complete(error?: Error): void {
    const next = this.pending.shift();
    if (!next) throw new Error('nothing in flight');
    if (error) next.reject(error);
    else next.resolve();
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('PublishBatcher', () => {
  it('given publishes in one turn, then they go out as one send, in the order added', async () => {
    const manual = new ManualSend();
    const batcher = new PublishBatcher(manual.send);
    const done = [batcher.add('a'), batcher.add('b'), batcher.add('c')];
    await turn();
    expect(manual.sends).toEqual([['a', 'b', 'c']]);
    manual.complete();
    await Promise.all(done);
  });

  it('given publishes while a send is in flight, then they wait for it and go out together, one send at a time', async () => {
    const manual = new ManualSend();
    const batcher = new PublishBatcher(manual.send);
    const first = batcher.add('a');
    await turn();
    const later = [batcher.add('b'), batcher.add('c')];
    await turn();
    await turn();
    const laterDone = jest.fn();
    void Promise.all(later).then(laterDone);
    expect(manual.sends).toEqual([['a']]);

    manual.complete();
    await first;
    await turn();
    expect(manual.sends).toEqual([['a'], ['b', 'c']]);
    expect(laterDone).not.toHaveBeenCalled();
    manual.complete();
    await Promise.all(later);
  });

  it('given a send that fails, then only its own publishes reject, and the next send goes ahead', async () => {
    const manual = new ManualSend();
    const batcher = new PublishBatcher(manual.send);
    const failed = batcher.add('a');
    await turn();
    const next = batcher.add('b');
    manual.complete(new Error('broker away'));
    await expect(failed).rejects.toThrow('broker away');
    await turn();
    expect(manual.sends).toEqual([['a'], ['b']]);
    manual.complete();
    await expect(next).resolves.toBeUndefined();
  });

  it('given a send that throws at once, then its publishes reject with the error', async () => {
    const batcher = new PublishBatcher<string>(() => {
      throw new Error('not connected');
    });
    await expect(batcher.add('a')).rejects.toThrow('not connected');
  });

  it('given flush, then what waits is sent without waiting for the turn, and flush resolves once nothing is in flight', async () => {
    const sends: string[][] = [];
    const batcher = new PublishBatcher<string>(async (items) => void sends.push([...items]));
    const added = batcher.add('a');
    await batcher.flush();
    expect(sends).toEqual([['a']]);
    await added;
    await batcher.flush();
    expect(sends).toEqual([['a']]);
  });
});

describe('PublishBatcher with a limit', () => {
  it('given more waiting than one send may carry, then sends carry at most the limit, in order, and a heavier item goes alone', async () => {
    const sends: string[][] = [];
    const batcher = new PublishBatcher<string>(async (items) => void sends.push([...items]), { maxWeight: 10, weigh: (item) => item.length });
    await Promise.all(['aaaa', 'bbbb', 'cc', 'dddd', 'eeeeeeeeeeeeeee', 'f'].map((item) => batcher.add(item)));
    expect(sends).toEqual([['aaaa', 'bbbb', 'cc'], ['dddd'], ['eeeeeeeeeeeeeee'], ['f']]);
  });
});
