/*
 * `npm run lint:asyncapi`: docs/asyncapi.yaml through the AsyncAPI parser (@asyncapi/parser,
 * its spec and Spectral rules). Prints the channels, operations and messages it read and the
 * diagnostics by severity; fails on any error or warning.
 */
import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SEVERITY = ['error', 'warning', 'information', 'hint'];

async function main(): Promise<void> {
  const text = readFileSync(join(__dirname, '..', '..', 'docs', 'asyncapi.yaml'), 'utf8');
  const { document, diagnostics } = await new Parser().parse(text);
  const counts = SEVERITY.map((name, severity) => `${diagnostics.filter((d) => d.severity === severity).length} ${name}s`);
  for (const d of diagnostics) console.log(`${SEVERITY[d.severity] ?? d.severity} ${d.code} at ${d.path.join('.')}: ${d.message}`);
  const read = document ? `${document.channels().length} channels, ${document.operations().length} operations, ${document.components().messages().length} messages` : 'no document';
  console.log(`asyncapi parser: ${read}; ${counts.join(', ')}`);
  if (!document || diagnostics.some((d) => d.severity <= 1)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
