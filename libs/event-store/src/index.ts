export * from './lib/port';
export * from './lib/hash-chain';
export * from './lib/event-filter';
export * from './lib/expected-revision';
export * from './lib/catch-up-subscription';
export * from './lib/sqlite/sqlite-event-store';
