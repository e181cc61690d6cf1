import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

export const SERVICE_NAMES = ['pricing', 'wallet', 'purchase', 'tasks', 'webhooks'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** pino's levels, lowest first; `silent` logs nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type PaymentConfig =
  | { readonly provider: 'sandbox'; readonly checkoutBaseUrl: string; readonly webhookSecret: string }
  | {
      readonly provider: 'stripe';
      readonly secretKey: string;
      readonly webhookSecret: string;
      readonly successUrl: string;
      readonly cancelUrl: string;
      /** Another Stripe API endpoint (stripe-mock), else Stripe's own. */
      readonly apiUrl?: string;
    };

export type GenerationConfig =
  | {
      readonly provider: 'simulator';
      readonly latencyMinMillis: number;
      readonly latencyMaxMillis: number;
      readonly failureRate: number;
      readonly partialOutputRate: number;
      readonly seed: number;
    }
  | { readonly provider: 'http'; readonly endpoint: string; readonly apiKey?: string; readonly webhookSecret: string; readonly callbackUrl?: string };

/** Outgoing webhooks: how deliveries are retried, and how early a plan grant's expiry is announced. */
export interface WebhooksConfig {
  /** Waits before each retry (WEBHOOK_RETRY_SCHEDULE_MS); absent: the Standard Webhooks schedule, about 27 h. */
  readonly retryScheduleMillis?: readonly number[];
  /** `grant.expiring` is sent this many days before a plan grant's credits expire (WEBHOOK_GRANT_EXPIRING_DAYS). */
  readonly grantExpiringDays: number;
}

/** Everything a platform process reads from its environment, checked once at start-up. */
export interface PlatformConfig {
  readonly dataDir: string;
  readonly transport: 'in-process' | 'kafka';
  readonly kafkaBrokers: readonly string[];
  readonly kafkaPartitions: number;
  /** How soon the others take over a silent (killed) instance's partitions (KAFKA_SESSION_TIMEOUT_MS, default 10 s, at least the broker's 6 s floor). */
  readonly kafkaSessionTimeoutMillis: number;
  readonly eventStore: 'sqlite' | 'eventstoredb' | 'postgres';
  readonly eventStoreDbUrl?: string;
  /** The PostgreSQL every service's store lives in, a schema each (DATABASE_URL, when EVENT_STORE is postgres). */
  readonly databaseUrl?: string;
  readonly priceBooksDir: string;
  readonly priceBook: string;
  readonly billingEnv: 'development' | 'production';
  readonly payment: PaymentConfig;
  readonly generation: GenerationConfig;
  readonly reservationTtlSeconds: number;
  readonly taskTimeoutSeconds: number;
  /** The accounting period of wallet books (WALLET_PERIOD): each wallet has one stream per period, UTC. */
  readonly walletPeriod: 'month' | 'day';
  readonly webhooks: WebhooksConfig;
  /** The one service a distributed process runs; absent for the embedded platform. */
  readonly service?: ServiceName;
  /** The lowest level logged (LOG_LEVEL, default info). */
  readonly logLevel: LogLevel;
  /** Human-readable log lines instead of JSON (LOG_PRETTY=true; pino-pretty, a development dependency). */
  readonly logPretty: boolean;
  readonly rpcTimeoutMillis: number;
  /** Where a distributed service process serves `/metrics` (METRICS_PORT; 0 picks a free port); absent: not served (embedded, the gateway's `/metrics` has them). */
  readonly metricsPort?: number;
  /** The Ed25519 public key (PEM) finance's checkpoints must be signed with (AUDIT_VERIFY_KEY or AUDIT_VERIFY_KEY_FILE). */
  readonly auditVerifyKeyPem?: string;
}

const DEV_SANDBOX_SECRET = 'embedded-sandbox-webhook-secret';

/**
 * Reads and validates the platform's variables. Every problem is collected, and a
 * ConfigError lists them all, each naming its variable and the value it got.
 */
export function loadPlatformConfig(env: Readonly<Record<string, string | undefined>> = process.env): PlatformConfig {
  const read = new EnvReader(env);
  const transport = read.oneOf('TRANSPORT', ['in-process', 'kafka'] as const, 'in-process');
  const kafkaBrokers = read.brokers('KAFKA_BROKERS');
  if (transport === 'kafka' && kafkaBrokers.length === 0 && read.problems.every((p) => !p.startsWith('KAFKA_BROKERS'))) {
    read.problems.push('KAFKA_BROKERS is required when TRANSPORT is kafka (comma-separated host:port)');
  }
  const eventStore = read.oneOf('EVENT_STORE', ['sqlite', 'eventstoredb', 'postgres'] as const, 'sqlite');
  const eventStoreDbUrl = eventStore === 'eventstoredb' ? read.required('EVENTSTOREDB_URL', 'when EVENT_STORE is eventstoredb') : read.optional('EVENTSTOREDB_URL');
  if (eventStoreDbUrl) read.url('EVENTSTOREDB_URL', eventStoreDbUrl);
  const databaseUrl = eventStore === 'postgres' ? read.required('DATABASE_URL', 'when EVENT_STORE is postgres') : read.optional('DATABASE_URL');
  if (databaseUrl) read.url('DATABASE_URL', databaseUrl);
  const billingEnv = read.oneOf('BILLING_ENV', ['development', 'production'] as const, 'development');
  const service = read.optional('SERVICE');
  if (service !== undefined && !(SERVICE_NAMES as readonly string[]).includes(service)) {
    read.problems.push(`SERVICE must be one of ${SERVICE_NAMES.join(', ')}, got "${service}"`);
  }
  const reservationTtlSeconds = read.integer('RESERVATION_TTL_SECONDS', 1, 7 * 24 * 3600, 1800);
  const taskTimeoutSeconds = read.integer('TASK_TIMEOUT_SECONDS', 1, 7 * 24 * 3600, 600);
  if (reservationTtlSeconds <= taskTimeoutSeconds) {
    read.problems.push(`RESERVATION_TTL_SECONDS (${reservationTtlSeconds}) must be longer than TASK_TIMEOUT_SECONDS (${taskTimeoutSeconds}): a hold must outlive its task`);
  }
  const auditVerifyKeyPem = auditVerifyKey(read);
  const config: PlatformConfig = {
    dataDir: read.string('DATA_DIR', './data'),
    transport,
    kafkaBrokers,
    // In-process topics share one thread: more partitions only mean more, smaller commits.
    kafkaPartitions: read.integer('KAFKA_PARTITIONS', 1, 1024, transport === 'kafka' ? 6 : 1),
    kafkaSessionTimeoutMillis: read.integer('KAFKA_SESSION_TIMEOUT_MS', 6_000, 300_000, 10_000),
    eventStore,
    ...(eventStoreDbUrl ? { eventStoreDbUrl } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    priceBooksDir: read.string('PRICE_BOOKS_DIR', 'price-books'),
    priceBook: read.string('PRICE_BOOK', 'credits'),
    billingEnv,
    payment: paymentConfig(read, billingEnv),
    generation: generationConfig(read),
    reservationTtlSeconds,
    taskTimeoutSeconds,
    walletPeriod: read.oneOf('WALLET_PERIOD', ['month', 'day'] as const, 'month'),
    webhooks: webhooksConfig(read),
    ...(service && (SERVICE_NAMES as readonly string[]).includes(service) ? { service: service as ServiceName } : {}),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logPretty: read.oneOf('LOG_PRETTY', ['false', 'true'] as const, 'false') === 'true',
    rpcTimeoutMillis: read.integer('RPC_TIMEOUT_MS', 1, 600_000, 15_000),
    ...(read.has('METRICS_PORT') ? { metricsPort: read.integer('METRICS_PORT', 0, 65_535, 0) } : {}),
    ...(auditVerifyKeyPem ? { auditVerifyKeyPem } : {}),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function webhooksConfig(read: EnvReader): WebhooksConfig {
  const retryScheduleMillis = read.integers('WEBHOOK_RETRY_SCHEDULE_MS', 1, 7 * 86_400_000);
  return { ...(retryScheduleMillis ? { retryScheduleMillis } : {}), grantExpiringDays: read.integer('WEBHOOK_GRANT_EXPIRING_DAYS', 1, 365, 3) };
}

function paymentConfig(read: EnvReader, billingEnv: PlatformConfig['billingEnv']): PaymentConfig {
  const provider = read.oneOf('PAYMENT_PROVIDER', ['sandbox', 'stripe'] as const, billingEnv === 'production' ? 'stripe' : 'sandbox');
  if (provider === 'sandbox') {
    // The sandbox confirms payments without taking money: never in production.
    if (billingEnv === 'production') read.problems.push('PAYMENT_PROVIDER must not be sandbox when BILLING_ENV is production');
    const checkoutBaseUrl = read.string('SANDBOX_CHECKOUT_URL', `${gatewayUrl(read)}/v1/sandbox/checkout`);
    read.url('SANDBOX_CHECKOUT_URL', checkoutBaseUrl);
    return { provider, checkoutBaseUrl, webhookSecret: read.string('SANDBOX_WEBHOOK_SECRET', DEV_SANDBOX_SECRET) };
  }
  const why = 'when PAYMENT_PROVIDER is stripe';
  const apiUrl = read.optional('STRIPE_API_URL');
  read.url('STRIPE_API_URL', apiUrl);
  const successUrl = read.required('STRIPE_SUCCESS_URL', why);
  const cancelUrl = read.required('STRIPE_CANCEL_URL', why);
  if (successUrl) read.url('STRIPE_SUCCESS_URL', successUrl);
  if (cancelUrl) read.url('STRIPE_CANCEL_URL', cancelUrl);
  return {
    provider,
    secretKey: read.required('STRIPE_SECRET_KEY', why),
    webhookSecret: read.required('STRIPE_WEBHOOK_SECRET', why),
    successUrl,
    cancelUrl,
    ...(apiUrl ? { apiUrl } : {}),
  };
}

/**
 * Where the gateway answers, from the HOST and PORT it listens on (defaults 0.0.0.0 and
 * 3000): links the platform hands out (the sandbox checkout) must reach it. A wildcard
 * host is reached on loopback.
 */
function gatewayUrl(read: EnvReader): string {
  const port = read.integer('PORT', 0, 65_535, 3000);
  const host = read.string('HOST', '0.0.0.0');
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function generationConfig(read: EnvReader): GenerationConfig {
  const provider = read.oneOf('GENERATION_PROVIDER', ['simulator', 'http'] as const, 'simulator');
  if (provider === 'simulator') {
    const latencyMinMillis = read.integer('SIMULATOR_LATENCY_MIN_MS', 0, 3_600_000, 0);
    const latencyMaxMillis = read.integer('SIMULATOR_LATENCY_MAX_MS', 0, 3_600_000, latencyMinMillis);
    if (latencyMaxMillis < latencyMinMillis) {
      read.problems.push(`SIMULATOR_LATENCY_MAX_MS (${latencyMaxMillis}) must not be below SIMULATOR_LATENCY_MIN_MS (${latencyMinMillis})`);
    }
    return {
      provider,
      latencyMinMillis,
      latencyMaxMillis,
      failureRate: read.ratio('SIMULATOR_FAILURE_RATE', 0),
      partialOutputRate: read.ratio('SIMULATOR_PARTIAL_RATE', 0),
      seed: read.integer('SIMULATOR_SEED', 0, 2 ** 31 - 1, 1),
    };
  }
  const why = 'when GENERATION_PROVIDER is http';
  const endpoint = read.required('GENERATION_HTTP_ENDPOINT', why);
  if (endpoint) read.url('GENERATION_HTTP_ENDPOINT', endpoint);
  const callbackUrl = read.optional('GENERATION_CALLBACK_URL');
  read.url('GENERATION_CALLBACK_URL', callbackUrl);
  const apiKey = read.optional('GENERATION_HTTP_API_KEY');
  return {
    provider,
    endpoint,
    webhookSecret: read.required('GENERATION_WEBHOOK_SECRET', why),
    ...(apiKey ? { apiKey } : {}),
    ...(callbackUrl ? { callbackUrl } : {}),
  };
}

/**
 * The audit verifying key as PEM text (AUDIT_VERIFY_KEY; `\n` written as two characters is
 * read as a line break) or a file holding it (AUDIT_VERIFY_KEY_FILE); one of them, an Ed25519
 * public key.
 */
function auditVerifyKey(read: EnvReader): string | undefined {
  const text = read.optional('AUDIT_VERIFY_KEY');
  const file = read.optional('AUDIT_VERIFY_KEY_FILE');
  if (text !== undefined && file !== undefined) {
    read.problems.push('AUDIT_VERIFY_KEY and AUDIT_VERIFY_KEY_FILE are both set: set one of them');
    return undefined;
  }
  let pem: string;
  let name: string;
  if (text !== undefined) {
    pem = text.replace(/\\n/g, '\n');
    name = 'AUDIT_VERIFY_KEY';
  } else if (file !== undefined) {
    name = 'AUDIT_VERIFY_KEY_FILE';
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
      read.problems.push(`AUDIT_VERIFY_KEY_FILE cannot be read, got "${file}" (${code})`);
      return undefined;
    }
  } else return undefined;
  if (/PRIVATE KEY/.test(pem)) {
    read.problems.push(`${name} must be the public half of the audit key pair, not the private key`);
    return undefined;
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') {
      read.problems.push(`${name} must be an Ed25519 public key (PEM), got a ${key.asymmetricKeyType ?? 'unknown'} key`);
      return undefined;
    }
  } catch {
    read.problems.push(`${name} must be an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)${name === 'AUDIT_VERIFY_KEY_FILE' ? `, "${file}" holds none` : ''}`);
    return undefined;
  }
  return pem;
}
