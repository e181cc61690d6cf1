export * from './lib/purchase-service';
export * from './lib/purchase-requests';
export * from './lib/order-credits';
export type { PaymentProviderConfig } from './lib/payment-provider-config';
