import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The arrows of STYLE.md are enforced by lint; this proves the rules are live, so a
// config change that silently disables them fails here rather than in review.
const root = path.resolve(__dirname, '../..');

interface LintResult {
  readonly messages: readonly { readonly ruleId: string | null; readonly message: string }[];
}

/** Lints `code` as if it stood at `filePath`, with the repository's real ESLint config. */
async function lint(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(path.join(root, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', filePath, '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as LintResult[];
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

beforeAll(() => {
  // The boundary rule reads Nx's cached project graph; build it as `npm run lint` does.
  const graph = spawnSync(path.join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  expect(graph.status).toBe(0);
}, 120_000);

describe('module boundaries', () => {
  it('a domain lib may not import a database client', async () => {
    const problems = await lint('libs/wallet/domain/src/lib/probe.ts', "import Database from 'better-sqlite3';\nexport const db = Database;\n");
    expect(problems).toContainEqual(expect.stringMatching(/enforce-module-boundaries: .*type:domain.*better-sqlite3/));
  });

  it('a domain lib may not import a data-access lib', async () => {
    const problems = await lint('libs/wallet/domain/src/lib/probe.ts', "import { createRepository } from '@billing/event-store';\nexport const r = createRepository;\n");
    expect(problems).toContainEqual(expect.stringMatching(/enforce-module-boundaries: .*can only depend on libs tagged with "type:domain"/));
  });

  it('a domain lib may not import NestJS or Kafka', async () => {
    const nest = await lint('libs/tasks/domain/src/lib/probe.ts', "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n");
    const kafka = await lint('libs/tasks/domain/src/lib/probe.ts', "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n");
    expect(nest).toContainEqual(expect.stringMatching(/not allowed to import "@nestjs\/common"/));
    expect(kafka).toContainEqual(expect.stringMatching(/not allowed to import "kafkajs"/));
  });

  it('a domain lib may not read the clock or roll dice', async () => {
    const problems = await lint('libs/pricing/domain/src/lib/probe.ts', 'export const t = Date.now() + Math.random() + new Date().getTime();\n');
    expect(problems.filter((problem) => problem.startsWith('no-restricted'))).toHaveLength(3);
  });

  it('one scope may not reach into another', async () => {
    const problems = await lint('libs/wallet/domain/src/lib/probe.ts', "import { quote } from '@billing/pricing-domain';\nexport const q = quote;\n");
    expect(problems).toContainEqual(expect.stringMatching(/scope:wallet.*can only depend on libs tagged with "scope:wallet", "scope:shared"/));
  });

  it('a domain lib may import contracts and util', async () => {
    const problems = await lint(
      'libs/wallet/domain/src/lib/probe.ts',
      "import type { WalletEvent } from '@billing/contracts';\nimport { assertNever } from '@billing/util';\nexport const f = (e: WalletEvent) => assertNever(e as never);\n",
    );
    expect(problems).toEqual([]);
  });
});
