export * from './lib/envelope';
export * from './lib/pricing';
export * from './lib/wallet';
export * from './lib/wallet-reservations';
export * from './lib/tasks';
export * from './lib/purchase';
export * from './lib/proto-path';
export * from './lib/request-limits';
