export * from './test-wallet';
export * from './task-platform';
