export * from './lib/tasks-service';
export * from './lib/tasks-service-options';
export * from './lib/task-routes';
export * from './lib/rpc/task-requests';
export type { AccountPlan } from './lib/plans/account-plans';
export { WALLET_ANSWER_TYPES } from './lib/saga/saga-events';
