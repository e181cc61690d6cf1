export * from './lib/signature';
export * from './lib/retry-schedule';
export * from './lib/webhook-events';
export * from './lib/balance-alerts';
export * from './lib/grant-expiry';
