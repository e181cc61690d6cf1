/*
 * `npm run openapi`: writes the REST gateway's OpenAPI document (docs/openapi.json, as the
 * gateway serves it at /openapi.json) and the SDK's types generated from it
 * (libs/sdk/src/openapi.ts, which the dashboard reads through @billing/sdk). `--check` writes nothing and fails when either
 * checked-in file differs from what would be written.
 */
import type { BillingGateway } from '@billing/gateway-application';
import { createGatewayHttp } from '@billing/gateway-http';
import { silentLogger } from '@billing/service-host';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

const ROOT = join(__dirname, '..', '..');
const DOCUMENT_PATH = 'docs/openapi.json';
const TYPES_PATH = 'libs/sdk/src/openapi.ts';
const TYPES_HEADER = '// Generated from docs/openapi.json by `npm run openapi`: do not edit.\n\n';

/** The document the gateway serves, built from its HTTP module alone: no route is called, so no gateway stands behind it. */
async function gatewayDocument(): Promise<string> {
  const app = await createGatewayHttp({ gateway: {} as BillingGateway, logger: silentLogger, logRequests: false });
  try {
    await app.init();
    const answer = await app.inject({ method: 'GET', url: '/openapi.json' });
    return `${JSON.stringify(answer.json(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

async function sdkTypes(document: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(document) as OpenAPI3, { immutable: true, alphabetize: true });
  return TYPES_HEADER + astToString(ast);
}

async function main(check: boolean): Promise<void> {
  const document = await gatewayDocument();
  const files = [
    { path: DOCUMENT_PATH, text: document },
    { path: TYPES_PATH, text: await sdkTypes(document) },
  ];
  if (!check) {
    for (const file of files) writeFileSync(join(ROOT, file.path), file.text);
    return;
  }
  const stale = files.filter((file) => readIfPresent(join(ROOT, file.path)) !== file.text).map((file) => file.path);
  if (stale.length > 0) {
    console.error(`${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} not what the gateway describes now: run \`npm run openapi\` and commit the result.`);
    process.exitCode = 1;
  }
}

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
