import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PricingRpc, type RpcContract } from '@billing/contracts';
import { priceBooksDirectory } from '@billing/price-book-files';
import { RpcError } from '@billing/service-host';
import { type ServiceOnBus, startServiceOnBus } from '@billing/service-host/testing';
import { createPricingService, type PricingServiceOptions } from './pricing-service';

const JAN_2026 = Date.UTC(2026, 0, 10);
const JULY_2026 = Date.UTC(2026, 6, 1);

describe('the pricing service', () => {
  let directory: string;
  let now: number;
  let running: ServiceOnBus[];

  const shipped = (id: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(priceBooksDirectory({}), `${id}.json`), 'utf8')) as Record<string, unknown>;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'pricing-service-'));
    writeFileSync(join(directory, 'credits.json'), JSON.stringify(shipped('credits')));
    writeFileSync(join(directory, 'points.json'), JSON.stringify(shipped('points')));
    now = JAN_2026;
    running = [];
  });

  afterEach(async () => {
    for (const service of running) await service.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  /** The service under its host on a bus: each request travels and is validated as from another process. */
  const start = async (options: PricingServiceOptions = {}): Promise<ServiceOnBus> => {
    let ids = 0;
    const service = await startServiceOnBus('pricing', createPricingService({ priceBooksDir: directory, ...options }), {
      clock: { now: () => now },
      newId: () => `quote-${++ids}`,
    });
    running.push(service);
    return service;
  };

  const call = <Request, Reply>(service: ServiceOnBus, contract: RpcContract<Request, Reply>, request: NoInfer<Request>): Promise<Reply> =>
    service.call(contract, request);

  it('given the shipped books, when quoting 5 s of seedance-2.0 from the API, then 75 credits from the api pool', async () => {
    const pricing = await start();
    const quote = await call(pricing, PricingRpc.quote, { request: { model: 'seedance-2.0', durationMillis: 5_000 }, channel: 'api' });
    expect(quote).toMatchObject({ millicredits: 75_000, priceBookId: 'credits', priceBookVersion: '2026-01-01', pool: 'api', quoteId: 'quote-1' });
    expect(quote.expiresAt).toBe(JAN_2026 + 15 * 60_000);
    expect(quote.tasks[0]?.snapshot).toMatchObject({ millicredits: 75_000, proRataShortOutput: true, quotedAt: JAN_2026 });
    expect(quote.breakdown.length).toBeGreaterThan(0);
  });

  it('given a batch of 3 on the points book, then each task after the first is discounted and the total is their sum', async () => {
    const pricing = await start();
    const quote = await call(pricing, PricingRpc.quote, {
      priceBookId: 'points',
      request: { model: 'seedance-2.0', durationMillis: 5_000, resolution: '1080p' },
      batchSize: 3,
    });
    expect(quote.tasks.map((task) => task.millicredits)).toEqual([15_000, 12_000, 12_000]);
    expect(quote.millicredits).toBe(39_000);
    expect(quote.tasks[2]?.snapshot.batch).toEqual({ index: 2, size: 3 });
  });

  it('given a later version, when the clock passes its effectiveFrom, then it takes over at that instant without a restart', async () => {
    writeFileSync(
      join(directory, 'credits-2026-07.json'),
      JSON.stringify({ ...shipped('credits'), version: '2026-07-01', effectiveFrom: new Date(JULY_2026).toISOString(), models: { 'seedance-2.0': { displayName: 'Seedance 2.0', rates: { withVideoReference: '40', withoutVideoReference: '20' } } } }),
    );
    const pricing = await start();
    const ask = () => call(pricing, PricingRpc.quote, { request: { model: 'seedance-2.0', durationMillis: 5_000 } });
    now = JULY_2026 - 1;
    expect(await ask()).toMatchObject({ priceBookVersion: '2026-01-01', millicredits: 75_000 });
    now = JULY_2026;
    expect(await ask()).toMatchObject({ priceBookVersion: '2026-07-01', millicredits: 100_000 });
    const atTheOldInstant = await call(pricing, PricingRpc.quote, { at: JULY_2026 - 1, request: { model: 'seedance-2.0', durationMillis: 5_000 } });
    expect(atTheOldInstant.priceBookVersion).toBe('2026-01-01');
    const books = await call(pricing, PricingRpc.priceBooks, {});
    expect(books.priceBooks.filter((book) => book.id === 'credits').map((book) => [book.version, book.inForce])).toEqual(
      expect.arrayContaining([['2026-01-01', false], ['2026-07-01', true]]),
    );
  });

  it('given the catalog, then it lists the plans and packs of the version in force and the default plan', async () => {
    const pricing = await start({ activePriceBookId: 'points' });
    const catalog = await call(pricing, PricingRpc.catalog, {});
    expect(catalog.priceBookId).toBe('points');
    expect(catalog.plans.map((plan) => plan.id)).toEqual(expect.arrayContaining(['starter', 'studio']));
    expect(catalog.defaultPlanId).toBe('starter');
    const credits = await call(pricing, PricingRpc.catalog, { priceBookId: 'credits' });
    expect(credits.packs.some((pack) => pack.id === 'app-300' && pack.priceCents === 2400)).toBe(true);
  });

  it('given a request the book cannot price, then a validation problem names the field and what is allowed', async () => {
    const pricing = await start();
    const refusal = call(pricing, PricingRpc.quote, { request: { model: 'veo-9', durationMillis: 5_000 } });
    await expect(refusal).rejects.toBeInstanceOf(RpcError);
    await expect(refusal).rejects.toMatchObject({ problem: { type: 'validation', status: 400, errors: [{ field: 'model', allowed: ['seedance-2.0', 'seedance-2.0-fast'] }] } });
    await expect(call(pricing, PricingRpc.quote, { request: { model: 'seedance-2.0', durationMillis: 0 } })).rejects.toMatchObject({ problem: { type: 'validation' } });
  });

  it('given an unknown book, or a time before any version, then not-found', async () => {
    const pricing = await start();
    await expect(call(pricing, PricingRpc.quote, { priceBookId: 'nope', request: { model: 'seedance-2.0', durationMillis: 5_000 } })).rejects.toMatchObject({
      problem: { type: 'not-found', status: 404 },
    });
    await expect(call(pricing, PricingRpc.catalog, { at: Date.UTC(2020, 0, 1) })).rejects.toMatchObject({ problem: { type: 'not-found' } });
  });

  it('given an invalid book in the directory, then the service refuses to start, naming the file and the field', async () => {
    writeFileSync(join(directory, 'points.json'), JSON.stringify({ ...shipped('points'), quoteTtlSeconds: -5 }));
    await expect(start()).rejects.toThrow(/points\.json: .*quoteTtlSeconds/);
  });

  it('given an active book id that no file defines, then the service refuses to start', async () => {
    await expect(start({ activePriceBookId: 'gold' })).rejects.toThrow(/active price book gold is not among the loaded books \(credits, points\)/);
  });
});
