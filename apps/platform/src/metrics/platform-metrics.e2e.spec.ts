import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventuallyValue } from '@billing/util/testing';
import { openFrontDoor } from '../runtime/front-door';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { awaitFunding, awaitTerminal, createTasks, frontDoorTestEnvironment, fundAccounts, planTasks, startEmbedded, totalBalanceMillicredits } from '../testing';

/** Installed by tools/promtool/ensure-promtool.sh (.ci/run does it before the tests); PROMTOOL overrides. */
const PROMTOOL = process.env['PROMTOOL'] ?? join(__dirname, '..', '..', '..', '..', '.tools', 'go-bin', 'promtool');

type Samples = Map<string, number>;

/** `name{label="value",...} number` lines of the Prometheus text format, keyed as written. */
function samplesOf(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

const sum = (samples: Samples, prefix: string): number => [...samples].filter(([key]) => key.startsWith(prefix)).reduce((total, [, value]) => total + value, 0);
const credits = (samples: Samples, movement: string): number =>
  [...samples].filter(([key]) => key.startsWith('billing_credits_millicredits_total{') && key.includes(`movement="${movement}"`)).reduce((total, [, value]) => total + value, 0);

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('metrics of the embedded platform: business metrics made from the events, on the gateway /metrics', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(PROMTOOL)) throw new Error(`promtool is not installed at ${PROMTOOL}: run \`bash tools/promtool/ensure-promtool.sh\` (it needs Go; .ci/run does it before the tests), or set PROMTOOL`);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'metrics-e2e-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (): Promise<{ runtime: PlatformRuntime; url: string }> => {
    const env = { ...frontDoorTestEnvironment(dir, 'metrics-secret-metrics-secret-metrics!'), SIMULATOR_FAILURE_RATE: '0.2', SIMULATOR_SEED: '11' };
    const runtime = await startEmbedded(dir, env);
    const door = await openFrontDoor(runtime, env, { logRequests: false });
    runtime.beforeStop(() => door.close());
    return { runtime, url: door.http.url };
  };

  it('given 300 tasks, some failed by the provider and some refused for credits, then credits, tasks and their ends agree with the wallet and the tasks, and promtool finds nothing wrong', async () => {
    const { runtime, url } = await start();
    try {
      const accounts = Array.from({ length: 12 }, (_, i) => `metrics-${i}`);
      await fundAccounts(runtime.commands, accounts, (i) => (i % 3 === 0 ? 400_000 : 20_000_000), Date.now());
      await awaitFunding(runtime.rpc, accounts);
      const specs = planTasks({ accounts, tasks: 300, seed: 5, prefix: 'metrics-task' });
      await createTasks(runtime.rpc, specs, 16);
      const views = [...(await awaitTerminal(runtime.rpc, specs, 60_000)).values()];
      const balance = await totalBalanceMillicredits(runtime.rpc, accounts);

      const text = await scrape(url);
      const samples = samplesOf(text);
      // Conservation, from the metrics alone: what came in less what left is every balance.
      expect(credits(samples, 'purchased') + credits(samples, 'granted') + credits(samples, 'refunded') - credits(samples, 'charged') - credits(samples, 'expired') - credits(samples, 'revoked')).toBe(balance);
      const charged = views.filter((v) => v.status === 'charged').reduce((total, v) => total + (v.creditsCostMillicredits ?? 0), 0);
      expect(samples.get('billing_credits_millicredits_total{pool="api",movement="charged"}')).toBe(charged);
      for (const outcome of ['charged', 'released', 'rejected']) {
        expect(sum(samples, `billing_tasks_ended_total{outcome="${outcome}"`)).toBe(views.filter((v) => v.status === outcome).length);
      }
      expect(views.filter((v) => v.status === 'rejected').length).toBeGreaterThan(0);
      expect(samples.get('billing_tasks_ended_total{outcome="released",reason="failed"}')).toBe(views.filter((v) => v.endReason === 'failed').length);
      expect(sum(samples, 'billing_task_create_to_terminal_seconds_count')).toBe(300);
      expect(sum(samples, 'billing_tasks{')).toBe(0);
      expect(samples.get('billing_concurrency_slots_in_use')).toBe(0);
      expect(samples.get('billing_task_queue_length')).toBe(0);
      expect(samples.get('billing_event_store_append_seconds_count{service="tasks"}')).toBeGreaterThan(300);
      expect(text).toContain('billing_consumer_lag_events{group=');
      expect(text).toContain('gateway_http_requests_total');
      expect(text).toContain('process_cpu_seconds_total');

      // Every metric the Grafana dashboard queries is served.
      const dashboard = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'grafana-dashboard.json'), 'utf8');
      const queried = new Set([...dashboard.matchAll(/\b((?:billing|gateway)_[a-z_]+?)(?:_bucket)?\b/g)].map((m) => m[1]));
      expect([...queried].filter((name) => !text.includes(`# TYPE ${name} `))).toEqual([]);

      const file = join(dir, 'metrics.txt');
      writeFileSync(file, text);
      expect(execFileSync('bash', ['-c', `"${PROMTOOL}" check metrics < "${file}" 2>&1; echo "exit $?"`], { encoding: 'utf8' }).trim()).toBe('exit 0');
    } finally {
      await runtime.stop();
    }
  }, 120_000);

  it('given a platform stopped and started again on its files, then its credit metrics are read back from the events, not lost', async () => {
    let { runtime, url } = await start();
    let before: Samples;
    try {
      const accounts = ['again-0', 'again-1'];
      await fundAccounts(runtime.commands, accounts, () => 5_000_000, Date.now());
      await awaitFunding(runtime.rpc, accounts);
      const specs = planTasks({ accounts, tasks: 20, seed: 9, prefix: 'again-task' });
      await createTasks(runtime.rpc, specs, 4);
      await awaitTerminal(runtime.rpc, specs, 30_000);
      before = samplesOf(await scrape(url));
    } finally {
      await runtime.stop();
    }
    ({ runtime, url } = await start());
    try {
      expect(sum(before, 'billing_tasks_ended_total{')).toBe(20);
      const watched = [...before.keys()].filter((key) => key.startsWith('billing_credits_millicredits_total{') || key.startsWith('billing_tasks_ended_total{'));
      expect(watched.length).toBeGreaterThan(4);
      // The history is read back in the background at start.
      const after = await eventuallyValue(async () => samplesOf(await scrape(url)), (now) => watched.every((key) => now.get(key) === before.get(key)), 'the metrics read back from the events');
      expect(watched.map((key) => after.get(key))).toEqual(watched.map((key) => before.get(key)));
    } finally {
      await runtime.stop();
    }
  }, 60_000);
});
