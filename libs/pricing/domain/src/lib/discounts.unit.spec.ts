import { quote } from './quote';
import { InvalidQuoteRequest } from './pricing-errors';
import { NOW, creditsBook, creditsFor, pointsBook, seconds } from '../testing/shipped-books';

const fiveSeconds1080p = { model: 'seedance-2.0', durationMillis: seconds(5), resolution: '1080p', fps: 30 };

describe('preview mode: a shortened, lower-resolution render at the book\'s share of the standard cost', () => {
  it('given the points book (preview at 15%), when 5 s at 1080p is previewed, then it costs 2.25 points instead of 15', () => {
    expect(pointsBook.previewFactor.text).toBe('0.15');
    expect(creditsFor(pointsBook, { ...fiveSeconds1080p, mode: 'preview' })).toBe(2.25);
  });

  it('given the credits book, when 10 s of Seedance 2.0 is previewed, then it costs 15% of 150 credits', () => {
    expect(creditsFor(creditsBook, { model: 'seedance-2.0', durationMillis: seconds(10), mode: 'preview' })).toBe(22.5);
  });

  it('given a preview, then the breakdown shows the mode factor', () => {
    const preview = quote({ ...fiveSeconds1080p, mode: 'preview' }, pointsBook, { quoteId: 'q', now: NOW });
    expect(preview.breakdown).toContainEqual(expect.objectContaining({ name: 'mode', value: '0.15' }));
  });
});

describe('batch: three or more variations earn the book\'s discount on each additional task', () => {
  it('given a batch of 3 in the points book (20% off), then the first pays 15 and each additional task 12', () => {
    const batch = quote({ ...fiveSeconds1080p, batchSize: 3 }, pointsBook, { quoteId: 'b', now: NOW });
    expect(batch.tasks.map((task) => task.millicredits)).toEqual([15_000, 12_000, 12_000]);
    expect(batch.millicredits).toBe(39_000);
    expect(batch.tasks[1]?.breakdown).toContainEqual(expect.objectContaining({ name: 'batch', value: '0.8' }));
  });

  it('given a batch of 2, when quoted, then no task is discounted', () => {
    const batch = quote({ ...fiveSeconds1080p, batchSize: 2 }, pointsBook, { quoteId: 'b', now: NOW });
    expect(batch.tasks.map((task) => task.millicredits)).toEqual([15_000, 15_000]);
    expect(batch.tasks[1]?.breakdown).toContainEqual(expect.objectContaining({ name: 'batch', value: '1' }));
  });

  it('given a batch, then every task keeps a snapshot that says where it sits in the batch', () => {
    const batch = quote({ ...fiveSeconds1080p, batchSize: 4 }, pointsBook, { quoteId: 'b', now: NOW });
    expect(batch.tasks.map((task) => task.snapshot.batch)).toEqual([0, 1, 2, 3].map((index) => ({ index, size: 4 })));
    expect(batch.tasks.map((task) => task.snapshot.millicredits)).toEqual([15_000, 12_000, 12_000, 12_000]);
  });

  it('given a batch larger than the book allows, or of zero tasks, then the request is refused', () => {
    expect(() => creditsFor(pointsBook, { ...fiveSeconds1080p, batchSize: 101 })).toThrow(InvalidQuoteRequest);
    expect(() => creditsFor(pointsBook, { ...fiveSeconds1080p, batchSize: 0 })).toThrow(/batch size must be a whole number from 1 to 100/);
  });
});
