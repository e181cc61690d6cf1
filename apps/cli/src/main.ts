import { randomUUID } from 'node:crypto';
import { loadPriceBooks, priceBooksDirectory } from '@billing/price-book-files';
import { runCli } from './cli';
import { COMMANDS } from './commands';

// The only place the CLI touches the process: streams, environment, clock, ids, files.
void runCli(process.argv.slice(2), COMMANDS, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  now: () => Date.now(),
  newId: () => randomUUID(),
  loadPriceBooks: () => loadPriceBooks(priceBooksDirectory(process.env)),
}).then((code) => {
  process.exitCode = code;
});
