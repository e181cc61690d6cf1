// Builds the dashboard (Vite) when dist/ is missing or older than its sources; quick when
// up to date. `npm start` runs it first; the browser tests run it once.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const built = join(root, 'dist', 'index.html');
const sources = ['index.html', 'vite.config.mts', 'src'].map((name) => join(root, name));

/** @param {string} path @returns {number} */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // Files only (a directory's time moves when a file is added), and not the tests.
  return readdirSync(path)
    .filter((name) => !name.endsWith('.spec.ts'))
    .reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

const force = process.argv.includes('--rebuild');
const stale = force || !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newest));
if (stale) {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.mts') });
  process.stdout.write(`dashboard: built into ${join(root, 'dist')} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
