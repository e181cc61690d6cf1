export * from './test-wallet';
export * from './task-platform';
export * from './gated-provider';
