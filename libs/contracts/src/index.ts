export * from './lib/envelope';
export * from './lib/pricing';
export * from './lib/wallet';
