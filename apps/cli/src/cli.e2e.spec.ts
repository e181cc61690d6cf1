import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BILLING_ENTRY, REPO_ROOT, runBillingProcess as billing } from './testing/cli-harness';

describe('the billing CLI as a person at a terminal meets it', () => {
  it('given a quote for 5 s of 4K high fidelity, when asked for JSON, then it prints 37.5 points under the points book', async () => {
    const run = await billing(['quote', '--price-book', 'points', '--model', 'seedance-2.0', '--duration', '5', '--resolution', '2160p', '--complexity', 'high_fidelity', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ credits: 37.5, price_book: 'points', version: '2026-01-01' });
    expect(json['breakdown']).toHaveLength(6);
  });

  it('given 15 s of Seedance 2.0 with a video reference, then the credits book charges 450', async () => {
    const run = await billing(['quote', '--price-book', 'credits', '--model', 'seedance-2.0', '--duration', '15', '--video-reference', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ credits: 450, price_book: 'credits' });
  });

  it('given an unknown model, then one line on stderr and exit code 2', async () => {
    const run = await billing(['quote', '--price-book', 'credits', '--model', 'sora', '--duration', '5', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('billing quote: unknown model "sora" in price book credits; allowed: seedance-2.0, seedance-2.0-fast\n');
  });

  it('given PRICE_BOOKS_DIR with an invalid book, then the error names the file and field and exits 1', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'billing-cli-'));
    try {
      writeFileSync(join(directory, 'broken.json'), JSON.stringify({ id: 'broken' }));
      const run = await billing(['price-books'], { PRICE_BOOKS_DIR: directory });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^billing price-books: .*broken\.json: price book "broken" is invalid: version: is required/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('given `npm run billing`, then it runs the bundle in dist/cli, rebuilt first when older than a source it was built from', async () => {
    expect((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['billing']).toBe(`node ${BILLING_ENTRY}`);
    const bundle = join(REPO_ROOT, 'dist/cli/main.js');
    expect((await billing(['price-books'])).code).toBe(0);
    const inputs = JSON.parse(readFileSync(join(REPO_ROOT, 'dist/cli/inputs.json'), 'utf8')) as string[];
    expect(inputs).toEqual(expect.arrayContaining(['apps/cli/src/main.ts', 'apps/cli/src/commands/quote.command.ts', 'libs/pricing/domain/src/index.ts']));
    for (const input of inputs) expect(statSync(join(REPO_ROOT, input)).mtimeMs).toBeLessThanOrEqual(statSync(bundle).mtimeMs);

    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(bundle, past, past);
    const run = await billing(['price-books', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(past.getTime());
  });
});
