import { LruCache } from './lru-cache';

const filled = (capacity: number, keys: readonly number[]): LruCache<number, string> => {
  const cache = new LruCache<number, string>(capacity);
  for (const key of keys) cache.set(key, `v${key}`);
  return cache;
};

describe('LruCache', () => {
  it('given more sets than it holds, then the oldest are forgotten and the last half of the capacity is kept', () => {
    const cache = filled(4, [1, 2, 3, 4, 5, 6]);
    expect([6, 5, 2, 1].map((k) => cache.get(k))).toEqual(['v6', 'v5', undefined, undefined]);
  });

  it('given an old value read again, then it outlives values set after it that were not read', () => {
    const cache = filled(4, [1, 2, 3, 4]);
    expect(cache.get(1)).toBe('v1');
    cache.set(5, 'v5');
    cache.set(6, 'v6');
    expect([1, 2, 3].map((k) => cache.get(k))).toEqual(['v1', undefined, undefined]);
  });

  it('given a key set again, then the newest value is read even while an older one sits in the old generation', () => {
    const cache = filled(4, [1, 2, 3]);
    cache.set(1, 'newer');
    expect(cache.get(1)).toBe('newer');
  });

  it('given a key deleted, then it is gone from both generations', () => {
    const cache = filled(4, [1, 2, 3]);
    cache.set(1, 'newer');
    cache.delete(1);
    expect(cache.get(1)).toBeUndefined();
  });

  it('given no capacity, then it keeps nothing', () => {
    const cache = filled(0, [1, 2]);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toBeUndefined();
  });

  it('given clear, then nothing is kept', () => {
    const cache = filled(10, [1, 2, 3]);
    cache.clear();
    expect([1, 2, 3].map((k) => cache.get(k))).toEqual([undefined, undefined, undefined]);
  });
});
