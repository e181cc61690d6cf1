import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parsePriceBook, type PriceBook } from '@billing/pricing-domain';
import creditsDocument from '@billing/price-books/credits.json';
import pointsDocument from '@billing/price-books/points.json';
import { runCli } from '../cli';
import type { CliContext } from '../command';
import { COMMANDS } from '../commands';

export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const shippedBooks: readonly PriceBook[] = [parsePriceBook(pointsDocument), parsePriceBook(creditsDocument)];

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in process against the shipped books, with a fixed clock and ids. */
export async function runBilling(argv: readonly string[], books: readonly PriceBook[] = shippedBooks): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    now: () => NOW,
    newId: () => 'fixed',
    loadPriceBooks: () => books,
  };
  const code = await runCli(argv, COMMANDS, context);
  return { code, stdout, stderr };
}

export const REPO_ROOT = resolve(__dirname, '../../../..');
/** What `npm run billing` runs: the bundled CLI, built first when older than its sources. */
export const BILLING_ENTRY = 'apps/cli/billing.mjs';

/**
 * `billing <argv>` as a child process, as a person at a terminal runs it (the built entry),
 * with `env` over this process's environment. The child leads its own process group, so a
 * run that overstays is killed with what it started (`bench` runs its script in a grandchild).
 */
export function runBillingProcess(argv: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMillis = 60_000): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BILLING_ENTRY, ...argv], { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      fail(new Error(`billing ${argv.join(' ')} overstayed ${timeoutMillis} ms; killed its process group`));
    }, timeoutMillis);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}
