import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = resolve(__dirname, '../../../../..');
const ensureScript = resolve(repoRoot, 'tools/stripe-mock/ensure-stripe-mock.sh');
const LISTENING = /Listening for HTTP at address: 127\.0\.0\.1:(\d+)/;

export interface StripeMock {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

export type StripeMockAvailability =
  | { readonly kind: 'running'; readonly mock: StripeMock }
  | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * Starts stripe-mock on loopback with ports it picks itself (no race for a free port),
 * installing it first through `tools/stripe-mock/ensure-stripe-mock.sh` when missing.
 * Reports `unavailable` only when the install script cannot run; a start failure throws.
 */
export async function startStripeMock(): Promise<StripeMockAvailability> {
  let binary: string;
  try {
    const { stdout } = await promisify(execFile)('bash', [ensureScript], { timeout: 280_000 });
    binary = stdout.trim().split('\n').pop() ?? '';
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    return { kind: 'unavailable', reason: stderr.trim() || String(error) };
  }
  const child = spawn(binary, ['-http-addr', '127.0.0.1:0', '-https-addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await listeningPort(child);
    await answering(port);
    return { kind: 'running', mock: { host: '127.0.0.1', port, stop: () => stop(child) } };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`stripe-mock did not start within 15s: ${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const port = LISTENING.exec(output)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolvePort(Number(port));
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stripe-mock exited with ${code}: ${output}`));
    });
  });
}

async function answering(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/v1/charges`, { headers: { authorization: 'Bearer sk_test_123' } })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`stripe-mock on port ${port} does not answer`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
