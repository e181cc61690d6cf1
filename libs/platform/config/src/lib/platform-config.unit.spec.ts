import { ConfigError } from './config-error';
import { loadPlatformConfig } from './platform-config';

const refusal = (env: Record<string, string>): string[] => {
  try {
    loadPlatformConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('loadPlatformConfig', () => {
  it('given nothing set, then the embedded defaults', () => {
    expect(loadPlatformConfig({})).toEqual({
      dataDir: './data',
      transport: 'in-process',
      kafkaBrokers: [],
      kafkaPartitions: 1,
      kafkaSessionTimeoutMillis: 10_000,
      eventStore: 'sqlite',
      priceBooksDir: 'price-books',
      priceBook: 'credits',
      billingEnv: 'development',
      payment: { provider: 'sandbox', checkoutBaseUrl: 'http://127.0.0.1:3000/v1/sandbox/checkout', webhookSecret: 'embedded-sandbox-webhook-secret' },
      generation: { provider: 'simulator', latencyMinMillis: 0, latencyMaxMillis: 0, failureRate: 0, partialOutputRate: 0, seed: 1 },
      reservationTtlSeconds: 1800,
      taskTimeoutSeconds: 600,
      walletPeriod: 'month',
      webhooks: { grantExpiringDays: 3 },
      logLevel: 'info',
      logPretty: false,
      rpcTimeoutMillis: 15_000,
    });
  });

  it('given a distributed service over Kafka and EventStoreDB with Stripe and the HTTP provider, then each value is read', () => {
    const config = loadPlatformConfig({
      DATA_DIR: '/var/billing',
      TRANSPORT: 'kafka',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      KAFKA_PARTITIONS: '12',
      EVENT_STORE: 'eventstoredb',
      EVENTSTOREDB_URL: 'esdb://eventstoredb:2113?tls=false',
      BILLING_ENV: 'production',
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      STRIPE_SUCCESS_URL: 'https://example.com/ok',
      STRIPE_CANCEL_URL: 'https://example.com/cancel',
      GENERATION_PROVIDER: 'http',
      GENERATION_HTTP_ENDPOINT: 'https://gen.example.com',
      GENERATION_WEBHOOK_SECRET: 'gen-secret',
      SERVICE: 'wallet',
    });
    expect(config).toMatchObject({
      transport: 'kafka',
      kafkaBrokers: ['kafka-1:9092', 'kafka-2:9092'],
      kafkaPartitions: 12,
      kafkaSessionTimeoutMillis: 10_000,
      eventStore: 'eventstoredb',
      eventStoreDbUrl: 'esdb://eventstoredb:2113?tls=false',
      payment: { provider: 'stripe', secretKey: 'sk_test_1', webhookSecret: 'whsec_1' },
      generation: { provider: 'http', endpoint: 'https://gen.example.com', webhookSecret: 'gen-secret' },
      service: 'wallet',
    });
  });

  it('given EVENT_STORE=postgres and a DATABASE_URL, then every store is in that database', () => {
    const config = loadPlatformConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://billing@db:5432/billing' });
    expect(config).toMatchObject({ eventStore: 'postgres', databaseUrl: 'postgres://billing@db:5432/billing' });
  });

  it.each([
    [{ PORT: '3100' }, 'http://127.0.0.1:3100/v1/sandbox/checkout'],
    [{ PORT: '3100', HOST: '0.0.0.0' }, 'http://127.0.0.1:3100/v1/sandbox/checkout'],
    [{ PORT: '8080', HOST: 'billing.internal' }, 'http://billing.internal:8080/v1/sandbox/checkout'],
    [{ PORT: '3100', HOST: '::1' }, 'http://[::1]:3100/v1/sandbox/checkout'],
    [{ PORT: '3100', SANDBOX_CHECKOUT_URL: 'https://pay.example.com/checkout' }, 'https://pay.example.com/checkout'],
  ])('given %j, then the sandbox checkout links point at that gateway', (env, checkoutBaseUrl) => {
    expect(loadPlatformConfig(env).payment).toEqual({ provider: 'sandbox', checkoutBaseUrl, webhookSecret: 'embedded-sandbox-webhook-secret' });
  });

  it.each([
    [{ PORT: 'http' }, 'PORT must be an integer from 0 to 65535, got "http"'],
    [{ TRANSPORT: 'carrier-pigeon' }, 'TRANSPORT must be one of in-process, kafka, got "carrier-pigeon"'],
    [{ TRANSPORT: 'kafka' }, 'KAFKA_BROKERS is required when TRANSPORT is kafka (comma-separated host:port)'],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS must be comma-separated host:port pairs, got "localhost"'],
    [{ KAFKA_PARTITIONS: 'abc' }, 'KAFKA_PARTITIONS must be an integer from 1 to 1024, got "abc"'],
    [{ KAFKA_PARTITIONS: '0' }, 'KAFKA_PARTITIONS must be an integer from 1 to 1024, got "0"'],
    [{ EVENT_STORE: 'mysql' }, 'EVENT_STORE must be one of sqlite, eventstoredb, postgres, got "mysql"'],
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL is required when EVENT_STORE is postgres'],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: 'db.internal:5432' }, 'DATABASE_URL must be a URL, got "db.internal:5432"'],
    [{ EVENT_STORE: 'eventstoredb' }, 'EVENTSTOREDB_URL is required when EVENT_STORE is eventstoredb'],
    [{ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'not a url' }, 'EVENTSTOREDB_URL must be a URL, got "not a url"'],
    [{ BILLING_ENV: 'prod' }, 'BILLING_ENV must be one of development, production, got "prod"'],
    [{ BILLING_ENV: 'production', PAYMENT_PROVIDER: 'sandbox' }, 'PAYMENT_PROVIDER must not be sandbox when BILLING_ENV is production'],
    [{ PAYMENT_PROVIDER: 'paypal' }, 'PAYMENT_PROVIDER must be one of sandbox, stripe, got "paypal"'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_WEBHOOK_SECRET: 'w', STRIPE_SUCCESS_URL: 'https://a/b', STRIPE_CANCEL_URL: 'https://a/c' }, 'STRIPE_SECRET_KEY is required when PAYMENT_PROVIDER is stripe'],
    [{ SANDBOX_CHECKOUT_URL: 'nowhere' }, 'SANDBOX_CHECKOUT_URL must be a URL, got "nowhere"'],
    [{ GENERATION_PROVIDER: 'magic' }, 'GENERATION_PROVIDER must be one of simulator, http, got "magic"'],
    [{ GENERATION_PROVIDER: 'http', GENERATION_WEBHOOK_SECRET: 's' }, 'GENERATION_HTTP_ENDPOINT is required when GENERATION_PROVIDER is http'],
    [{ GENERATION_PROVIDER: 'http', GENERATION_HTTP_ENDPOINT: 'https://g' }, 'GENERATION_WEBHOOK_SECRET is required when GENERATION_PROVIDER is http'],
    [{ SIMULATOR_FAILURE_RATE: '1.5' }, 'SIMULATOR_FAILURE_RATE must be a number from 0 to 1, got "1.5"'],
    [{ SIMULATOR_PARTIAL_RATE: 'lots' }, 'SIMULATOR_PARTIAL_RATE must be a number from 0 to 1, got "lots"'],
    [{ SIMULATOR_LATENCY_MIN_MS: '-1' }, 'SIMULATOR_LATENCY_MIN_MS must be an integer from 0 to 3600000, got "-1"'],
    [{ SIMULATOR_LATENCY_MIN_MS: '50', SIMULATOR_LATENCY_MAX_MS: '10' }, 'SIMULATOR_LATENCY_MAX_MS (10) must not be below SIMULATOR_LATENCY_MIN_MS (50)'],
    [{ RESERVATION_TTL_SECONDS: '1.5' }, 'RESERVATION_TTL_SECONDS must be an integer from 1 to 604800, got "1.5"'],
    [{ TASK_TIMEOUT_SECONDS: 'ten' }, 'TASK_TIMEOUT_SECONDS must be an integer from 1 to 604800, got "ten"'],
    [{ RESERVATION_TTL_SECONDS: '60', TASK_TIMEOUT_SECONDS: '60' }, 'RESERVATION_TTL_SECONDS (60) must be longer than TASK_TIMEOUT_SECONDS (60): a hold must outlive its task'],
    [{ WALLET_PERIOD: 'week' }, 'WALLET_PERIOD must be one of month, day, got "week"'],
    [{ SERVICE: 'gateway' }, 'SERVICE must be one of pricing, wallet, purchase, tasks, webhooks, got "gateway"'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "verbose"'],
    [{ LOG_PRETTY: 'yes' }, 'LOG_PRETTY must be one of false, true, got "yes"'],
    [{ RPC_TIMEOUT_MS: '0' }, 'RPC_TIMEOUT_MS must be an integer from 1 to 600000, got "0"'],
    [{ WEBHOOK_RETRY_SCHEDULE_MS: '500,soon' }, 'WEBHOOK_RETRY_SCHEDULE_MS must be comma-separated integers from 1 to 604800000, got "500,soon"'],
    [{ WEBHOOK_GRANT_EXPIRING_DAYS: '0' }, 'WEBHOOK_GRANT_EXPIRING_DAYS must be an integer from 1 to 365, got "0"'],
  ])('given %j, then it refuses, naming the variable', (env, problem) => {
    expect(refusal(env)).toEqual([problem]);
  });

  it('given a webhook retry schedule and a grant notice, then the webhooks service gets them', () => {
    expect(loadPlatformConfig({ WEBHOOK_RETRY_SCHEDULE_MS: '500, 1000,2000', WEBHOOK_GRANT_EXPIRING_DAYS: '7' }).webhooks).toEqual({
      retryScheduleMillis: [500, 1000, 2000],
      grantExpiringDays: 7,
    });
  });

  it('given several bad values, then every one is reported at once', () => {
    const error = (() => {
      try {
        loadPlatformConfig({ KAFKA_PARTITIONS: 'x', BILLING_ENV: 'staging' });
      } catch (e) {
        return e as Error;
      }
      return new Error('accepted');
    })();
    expect(error.message).toBe(
      'Invalid configuration:\n  - BILLING_ENV must be one of development, production, got "staging"\n  - KAFKA_PARTITIONS must be an integer from 1 to 1024, got "x"',
    );
  });
});
