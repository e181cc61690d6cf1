import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Runs `apps/gateway/src/main.ts` with exactly `env` (plus PATH) and collects how it ended. */
function runGateway(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/gateway/src/main.ts'], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stderr })));
}

describe('the distributed gateway process refuses a configuration it cannot run with', () => {
  it('given no JWT_SECRET and no JWT_JWKS_URL, then exit code 2 naming both (no embedded secret in distributed mode)', async () => {
    const { code, stderr } = await runGateway({ TRANSPORT: 'kafka', KAFKA_BROKERS: '127.0.0.1:1', DATA_DIR: '/nonexistent/gateway' });
    expect(code).toBe(2);
    expect(stderr).toContain('JWT_SECRET or JWT_JWKS_URL is required');
  }, 60_000);

  it('given the in-process transport and a bad GRPC_PORT, then exit code 2 naming each variable', async () => {
    const { code, stderr } = await runGateway({ JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters', GRPC_PORT: 'fifty', DATA_DIR: '/nonexistent/gateway' });
    expect(code).toBe(2);
    expect(stderr).toContain('GRPC_PORT must be an integer from 0 to 65535, got "fifty"');
    expect(stderr).toContain('TRANSPORT must be kafka for the gateway process');
  }, 60_000);
});
