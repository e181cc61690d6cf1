import { packsForPool, poolForChannel, findPlan, defaultPlan } from './catalog';
import { quote } from './quote';
import { NOW, creditsFor, pointsBook, seconds } from '../testing/shipped-books';

const MODEL = 'seedance-2.0';

describe('the points book (seed 000): points = seconds x resolution x frame rate x complexity', () => {
  it('given 5 s at 1080p and 30 fps, when quoted, then it costs 15 points (coefficient 3)', () => {
    expect(creditsFor(pointsBook, { model: MODEL, durationMillis: seconds(5), resolution: '1080p', fps: 30 })).toBe(15);
  });

  it('given 5 s at 4K (2160p), when quoted, then it costs 25 points (coefficient 5)', () => {
    expect(creditsFor(pointsBook, { model: MODEL, durationMillis: seconds(5), resolution: '2160p', fps: 30 })).toBe(25);
  });

  it('given 5 s at 4K with High Fidelity Detail, when quoted, then it costs 37.5 points (x1.5)', () => {
    const request = { model: MODEL, durationMillis: seconds(5), resolution: '2160p', fps: 30, complexity: 'high_fidelity' };
    expect(creditsFor(pointsBook, request)).toBe(37.5);
  });

  it('given the same video at 720p and at 1080p, when quoted, then 720p costs 60% less', () => {
    const at1080p = quote({ model: MODEL, durationMillis: seconds(5), resolution: '1080p' }, pointsBook, { quoteId: 'a', now: NOW });
    const at720p = quote({ model: MODEL, durationMillis: seconds(5), resolution: '720p' }, pointsBook, { quoteId: 'b', now: NOW });
    expect(at720p.millicredits * 10).toBe(at1080p.millicredits * 4);
    expect(at720p.millicredits).toBe(6000);
  });

  it('given 15 s at 1080p, when quoted, then it costs 45 points, and 20 such videos cost 900', () => {
    const request = { model: MODEL, durationMillis: seconds(15), resolution: '1080p', fps: 30 };
    expect(creditsFor(pointsBook, request)).toBe(45);
    const twentyVideos = Array.from({ length: 20 }, (_, index) =>
      quote(request, pointsBook, { quoteId: `video-${index}`, now: NOW }).millicredits);
    expect(twentyVideos.reduce((sum, millicredits) => sum + millicredits, 0)).toBe(900_000);
  });

  it('given no coefficients in the request, when quoted, then the book defaults (1080p, 30 fps, standard) apply', () => {
    expect(creditsFor(pointsBook, { model: MODEL, durationMillis: seconds(5) })).toBe(15);
  });

  it('given a video reference, when quoted, then the points book charges the same (seed 000 has no such axis)', () => {
    expect(creditsFor(pointsBook, { model: MODEL, durationMillis: seconds(5), videoReference: true })).toBe(15);
  });

  it('given the Creator plan, when its 5,000 points buy 1080p video, then they buy about 333 seconds', () => {
    const creator = findPlan(pointsBook, 'creator');
    const perSecond = quote({ model: MODEL, durationMillis: 1000 }, pointsBook, { quoteId: 'q', now: NOW }).millicredits;
    expect(Math.floor((creator?.monthlyGrantMillicredits ?? 0) / perSecond)).toBe(1666);
    expect(Math.floor((creator?.monthlyGrantMillicredits ?? 0) / (perSecond * 5))).toBe(333);
  });

  it('given the plans of seed 000, then Explorer is $29 for 1,000 points and Creator $99 for 5,000 with batch and API', () => {
    expect(findPlan(pointsBook, 'explorer')).toMatchObject({ priceCents: 2900, monthlyGrantMillicredits: 1_000_000, entitlements: [], pool: 'points' });
    expect(findPlan(pointsBook, 'creator')).toMatchObject({
      priceCents: 9900,
      monthlyGrantMillicredits: 5_000_000,
      entitlements: ['batch_generation', 'api_access'],
    });
  });

  it('given the Studio plan, then it is a contract plan with a large grant, priority and more concurrency', () => {
    const studio = findPlan(pointsBook, 'studio');
    expect(studio).toMatchObject({ priceCents: null, monthlyGrantMillicredits: 100_000_000, priority: true });
    expect(studio?.concurrencyLimit).toBeGreaterThan(6);
  });

  it('given a new account, then it starts on the free starter plan with no grant and no entitlements', () => {
    expect(defaultPlan(pointsBook)).toMatchObject({ id: 'starter', priceCents: 0, monthlyGrantMillicredits: 0, entitlements: [], concurrencyLimit: 6 });
  });

  it('given either channel, then both draw on the one points pool, which sells no packs', () => {
    expect(poolForChannel(pointsBook, 'app')).toBe('points');
    expect(poolForChannel(pointsBook, 'api')).toBe('points');
    expect(packsForPool(pointsBook, 'points')).toEqual([]);
  });
});
