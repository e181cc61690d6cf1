export * from './fake-wallet';
export * from './fixtures';
export * from './task-requests';
export * from './task-world';
export * from './slots-replay';
