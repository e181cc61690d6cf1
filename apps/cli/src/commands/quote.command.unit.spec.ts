import { runBilling } from '../testing/cli-harness';
import { COMMANDS } from './index';

const quoteArgs = (...extra: string[]) => ['quote', '--price-book', 'points', '--model', 'seedance-2.0', '--duration', '5', ...extra];

describe('billing quote', () => {
  it('given 5 s of 4K high fidelity, when quoted as JSON, then credits is 37.5 with the book and version', async () => {
    const run = await runBilling(quoteArgs('--resolution', '2160p', '--complexity', 'high_fidelity', '--json'));
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      quote_id: 'quote_fixed',
      credits: 37.5,
      price_book: 'points',
      version: '2026-01-01',
      expires_at: '2026-03-01T12:15:00.000Z',
    });
    expect(json['breakdown']).toContainEqual({ name: 'complexity', value: '1.5', description: 'complexity high_fidelity' });
    expect(json['items']).toBeUndefined();
  });

  it('given a batch of 3, when quoted as JSON, then each item and the total are shown', async () => {
    const run = await runBilling(quoteArgs('--batch-size', '3', '--json'));
    const json = JSON.parse(run.stdout) as { credits: number; items: { credits: number }[] };
    expect(json.credits).toBe(39);
    expect(json.items.map((item) => item.credits)).toEqual([15, 12, 12]);
  });

  it('given the credits book and a video reference, when quoted as a table, then the factors and total are readable', async () => {
    const run = await runBilling(['quote', '--price-book', 'credits', '--model', 'seedance-2.0-fast', '--duration', '2.5', '--video-reference']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('credits per second for Seedance 2.0 Fast with video reference');
    expect(run.stdout).toContain('Total: 50 credits (rounded once per task, half_up to 0.001)');
  });

  it('given a preview, then it costs the preview share', async () => {
    const run = await runBilling(quoteArgs('--mode', 'preview', '--json'));
    expect(JSON.parse(run.stdout)).toMatchObject({ credits: 2.25 });
  });

  it.each([
    [quoteArgs('--model', 'sora'), 'billing quote: unknown model "sora" in price book points; allowed: seedance-2.0'],
    [quoteArgs('--resolution', '480p'), 'billing quote: unknown resolution "480p" in price book points; allowed: 720p, 1080p, 2160p'],
    [quoteArgs('--duration', '1.0005'), 'billing quote: duration must be a positive number of seconds with at most 3 decimals, got "1.0005"'],
    [quoteArgs('--mode', 'draft'), 'billing quote: --mode must be standard or preview, got "draft"'],
    [quoteArgs('--fps', 'sixty'), 'billing quote: --fps must be a whole number, got "sixty"'],
    [['quote', '--model', 'seedance-2.0', '--duration', '5'], 'billing quote: --price-book is required'],
    [['quote', '--price-book', 'gold', '--model', 'x', '--duration', '5'], 'billing quote: unknown price book gold'],
    [quoteArgs('--at', '2025-06-01T00:00:00Z'), 'billing quote: no version of price book points is in effect at 2025-06-01T00:00:00.000Z'],
  ])('given bad input %j, then one line on stderr and exit code 2', async (argv, message) => {
    const run = await runBilling(argv);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('given an unknown option, then exit code 2', async () => {
    const run = await runBilling(quoteArgs('--bogus'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^billing quote: Unknown option '--bogus'/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('billing', () => {
  it('given no command, then it prints the commands on stderr and exits 2', async () => {
    const run = await runBilling([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('quote');
    expect(run.stderr).toContain('price-books');
  });

  it('given an unknown command, then it names the known ones and exits 2', async () => {
    expect(await runBilling(['frobnicate'])).toMatchObject({ code: 2, stderr: `billing: unknown command "frobnicate"; try one of: ${COMMANDS.map((c) => c.name).join(', ')}\n` });
  });

  it('given price-books --json, then each book is listed with its models and pools', async () => {
    const run = await runBilling(['price-books', '--json']);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ id: 'credits', version: '2026-01-01', effective_from: '2026-01-01T00:00:00.000Z', pools: [
        { id: 'app', channels: ['app'] },
        { id: 'api', channels: ['api'] },
      ] }),
      expect.objectContaining({ id: 'points', models: [{ id: 'seedance-2.0', rates: '1 / 1' }], pools: [{ id: 'points', channels: ['app', 'api'] }] }),
    ]);
  });
});
