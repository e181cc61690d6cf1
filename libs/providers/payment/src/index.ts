export * from './lib/payment-provider';
export * from './lib/payment-errors';
export * from './lib/sandbox/sandbox-signature';
export * from './lib/sandbox/sandbox-event.dto';
export * from './lib/sandbox/sandbox-payment-provider';
export * from './lib/stripe/stripe-checkout-session.dto';
export * from './lib/stripe/stripe-notification';
export * from './lib/stripe/stripe-payment-provider';
