// `npm run billing -- <command>`: runs the CLI from one bundled JS file, dist/cli/main.js,
// bundled by esbuild from apps/cli/src/main.ts when it is missing or older than any file it
// was built from. tsx compiled ~170 files on every start; the bundle starts in a fraction.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const outDir = join(root, 'dist/cli');
const bundle = join(outDir, 'main.js');
/** The sources the bundle was built from (esbuild's metafile), checked at each start. */
const inputsFile = join(outDir, 'inputs.json');
/** Files that change the bundle without being one of its inputs. */
const buildFiles = [fileURLToPath(import.meta.url), join(root, 'tsconfig.base.json')];

function isStale() {
  let built;
  let inputs;
  try {
    built = statSync(bundle).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return true;
  }
  // A deleted or renamed input throws: build again.
  try {
    return [...buildFiles, ...inputs.map((input) => join(root, input))].some((file) => statSync(file).mtimeMs > built);
  } catch {
    return true;
  }
}

/**
 * `__dirname` in a source file means that file's folder (price books, protos, benchmarks are
 * found from it); in the bundle it would be dist/cli, so it is rewritten relative to the bundle.
 * Decorated files (class-validator payloads) go through SWC, which emits the decorator
 * metadata esbuild does not, as the tests' transform does.
 */
const sourcePlugin = {
  name: 'billing-sources',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      if (contents.includes('__dirname')) {
        const folder = JSON.stringify(relative(outDir, dirname(args.path)));
        contents = contents.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${folder})`);
      }
      if (!/^\s*@[A-Z]\w*\(/m.test(contents)) return { contents, loader: 'ts' };
      const { transform } = await import('@swc/core');
      const { code } = await transform(contents, {
        filename: args.path,
        jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023' },
        module: { type: 'es6' },
      });
      return { contents: code, loader: 'js' };
    });
  },
};

async function build() {
  const started = Date.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['apps/cli/src/main.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    // Dependencies load from node_modules as they would under tsx (native ones cannot be bundled).
    packages: 'external',
    tsconfig: join(root, 'tsconfig.base.json'),
    plugins: [sourcePlugin],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  // esbuild's service process would otherwise outlive this one by a moment.
  await esbuild.stop();
  mkdirSync(outDir, { recursive: true });
  // Written aside and renamed: a CLI started meanwhile reads the old bundle or the new, never half of one.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/'));
  writeAtomically(inputsFile, JSON.stringify(inputs));
  writeAtomically(bundle, result.outputFiles[0].contents);
  // Said at a terminal only: scripts and tests read stderr for the command's own messages.
  if (process.stderr.isTTY) process.stderr.write(`billing: built ${relative(root, bundle)} from ${inputs.length} files in ${Date.now() - started} ms\n`);
}

function writeAtomically(file, contents) {
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, contents);
  renameSync(aside, file);
}

if (isStale()) await build();
createRequire(import.meta.url)(bundle);
