import { runBilling } from '../testing/cli-harness';

describe('billing bench-quote', () => {
  it('given a short run, then the last line is the benchmark JSON with both goals', async () => {
    const run = await runBilling(['bench-quote', '--seconds', '0.05']);
    expect(run.code).toBe(0);
    const last = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { bench: string; goals: { target: number; actual: number; met: boolean }[] };
    expect(last.bench).toBe('quote');
    expect(last.goals).toHaveLength(2);
    for (const goal of last.goals) expect(goal.met).toBe(goal.actual >= goal.target);
  });

  it('given a silly duration, then exit code 2', async () => {
    expect((await runBilling(['bench-quote', '--seconds', 'forever'])).code).toBe(2);
  });
});
