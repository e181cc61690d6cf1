import { runBillingProcess } from './testing/cli-harness';

const billing = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => runBillingProcess(args, env, 120_000);

describe('billing bench', () => {
  it('given the domain benchmark with a short window, then its last line is the benchmark JSON with its goals', async () => {
    const run = await billing(['bench', 'domain'], { BENCH_WINDOW_MILLIS: '50' });
    expect(run.code).toBe(0);
    const last = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      bench: string;
      machine: { cpus: number; node: string };
      goals: { name: string; target: number; actual: number; met: boolean }[];
    };
    expect(last.bench).toBe('domain');
    expect(last.machine.node).toMatch(/^v24\./);
    expect(last.goals.map((goal) => goal.name)).toEqual([
      'quotes per second on one core',
      'wallet decide+evolve per second on one core',
    ]);
    for (const goal of last.goals) expect(goal.met).toBe(goal.actual >= goal.target);
  }, 120_000);

  it('given an unknown benchmark, then it names the ones there are and exits 2', async () => {
    const run = await billing(['bench', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bench needs one of: .*domain.*; got "nope"/);
  });
});
