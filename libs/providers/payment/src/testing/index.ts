export * from './payment-provider.contract';
export * from './stripe-mock';
