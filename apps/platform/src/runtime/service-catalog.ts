import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteAuditSource } from '@billing/finance-audit';
import { gatewayEventsPath } from '@billing/gateway-application';
import type { EventStore } from '@billing/event-store';
import { createFinanceService, FINANCE_SERVICE } from '@billing/finance-service';
import type { GenerationConfig, PaymentConfig, PlatformConfig, ServiceName } from '@billing/platform-config';
import { createPricingService } from '@billing/pricing-service';
import { createPurchaseService, type PaymentProviderConfig } from '@billing/purchase-service';
import type { ServiceFactory } from '@billing/service-host';
import { createTasksService, type GenerationProviderChoice } from '@billing/tasks-service';
import { createWalletService } from '@billing/wallet-service';
import { createWebhooksService } from '@billing/webhooks-service';

export interface NamedService {
  readonly name: ServiceName;
  readonly factory: ServiceFactory;
}

/** Start order: who others call first (pricing), the tasks saga after the services it calls, webhooks (which no one calls) last. */
export const START_ORDER: readonly ServiceName[] = ['pricing', 'wallet', 'purchase', 'tasks', 'webhooks'];

/** Each service's factory with its options taken from the configuration. */
export function serviceFactory(name: ServiceName, config: PlatformConfig): ServiceFactory {
  switch (name) {
    case 'pricing':
      return createPricingService({ priceBooksDir: config.priceBooksDir, activePriceBookId: config.priceBook });
    case 'wallet':
      return createWalletService({ partitions: config.kafkaPartitions, period: config.walletPeriod });
    case 'purchase':
      return createPurchaseService({
        environment: config.billingEnv,
        priceBookId: config.priceBook,
        partitions: config.kafkaPartitions,
        payments: paymentsOf(config.payment),
      });
    case 'tasks':
      return createTasksService({
        priceBookId: config.priceBook,
        reservationTtlMillis: config.reservationTtlSeconds * 1000,
        taskTimeoutMillis: config.taskTimeoutSeconds * 1000,
        partitions: config.kafkaPartitions,
        provider: generationOf(config.generation),
      });
    case 'webhooks':
      return createWebhooksService({ environment: config.billingEnv, ...config.webhooks });
  }
}

/** Services that run beside another one in its process: finance beside the wallet, reading its store. */
export type CompanionName = typeof FINANCE_SERVICE;

/** A service the runtime hosts: one of the four, or a companion. */
export type HostedName = ServiceName | CompanionName;

/**
 * Finance beside the wallet: it reads the wallet's running store (SQLite or EventStoreDB,
 * read only) and the gateway's organisations in DATA_DIR/gateway.events.db when they are there, keeps signed checkpoints in `DATA_DIR/checkpoints`, and trusts the key of
 * AUDIT_VERIFY_KEY / AUDIT_VERIFY_KEY_FILE.
 */
export function financeBeside(walletStore: EventStore, config: PlatformConfig, dataDir: string): NamedCompanion {
  // The gateway's organisations, when the gateway keeps them in this data directory (the embedded platform, or one directory shared).
  const organisationsFile = gatewayEventsPath(dataDir);
  return {
    name: FINANCE_SERVICE,
    factory: createFinanceService({
      walletStore,
      organisations: () => (existsSync(organisationsFile) ? openSqliteAuditSource(organisationsFile) : undefined),
      checkpointsDir: join(dataDir, 'checkpoints'),
      ...(config.auditVerifyKeyPem ? { verifyingKeyPem: config.auditVerifyKeyPem } : {}),
    }),
  };
}

export interface NamedCompanion {
  readonly name: CompanionName;
  readonly factory: ServiceFactory;
}

export const servicesFor = (names: readonly ServiceName[], config: PlatformConfig): NamedService[] =>
  START_ORDER.filter((name) => names.includes(name)).map((name) => ({ name, factory: serviceFactory(name, config) }));

function paymentsOf(payment: PaymentConfig): PaymentProviderConfig {
  if (payment.provider === 'sandbox') return { kind: 'sandbox', checkoutBaseUrl: payment.checkoutBaseUrl, webhookSecret: payment.webhookSecret };
  const api = payment.apiUrl ? new URL(payment.apiUrl) : undefined;
  return {
    kind: 'stripe',
    secretKey: payment.secretKey,
    webhookSecret: payment.webhookSecret,
    successUrl: payment.successUrl,
    cancelUrl: payment.cancelUrl,
    ...(api
      ? { api: { host: api.hostname, protocol: api.protocol === 'http:' ? 'http' : 'https', ...(api.port ? { port: Number(api.port) } : {}) } }
      : {}),
  };
}

function generationOf(generation: GenerationConfig): GenerationProviderChoice {
  if (generation.provider === 'http') {
    const { endpoint, apiKey, webhookSecret, callbackUrl } = generation;
    return { kind: 'http', options: { endpoint, webhookSecret, ...(apiKey ? { apiKey } : {}), ...(callbackUrl ? { callbackUrl } : {}) } };
  }
  const { latencyMinMillis: min, latencyMaxMillis: max, failureRate, partialOutputRate, seed } = generation;
  return { kind: 'simulator', options: { latencyMillis: min === max ? min : { min, max }, failureRate, partialOutputRate, seed } };
}
