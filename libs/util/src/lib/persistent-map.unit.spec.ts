import { emptyMap, getIn, setIn } from './persistent-map';

describe('persistent map', () => {
  it('reads what was written, and nothing else', () => {
    const one = setIn(emptyMap<number>(), 'a', 1);
    const two = setIn(one, 'b', 2);
    expect([getIn(two, 'a'), getIn(two, 'b'), getIn(two, 'c')]).toEqual([1, 2, undefined]);
    expect(two.size).toBe(2);
  });

  it('keeps every earlier version as it was', () => {
    const first = setIn(emptyMap<number>(), 'a', 1);
    const second = setIn(first, 'a', 10);
    expect(getIn(first, 'a')).toBe(1);
    expect(getIn(second, 'a')).toBe(10);
    expect(second.size).toBe(1);
  });

  it('forks: writing to an older version leaves the newer one untouched', () => {
    const base = setIn(emptyMap<string>(), 'k', 'base');
    const left = setIn(base, 'k', 'left');
    const right = setIn(base, 'k', 'right');
    const rightMore = setIn(right, 'x', 'only right');
    expect(getIn(left, 'k')).toBe('left');
    expect(getIn(right, 'k')).toBe('right');
    expect(getIn(left, 'x')).toBeUndefined();
    expect(getIn(rightMore, 'x')).toBe('only right');
    expect(getIn(base, 'k')).toBe('base');
  });

  it('two folds from the empty map never see each other', () => {
    const a = setIn(emptyMap<number>(), 'id', 1);
    const b = setIn(emptyMap<number>(), 'id', 2);
    expect(getIn(a, 'id')).toBe(1);
    expect(getIn(b, 'id')).toBe(2);
  });

  it('a version that was shared, then outgrown, still forks correctly', () => {
    const shared = setIn(emptyMap<number>(), 'a', 1);
    const ahead = setIn(shared, 'a', 2);
    const fromShared = setIn(shared, 'b', 3);
    const fromAhead = setIn(ahead, 'b', 4);
    expect([getIn(fromShared, 'a'), getIn(fromShared, 'b')]).toEqual([1, 3]);
    expect([getIn(fromAhead, 'a'), getIn(fromAhead, 'b')]).toEqual([2, 4]);
  });
});
