import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadGatewayConfig } from './gateway-config';
import { loadPlatformConfig } from './platform-config';

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('the configuration was accepted');
};

const ed25519 = generateKeyPairSync('ed25519');
const publicPem = ed25519.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const privatePem = ed25519.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const rsaPublicPem = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('the audit verifying key (AUDIT_VERIFY_KEY or AUDIT_VERIFY_KEY_FILE)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'config-audit-key-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given neither, then no key', () => {
    expect(loadPlatformConfig({}).auditVerifyKeyPem).toBeUndefined();
  });

  it('given the PEM text, with line breaks written as \\n, then the key', () => {
    expect(loadPlatformConfig({ AUDIT_VERIFY_KEY: publicPem }).auditVerifyKeyPem).toBe(publicPem.trim());
    expect(loadPlatformConfig({ AUDIT_VERIFY_KEY: publicPem.trim().replace(/\n/g, '\\n') }).auditVerifyKeyPem).toBe(publicPem.trim());
  });

  it('given a file, then the key it holds', () => {
    const file = join(dir, 'verify.pem');
    writeFileSync(file, publicPem);
    expect(loadPlatformConfig({ AUDIT_VERIFY_KEY_FILE: file }).auditVerifyKeyPem).toBe(publicPem);
  });

  it.each([
    [{ AUDIT_VERIFY_KEY: 'not a key' }, 'AUDIT_VERIFY_KEY must be an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)'],
    [{ AUDIT_VERIFY_KEY: 'RSA' }, 'AUDIT_VERIFY_KEY must be an Ed25519 public key (PEM), got a rsa key'],
    [{ AUDIT_VERIFY_KEY: 'PRIVATE' }, 'AUDIT_VERIFY_KEY must be the public half of the audit key pair, not the private key'],
    [{ AUDIT_VERIFY_KEY: 'PUBLIC', AUDIT_VERIFY_KEY_FILE: '/x.pem' }, 'AUDIT_VERIFY_KEY and AUDIT_VERIFY_KEY_FILE are both set: set one of them'],
  ])('given %j, then it refuses, naming the variable', (env, problem) => {
    const keys: Record<string, string> = { RSA: rsaPublicPem, PRIVATE: privatePem, PUBLIC: publicPem };
    const resolved = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, keys[value] ?? value]));
    expect(problemsOf(() => loadPlatformConfig(resolved))).toEqual([problem]);
  });

  it('given a file that does not exist or holds no key, then it refuses, naming the variable and the file', () => {
    const missing = join(dir, 'missing.pem');
    expect(problemsOf(() => loadPlatformConfig({ AUDIT_VERIFY_KEY_FILE: missing }))).toEqual([`AUDIT_VERIFY_KEY_FILE cannot be read, got "${missing}" (ENOENT)`]);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'hello');
    expect(problemsOf(() => loadPlatformConfig({ AUDIT_VERIFY_KEY_FILE: junk }))).toEqual([
      `AUDIT_VERIFY_KEY_FILE must be an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----), "${junk}" holds none`,
    ]);
  });
});

describe('loadGatewayConfig: the distributed gateway process', () => {
  it('given Kafka and a JWT secret, then the ports default to 3000 and 50051', () => {
    const config = loadGatewayConfig({ TRANSPORT: 'kafka', KAFKA_BROKERS: 'localhost:9092', JWT_SECRET: SECRET });
    expect(config).toMatchObject({ port: 3000, grpcPort: 50051, host: '0.0.0.0', tokens: { jwtSecret: SECRET }, platform: { transport: 'kafka', kafkaBrokers: ['localhost:9092'] } });
  });

  it('given a JWKS URL and port 0 for both, then those', () => {
    const config = loadGatewayConfig({ TRANSPORT: 'kafka', KAFKA_BROKERS: 'kafka:19092', JWT_JWKS_URL: 'https://id.example.com/.well-known/jwks.json', PORT: '0', GRPC_PORT: '0' });
    expect(config).toMatchObject({ port: 0, grpcPort: 0, tokens: { jwksUrl: 'https://id.example.com/.well-known/jwks.json' } });
  });

  it('given neither JWT_SECRET nor JWT_JWKS_URL, then it refuses, naming both', () => {
    expect(problemsOf(() => loadGatewayConfig({ TRANSPORT: 'kafka', KAFKA_BROKERS: 'localhost:9092' }))).toEqual([
      'JWT_SECRET or JWT_JWKS_URL is required: the distributed gateway verifies app users with a shared secret or a JWKS URL',
    ]);
  });

  it('given the in-process transport, then it refuses: the gateway process reaches the services over Kafka', () => {
    expect(problemsOf(() => loadGatewayConfig({ JWT_SECRET: SECRET }))).toEqual([
      'TRANSPORT must be kafka for the gateway process: it reaches the services over Kafka (npm start runs the embedded platform with its own gateway)',
    ]);
  });

  it('given bad values of its own and of the platform, then every one is reported at once', () => {
    expect(problemsOf(() => loadGatewayConfig({ TRANSPORT: 'kafka', PORT: 'http', GRPC_PORT: '70000', JWT_SECRET: 'short', JWT_JWKS_URL: 'nowhere' }))).toEqual([
      'KAFKA_BROKERS is required when TRANSPORT is kafka (comma-separated host:port)',
      'PORT must be an integer from 0 to 65535, got "http"',
      'GRPC_PORT must be an integer from 0 to 65535, got "70000"',
      'JWT_JWKS_URL must be a URL, got "nowhere"',
      'JWT_SECRET and JWT_JWKS_URL are both set: set one of them',
      'JWT_SECRET must be at least 32 characters, got 5',
    ]);
  });
});
