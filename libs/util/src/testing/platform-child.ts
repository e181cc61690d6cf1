import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * What `npm start` runs (without the dashboard build), in a child process of its own with
 * `env` added to this one's; resolves with where its gateway listens once it says so. Every
 * line it prints goes to `output`; an exit before that rejects with them.
 */
export async function startPlatformChild(env: Readonly<Record<string, string>>, output: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/platform/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((found, failed) => {
    const onLine = (line: string) => {
      output.push(line);
      const match = /^gateway: (http:\/\/\S+)/.exec(line);
      if (match?.[1]) found(match[1]);
    };
    if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
    if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
    child.once('exit', (code, signal) => failed(new Error(`the platform exited (code ${code}, signal ${signal}):\n${output.join('\n')}`)));
  });
  return { child, url: await url };
}
