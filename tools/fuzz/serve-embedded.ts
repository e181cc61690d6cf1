/*
 * The embedded platform with its REST gateway for the fuzzer: DATA_DIR (required) holds
 * every store and the jwt-secret the `billing token` command signs with; PORT (default 0,
 * any free port). Prints `listening <url>` once up; stops on SIGTERM/SIGINT.
 */
import { ensureJwtSecret } from '@billing/gateway-application';
import { JsonLogger } from '@billing/service-host';
import { startEmbeddedGateway } from '../bench/embedded-gateway';

async function main(): Promise<void> {
  const dataDir = process.env['DATA_DIR'];
  if (!dataDir) throw new Error('DATA_DIR is required');
  const jwtSecret = ensureJwtSecret(dataDir);
  const toStderr = (line: string) => process.stderr.write(`${line}\n`);
  const logger = new JsonLogger('fuzz-platform', toStderr, 'warn');
  const platform = await startEmbeddedGateway({ dir: dataDir, jwtSecret, logger, logSink: toStderr, port: Number(process.env['PORT'] ?? 0) });
  process.stdout.write(`listening ${platform.url}\n`);
  const stop = () => {
    void platform.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
