import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

function billing(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(tsx, ['apps/cli/src/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the billing CLI as a person at a terminal meets it', () => {
  it('given a quote for 5 s of 4K high fidelity, when asked for JSON, then it prints 37.5 points under the points book', () => {
    const run = billing(['quote', '--price-book', 'points', '--model', 'seedance-2.0', '--duration', '5', '--resolution', '2160p', '--complexity', 'high_fidelity', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ credits: 37.5, price_book: 'points', version: '2026-01-01' });
    expect(json['breakdown']).toHaveLength(6);
  });

  it('given 15 s of Seedance 2.0 with a video reference, then the credits book charges 450', () => {
    const run = billing(['quote', '--price-book', 'credits', '--model', 'seedance-2.0', '--duration', '15', '--video-reference', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ credits: 450, price_book: 'credits' });
  });

  it('given an unknown model, then one line on stderr and exit code 2', () => {
    const run = billing(['quote', '--price-book', 'credits', '--model', 'sora', '--duration', '5', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('billing quote: unknown model "sora" in price book credits; allowed: seedance-2.0, seedance-2.0-fast\n');
  });

  it('given PRICE_BOOKS_DIR with an invalid book, then the error names the file and field and exits 1', () => {
    const directory = mkdtempSync(join(tmpdir(), 'billing-cli-'));
    try {
      writeFileSync(join(directory, 'broken.json'), JSON.stringify({ id: 'broken' }));
      const run = billing(['price-books'], { PRICE_BOOKS_DIR: directory });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^billing price-books: .*broken\.json: price book "broken" is invalid: version: is required/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
