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
