export * from './lib/assert-never';
export * from './lib/credits';
export * from './lib/exact-decimal';
export * from './lib/ratio';
export * from './lib/rounding';
export * from './lib/signal';
export * from './lib/webhook-signature';
