import { type Answering, ORDER_CATEGORY, type PurchaseRpc, SERVICES, SUBSCRIPTION_CATEGORY } from '@billing/contracts';
import { type EventStore, logRunnerFailures, ProjectionRunner } from '@billing/event-store';
import { type RelayRoute, SUBSCRIPTION_TOPIC, topicFor } from '@billing/messaging';
import type { ServiceFactory, ServiceModule } from '@billing/service-host';
import { type DynamicModule, Module } from '@nestjs/common';
import { autoTopUpReactions } from './auto-top-up-reactions';
import { paymentProviderFrom, type PaymentProviderConfig } from './payment-provider-config';
import { planGrantJob, planPeriodsProjection } from './plan-periods';
import { PURCHASE_OPERATIONS, PurchaseController } from './purchase-controller';
import { PURCHASE_REACTIONS, PurchaseReactionsController, type PurchaseReactions } from './purchase-reactions-controller';
import { purchaseOperations } from './purchase-rpc';
import { receiptsOf, receiptsProjection } from './receipts';
import { linkedPaymentOf, orderPaymentsProjection, ownerOfPayment, paymentLinksProjection } from './order-payments';
import { PurchaseStreams } from './purchase-streams';
import { providerCancellations } from './provider-cancellations';
import { refundSettlement } from './refund-settlement';
import { sandboxRenewals } from './sandbox-renewals';
import { purchaseWorkflow } from './purchase-workflow-reactor';

export const PURCHASE_SERVICE = SERVICES.purchase;
export const ORDER_TOPIC = topicFor(ORDER_CATEGORY, 1);
export { SUBSCRIPTION_TOPIC };

export interface PurchaseServiceOptions {
  /** The deployment's environment (`production`, `staging`, `embedded`...): the sandbox refuses `production`. */
  readonly environment: string;
  readonly payments: PaymentProviderConfig;
  /** The deployment's price book (PRICE_BOOK; default `credits`): packs and plans come from its version in force. */
  readonly priceBookId?: string;
  /** Partitions of `billing.order.v1` and `billing.subscription.v1` when the relay creates them (default 8). */
  readonly partitions?: number;
  /** How often due plan periods are granted (default every minute; the time comes from the clock). */
  readonly grantEveryMillis?: number;
  /** How long after paying a buyer may refund an unused pack themselves (default 14 days; finance refunds any time). */
  readonly ownerRefundWindowMillis?: number;
}

export const DEFAULT_OWNER_REFUND_WINDOW_MILLIS = 14 * 86_400_000;

/** `order-<orderId>` -> the order id; `subscription-<accountId>` -> the account id. */
const idAfter = (category: string) => (streamName: string) => streamName.slice(category.length + 1);

/**
 * Orders for packs and plans, paid through the configured provider; the purchase
 * workflow turns payments into wallet credits and plans into monthly grants. The provider
 * is built when the service is created, so a sandbox configured for production stops
 * the process before anything starts.
 */
export function createPurchaseService(options: PurchaseServiceOptions): ServiceFactory {
  const payments = paymentProviderFrom(options.payments, options.environment);
  const partitions = options.partitions ?? 8;
  return (context): ServiceModule => {
    const { store, db } = context;
    const streams = new PurchaseStreams(store, context.newId);
    const periods = new ProjectionRunner({ store, db, projection: planPeriodsProjection(), onFailure: logRunnerFailures(context.logger, 'plan-periods') });
    periods.start();
    const paymentIndex = new ProjectionRunner({ store, db, projection: orderPaymentsProjection(), onFailure: logRunnerFailures(context.logger, 'order-payments') });
    paymentIndex.start();
    const receiptIndex = new ProjectionRunner({ store, db, projection: receiptsProjection(), onFailure: logRunnerFailures(context.logger, 'purchase-receipts') });
    receiptIndex.start();
    const linkIndex = new ProjectionRunner({ store, db, projection: paymentLinksProjection(), onFailure: logRunnerFailures(context.logger, 'payment-links') });
    linkIndex.start();
    const paymentOwners = {
      ownerOfPayment: async (paymentId: string) => (await Promise.all([caughtUp(store, paymentIndex), caughtUp(store, linkIndex)]), ownerOfPayment(db, paymentId)),
      linkedPaymentOf: async (paymentId: string) => (await caughtUp(store, linkIndex), linkedPaymentOf(db, paymentId)),
    };
    const routes: RelayRoute[] = [
      { category: ORDER_CATEGORY, topic: ORDER_TOPIC, partitions, keyOf: idAfter(ORDER_CATEGORY) },
      { category: SUBSCRIPTION_CATEGORY, topic: SUBSCRIPTION_TOPIC, partitions, keyOf: idAfter(SUBSCRIPTION_CATEGORY) },
    ];
    return {
      name: PURCHASE_SERVICE,
      publishes: routes,
      module: PurchaseModule.of(
        purchaseOperations({
          streams,
          payments,
          rpc: context.rpc,
          clock: context.clock,
          logger: context.logger,
          priceBookId: options.priceBookId ?? 'credits',
          ...paymentOwners,
          ownerRefundWindowMillis: options.ownerRefundWindowMillis ?? DEFAULT_OWNER_REFUND_WINDOW_MILLIS,
          receipts: async (accountId, orderId) => (await caughtUp(store, receiptIndex), receiptsOf(db, accountId, orderId)),
        }),
        {
          workflow: purchaseWorkflow(streams, context),
          refundSettlement: refundSettlement({ streams, provider: payments.provider, clock: context.clock, ...paymentOwners }),
          providerCancellations: providerCancellations({ streams, provider: payments.provider, logger: context.logger }),
          ...autoTopUpReactions({ streams, provider: payments.provider, rpc: context.rpc, clock: context.clock, notifications: { streams, provider: payments.provider, logger: context.logger, ...paymentOwners } }),
        },
      ),
      jobs: [
        planGrantJob({
          streams,
          db,
          caughtUp: () => caughtUp(store, periods),
          logger: context.logger,
          everyMillis: options.grantEveryMillis ?? 60_000,
          ...(payments.kind === 'sandbox' ? { renew: sandboxRenewals({ streams, provider: payments.provider, logger: context.logger, ...paymentOwners }) } : {}),
        }),
      ],
      close: async () => {
        await periods.stop();
        await paymentIndex.stop();
        await linkIndex.stop();
        await receiptIndex.stop();
      },
    };
  };
}

/** Purchase as a NestJS module: its requests and what it reacts to. */
@Module({})
export class PurchaseModule {
  static of(operations: Answering<typeof PurchaseRpc>, reactions: PurchaseReactions): DynamicModule {
    return {
      module: PurchaseModule,
      controllers: [PurchaseController, PurchaseReactionsController],
      providers: [
        { provide: PURCHASE_OPERATIONS, useValue: operations },
        { provide: PURCHASE_REACTIONS, useValue: reactions },
      ],
    };
  }
}

async function caughtUp(store: EventStore, runner: ProjectionRunner): Promise<void> {
  await runner.waitFor(await store.headPosition());
}
