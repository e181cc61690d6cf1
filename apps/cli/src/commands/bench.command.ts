import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EXIT_FAILED, UsageError, type CliCommand } from '../command';

const BENCH_DIR = path.resolve(__dirname, '../../../../tools/bench');
const SUFFIX = '.bench.ts';

/** `billing bench <name>`: runs `tools/bench/<name>.bench.ts`, the same script as `npm run bench:<name>`. */
export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run a benchmark (the same as npm run bench:<name>)',
  usage: 'npm run billing -- bench <name> [args...]',
  run(args) {
    const available = benchmarks();
    const [name, ...rest] = args;
    if (name === undefined || !available.includes(name)) {
      throw new UsageError(`bench needs one of: ${available.join(', ')}${name === undefined ? '' : `; got ${JSON.stringify(name)}`}`);
    }
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, `${name}${SUFFIX}`), ...rest], { stdio: 'inherit' });
    return result.status ?? EXIT_FAILED;
  },
};

function benchmarks(): readonly string[] {
  if (!existsSync(BENCH_DIR)) return [];
  return readdirSync(BENCH_DIR).filter((file) => file.endsWith(SUFFIX)).map((file) => file.slice(0, -SUFFIX.length)).sort();
}
