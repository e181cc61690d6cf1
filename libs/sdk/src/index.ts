export { BillingClient } from './client';
export type { BillingClientOptions, CallOptions } from './transport';
export { BillingProblem, PROBLEM_TYPE_BASE, type ProblemDocument } from './problem';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { ROUTES, type AnswerOf, type BodyOf, type OperationId, type QueryOf, type Route } from './operations';
export type { components, operations, paths } from './openapi';
