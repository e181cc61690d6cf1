import { findPack, packsForPool, poolForChannel, defaultPlan, findPlan } from './catalog';
import { creditsFor, creditsBook, seconds } from '../testing/shipped-books';

describe('the credits book (seed 004): per-second rates by model and video reference, two pools', () => {
  it.each([
    ['seedance-2.0', true, 30],
    ['seedance-2.0', false, 15],
    ['seedance-2.0-fast', true, 20],
    ['seedance-2.0-fast', false, 10],
  ])('given %s with video reference %s, when one second is quoted, then it costs %d credits', (model, videoReference, rate) => {
    expect(creditsFor(creditsBook, { model, durationMillis: seconds(1), videoReference })).toBe(rate);
    expect(creditsFor(creditsBook, { model, durationMillis: seconds(10), videoReference })).toBe(rate * 10);
  });

  it('given a fractional duration, when quoted, then it is charged to the millisecond', () => {
    expect(creditsFor(creditsBook, { model: 'seedance-2.0', durationMillis: 5_250 })).toBe(78.75);
  });

  it('given the same model, mode and duration, then the charge is the same whichever pool pays', () => {
    const request = { model: 'seedance-2.0-fast', durationMillis: seconds(8), videoReference: true, mode: 'preview' as const };
    const appPool = poolForChannel(creditsBook, 'app');
    const apiPool = poolForChannel(creditsBook, 'api');
    expect(appPool).not.toBe(apiPool);
    // A quote takes no pool at all: the pool decides who pays, never how much.
    expect(creditsFor(creditsBook, request)).toBe(24);
  });

  it('given a web-app task and an API request, then each draws on its own pool only', () => {
    expect(poolForChannel(creditsBook, 'app')).toBe('app');
    expect(poolForChannel(creditsBook, 'api')).toBe('api');
  });

  it.each([
    [300, 2_400],
    [1_000, 7_200],
    [3_000, 19_200],
    [8_000, 44_800],
    [20_000, 96_000],
    [50_000, 160_000],
    [60_000, 192_000],
    [70_000, 224_000],
    [80_000, 256_000],
    [90_000, 288_000],
    [100_000, 320_000],
  ])('given the API pack of %d credits, then it costs %d cents', (credits, priceCents) => {
    expect(findPack(creditsBook, `api-${credits}`)).toEqual({ id: `api-${credits}`, pool: 'api', millicredits: credits * 1000, priceCents });
  });

  it('given the API pool, then it sells exactly the eleven published packs, cheapest first', () => {
    expect(packsForPool(creditsBook, 'api').map((pack) => pack.millicredits / 1000)).toEqual([
      300, 1_000, 3_000, 8_000, 20_000, 50_000, 60_000, 70_000, 80_000, 90_000, 100_000,
    ]);
  });

  it('given the App pool, then its packs are its own (same price list, separate pack ids)', () => {
    const appPacks = packsForPool(creditsBook, 'app');
    expect(appPacks).toHaveLength(11);
    expect(appPacks.every((pack) => pack.pool === 'app' && pack.id.startsWith('app-'))).toBe(true);
  });

  it('given a new account, then its plan allows 6 concurrent tasks, API access and batches', () => {
    expect(defaultPlan(creditsBook)).toMatchObject({ concurrencyLimit: 6, entitlements: ['api_access', 'batch_generation'] });
    expect(findPlan(creditsBook, 'no-such-plan')).toBeUndefined();
  });
});
