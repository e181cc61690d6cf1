import { chargeForOutput } from './pro-rata';
import { quote } from './quote';
import { creditsBook, NOW, pointsBook, seconds } from '../testing/shipped-books';

const snapshotOf = (book: typeof pointsBook, durationMillis: number, resolution?: string) => {
  const snapshot = quote({ model: 'seedance-2.0', durationMillis, ...(resolution ? { resolution } : {}) }, book, { quoteId: 'q', now: NOW }).tasks[0]?.snapshot;
  if (!snapshot) throw new Error('no snapshot');
  return snapshot;
};

describe('a pro rata charge follows the rounding rule of the book the task was quoted under', () => {
  it('given the points book (0.01 point), when 2.371 s of a 5 s, 15-point render is delivered, then 7.11 points are charged, not 7.113', () => {
    const snapshot = snapshotOf(pointsBook, seconds(5), '1080p');
    expect(snapshot).toMatchObject({ millicredits: 15_000, roundingIncrementMillicredits: 10 });
    expect(chargeForOutput(snapshot, 2_371)).toBe(7_110);
  });

  it('given the points book, when 5.928 s of a 15 s, 45-point render is delivered, then 17.78 points are charged, not 17.784', () => {
    expect(chargeForOutput(snapshotOf(pointsBook, seconds(15), '1080p'), 5_928)).toBe(17_780);
  });

  it('given the credits book (0.001 credit), when 2.371 s of a 5 s, 75-credit render is delivered, then 35.565 credits are charged', () => {
    const snapshot = snapshotOf(creditsBook, seconds(5));
    expect(snapshot).toMatchObject({ millicredits: 75_000, roundingIncrementMillicredits: 1 });
    expect(chargeForOutput(snapshot, 2_371)).toBe(35_565);
  });

  it('given less held than quoted, when a short output is charged, then it is pro rata of what is held, rounded down, never more than the hold', () => {
    const snapshot = snapshotOf(pointsBook, seconds(5), '1080p');
    expect(chargeForOutput(snapshot, 2_500, 10_005)).toBe(5_000);
    expect(chargeForOutput(snapshot, 5_000, 10_005)).toBe(10_005);
  });

  it('given a snapshot taken before it kept its increment, when a short output is charged, then it rounds down to the millicredit', () => {
    const { roundingIncrementMillicredits: _kept, ...old } = snapshotOf(pointsBook, seconds(15), '1080p');
    expect(chargeForOutput(old, 5_928)).toBe(17_784);
  });

  it('given any output, then the charge is a multiple of the increment, at most the exact pro rata amount and less than one increment below it', () => {
    const snapshot = snapshotOf(pointsBook, seconds(7), '720p');
    for (let output = 0; output <= 7_000; output += 37) {
      const charged = chargeForOutput(snapshot, output);
      expect(charged % 10).toBe(0);
      expect(charged * 7_000).toBeLessThanOrEqual(snapshot.millicredits * output);
      expect((charged + 10) * 7_000).toBeGreaterThan(snapshot.millicredits * output);
    }
  });
});
