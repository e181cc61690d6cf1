export * from './saga-workload';
export * from './embedded';
