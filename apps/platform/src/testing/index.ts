export * from './saga-workload';
export * from './embedded';
export * from './distributed';
export * from './embedded-kill';
export * from './postgres-tier';
