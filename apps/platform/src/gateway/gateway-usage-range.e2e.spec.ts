import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';

type Json = Record<string, unknown>;

// Found by the fuzzer: `to=0000-00-00` without `from` used to answer 500 (the default `from`
// was counted back from a day that does not exist).
describe('GET /v1/usage: the range is checked before anything is counted from it', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let dora: HttpClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-usage-range-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'usage-range-secret-usage-range-secret', logRequests: false });
    dora = new HttpClient(platform.url, await platform.token('dora'));
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['to=0000-00-00', [{ field: 'to', message: 'to is not a calendar day' }]],
    ['to=2026-02-30', [{ field: 'to', message: 'to is not a calendar day' }]],
    ['from=2026-13-01&to=2026-02-30', [{ field: 'from', message: 'from is not a calendar day' }, { field: 'to', message: 'to is not a calendar day' }]],
    ['from=2026-03-02&to=2026-03-01', [{ field: 'from', message: 'from must not be after to' }]],
  ])('given %s, then 400 naming the field', async (query, errors) => {
    const answer = await dora.get<{ errors: Json[] }>(`/v1/usage?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(errors);
  });

  it('given only a real to, then the 30 days up to it', async () => {
    const answer = await dora.get('/v1/usage?to=2026-03-30');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ from: '2026-03-01', to: '2026-03-30', rows: [], total_credits: 0 });
  });
});
