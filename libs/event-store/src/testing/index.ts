export * from './event-store-contract';
export * from './failing-writes';
export * from './postgres-server';
