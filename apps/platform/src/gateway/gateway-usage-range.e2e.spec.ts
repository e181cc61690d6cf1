import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BillingClient, BillingProblem, type QueryOf } from '@billing/sdk';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';

// Found by the fuzzer: `to=0000-00-00` without `from` used to answer 500 (the default `from`
// was counted back from a day that does not exist).
describe('GET /v1/usage: the range is checked before anything is counted from it', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let dora: BillingClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-usage-range-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'usage-range-secret-usage-range-secret', logRequests: false });
    dora = new BillingClient({ baseUrl: platform.url, credential: await platform.token('dora') });
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[QueryOf<'AccountController_usage'>, unknown[]]>([
    [{ to: '0000-00-00' }, [{ field: 'to', message: 'to is not a calendar day' }]],
    [{ to: '2026-02-30' }, [{ field: 'to', message: 'to is not a calendar day' }]],
    [{ from: '2026-13-01', to: '2026-02-30' }, [{ field: 'from', message: 'from is not a calendar day' }, { field: 'to', message: 'to is not a calendar day' }]],
    [{ from: '2026-03-02', to: '2026-03-01' }, [{ field: 'from', message: 'from must not be after to' }]],
  ])('given %o, then 400 naming the field', async (query, errors) => {
    const refused = await dora.account.usage(query).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(BillingProblem);
    expect(refused).toMatchObject({ status: 400, errors });
  });

  it('given only a real to, then the 30 days up to it', async () => {
    expect(await dora.account.usage({ to: '2026-03-30' })).toMatchObject({ from: '2026-03-01', to: '2026-03-30', rows: [], total_credits: 0 });
  });
});
