import { SERVICES } from '@billing/contracts';
import type { ServiceFactory, ServiceModule } from '@billing/service-host';
import { DEFAULT_RETRY_SCHEDULE_MILLIS } from '@billing/webhooks-domain';
import { type DynamicModule, Module } from '@nestjs/common';
import { Deliveries } from './deliveries';
import { deliverDue } from './delivery-sender';
import { BalanceAlertStore } from './balance-alert-store';
import { Endpoints } from './endpoints';
import { ExpiringGrants } from './expiring-grants';
import { noticeExpiringGrants } from './grant-notices';
import { WEBHOOKS_STATE, WebhooksController, type WebhooksState } from './webhooks-controller';

export const WEBHOOKS_SERVICE = SERVICES.webhooks;
export const DELIVERY_JOB = 'webhook-deliveries';
export const GRANT_NOTICE_JOB = 'grant-expiry-notices';

export interface WebhooksServiceOptions {
  /** `production` refuses endpoint URLs on loopback, private and link-local addresses. */
  readonly environment: string;
  /** Waits before each retry (default: the Standard Webhooks schedule, about 27 h). */
  readonly retryScheduleMillis?: readonly number[];
  /** `grant.expiring` goes out this many days before a plan grant's credits expire (default 3). */
  readonly grantExpiringDays?: number;
  /** How often due deliveries are sent (default every second). */
  readonly deliverEveryMillis?: number;
  /** How long one attempt may take (default 10 s). */
  readonly timeoutMillis?: number;
  /** A number in [0, 1) per retry for its jitter (default Math.random). */
  readonly jitter?: () => number;
}

/**
 * Outgoing webhooks: an account's endpoints, and a delivery of every billing event they
 * asked for, signed as the Standard Webhooks spec says and retried on a schedule. It reads
 * the wallet's events from their topic (the wallet's store, embedded) and keeps the
 * deliveries in its own database, so a crash loses none.
 */
export function createWebhooksService(options: WebhooksServiceOptions): ServiceFactory {
  return (context): ServiceModule => {
    const state: WebhooksState = {
      db: context.db,
      endpoints: new Endpoints(context.db),
      deliveries: new Deliveries(context.db),
      alerts: new BalanceAlertStore(context.db),
      grants: new ExpiringGrants(context.db),
      grantExpiringDays: options.grantExpiringDays ?? 3,
      rpc: context.rpc,
      clock: context.clock,
      production: options.environment === 'production',
    };
    const send = deliverDue({
      deliveries: state.deliveries,
      endpoints: state.endpoints,
      logger: context.logger,
      retryScheduleMillis: options.retryScheduleMillis ?? DEFAULT_RETRY_SCHEDULE_MILLIS,
      timeoutMillis: options.timeoutMillis ?? 10_000,
      jitter: options.jitter ?? Math.random,
      production: state.production,
    });
    return {
      name: WEBHOOKS_SERVICE,
      publishes: [],
      module: WebhooksModule.of(state),
      jobs: [
        { name: DELIVERY_JOB, everyMillis: options.deliverEveryMillis ?? 1_000, run: send },
        { name: GRANT_NOTICE_JOB, everyMillis: 60_000, run: noticeExpiringGrants(state) },
      ],
    };
  };
}

@Module({})
export class WebhooksModule {
  static of(state: WebhooksState): DynamicModule {
    return { module: WebhooksModule, controllers: [WebhooksController], providers: [{ provide: WEBHOOKS_STATE, useValue: state }] };
  }
}
