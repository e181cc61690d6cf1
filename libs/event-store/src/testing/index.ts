export * from './event-store-contract';
export * from './failing-writes';
