import type { operations } from './openapi';

/** The `operationId`s of the gateway's OpenAPI document. */
export type OperationId = keyof operations;

type Success<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : R extends { 202: infer S } ? S : never;
type ContentOf<S> = S extends { content: { 'application/json': infer J } } ? J : S extends { content: { 'text/plain': infer T } } ? T : undefined;

/** What an operation answers on success, as the document declares it. */
export type AnswerOf<Id extends OperationId> = ContentOf<Success<operations[Id]['responses']>>;
/** An operation's query parameters. */
export type QueryOf<Id extends OperationId> = NonNullable<operations[Id]['parameters']['query']>;
/** An operation's JSON body. */
export type BodyOf<Id extends OperationId> = operations[Id] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How an operation is reached; `keyed` when it honours Idempotency-Key. */
export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly keyed?: true;
}

const get = (path: string): Route => ({ method: 'GET', path });
const post = (path: string): Route => ({ method: 'POST', path });
const keyedPost = (path: string): Route => ({ method: 'POST', path, keyed: true });

/**
 * Every operation of docs/openapi.json and where it lives. The type makes a new operation a
 * compile error here; `sdk-coverage.unit.spec.ts` compares each route with the document.
 */
export const ROUTES: { readonly [Id in OperationId]: Route } = {
  TasksController_quote: keyedPost('/v1/quotes'),
  TasksController_createTask: keyedPost('/v1/tasks'),
  TasksController_listTasks: get('/v1/tasks'),
  TasksController_getTask: get('/v1/tasks/{id}'),
  TasksController_cancelTask: keyedPost('/v1/tasks/{id}/cancel'),
  TasksController_adoptTask: keyedPost('/v1/tasks/{id}/adopt'),
  TasksController_createBatch: keyedPost('/v1/batches'),
  TasksController_utilisation: get('/v1/utilisation'),
  AccountController_balances: get('/v1/balances'),
  AccountController_ledger: get('/v1/ledger'),
  AccountController_account: get('/v1/account'),
  AccountController_usage: get('/v1/usage'),
  AccountController_catalog: get('/v1/catalog'),
  OrdersController_place: keyedPost('/v1/orders'),
  OrdersController_get: get('/v1/orders/{id}'),
  OrdersController_confirm: keyedPost('/v1/orders/{id}/confirm-sandbox-payment'),
  OrdersController_refund: post('/v1/orders/{id}/refund'),
  OrdersController_receipt: get('/v1/orders/{id}/receipt'),
  ReceiptsController_list: get('/v1/receipts'),
  RenewalsController_refund: post('/v1/renewals/{id}/refund'),
  SubscriptionController_get: get('/v1/subscription'),
  SubscriptionController_cancel: post('/v1/subscription/cancel'),
  SubscriptionController_resume: post('/v1/subscription/resume'),
  SubscriptionController_change: post('/v1/subscription/change'),
  SubscriptionController_declineNextRenewal: post('/v1/subscription/sandbox-decline-next-renewal'),
  SandboxCheckoutController_checkout: get('/v1/sandbox/checkout/{id}'),
  ApiKeysController_create: keyedPost('/v1/api-keys'),
  ApiKeysController_list: get('/v1/api-keys'),
  ApiKeysController_revoke: { method: 'DELETE', path: '/v1/api-keys/{id}' },
  ApiKeysController_rotate: post('/v1/api-keys/{id}/rotate'),
  OrganisationController_get: get('/v1/organisation'),
  OrganisationController_invite: post('/v1/organisation/invitations'),
  OrganisationController_invitations: get('/v1/organisation/invitations'),
  OrganisationController_revokeInvitation: { method: 'DELETE', path: '/v1/organisation/invitations/{id}' },
  OrganisationController_changeRole: { method: 'PATCH', path: '/v1/organisation/members/{userId}' },
  OrganisationController_removeMember: { method: 'DELETE', path: '/v1/organisation/members/{userId}' },
  OrganisationController_leave: post('/v1/organisation/leave'),
  OrganisationsController_create: keyedPost('/v1/organisations'),
  OrganisationsController_list: get('/v1/organisations'),
  InvitationsController_accept: post('/v1/invitations/accept'),
  BalanceAlertsController_list: get('/v1/balance-alerts'),
  BalanceAlertsController_set: { method: 'PUT', path: '/v1/balance-alerts/{pool}' },
  AutoTopUpController_get: get('/v1/auto-top-up/{pool}'),
  AutoTopUpController_set: { method: 'PUT', path: '/v1/auto-top-up/{pool}' },
  AutoTopUpController_remove: { method: 'DELETE', path: '/v1/auto-top-up/{pool}' },
  WebhookEndpointsController_create: keyedPost('/v1/webhook-endpoints'),
  WebhookEndpointsController_list: get('/v1/webhook-endpoints'),
  WebhookEndpointsController_get: get('/v1/webhook-endpoints/{id}'),
  WebhookEndpointsController_update: { method: 'PATCH', path: '/v1/webhook-endpoints/{id}' },
  WebhookEndpointsController_remove: { method: 'DELETE', path: '/v1/webhook-endpoints/{id}' },
  WebhookEndpointsController_rotateSecret: post('/v1/webhook-endpoints/{id}/rotate-secret'),
  WebhookEndpointsController_deliveries: get('/v1/webhook-endpoints/{id}/deliveries'),
  WebhookEndpointsController_replay: post('/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay'),
  WebhooksController_payment: post('/v1/webhooks/payments/{provider}'),
  WebhooksController_generation: post('/v1/webhooks/generation'),
  FinanceController_statement: get('/v1/finance/statement'),
  FinanceController_balances: get('/v1/finance/balances'),
  FinanceController_liability: get('/v1/finance/liability'),
  FinanceController_verify: get('/v1/finance/verify'),
  FinanceController_checkpoints: get('/v1/finance/checkpoints'),
  OperationsController_live: get('/health/live'),
  OperationsController_ready: get('/health/ready'),
  OperationsController_prometheus: get('/metrics'),
};
