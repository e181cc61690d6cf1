import type { components } from './openapi';
import type { BodyOf, OperationId, QueryOf } from './operations';
import { itemsOf } from './pages';
import { type BillingClientOptions, type CallOptions, Transport } from './transport';

type Schemas = components['schemas'];
type Query<Id extends OperationId> = QueryOf<Id>;

const tasksOf = (t: Transport) => ({
  quote: (body: BodyOf<'TasksController_quote'>, o?: CallOptions) => t.send('TasksController_quote', { body }, o),
  create: (body: BodyOf<'TasksController_createTask'>, o?: CallOptions) => t.send('TasksController_createTask', { body }, o),
  createBatch: (body: BodyOf<'TasksController_createBatch'>, o?: CallOptions) => t.send('TasksController_createBatch', { body }, o),
  /** One page; pass its `next` as `after` for the following one. */
  list: (query: Query<'TasksController_listTasks'> = {}, o?: CallOptions) => t.send('TasksController_listTasks', { query }, o),
  /** Every task, page after page. */
  all: (query: Omit<Query<'TasksController_listTasks'>, 'after'> = {}, o?: CallOptions): AsyncGenerator<Schemas['TaskDto'], void, undefined> =>
    itemsOf(async (after: string | undefined) => {
      const page = await t.send('TasksController_listTasks', { query: { ...query, after } }, o);
      return { items: page.tasks, next: page.next };
    }),
  get: (id: string, o?: CallOptions) => t.send('TasksController_getTask', { path: { id } }, o),
  cancel: (id: string, o?: CallOptions) => t.send('TasksController_cancelTask', { path: { id } }, o),
  adopt: (id: string, o?: CallOptions) => t.send('TasksController_adoptTask', { path: { id } }, o),
  utilisation: (o?: CallOptions) => t.send('TasksController_utilisation', {}, o),
});

const accountOf = (t: Transport) => ({
  get: (o?: CallOptions) => t.send('AccountController_account', {}, o),
  balances: (o?: CallOptions) => t.send('AccountController_balances', {}, o),
  /** One page of the wallet's entries; pass its `next` as `after` for the following one. */
  ledger: (query: Query<'AccountController_ledger'> = {}, o?: CallOptions) => t.send('AccountController_ledger', { query }, o),
  /** Every wallet entry, page after page. */
  entries: (query: Omit<Query<'AccountController_ledger'>, 'after'> = {}, o?: CallOptions): AsyncGenerator<Schemas['LedgerEntryDto'], void, undefined> =>
    itemsOf(async (after: number | undefined) => {
      const page = await t.send('AccountController_ledger', { query: { ...query, after } }, o);
      return { items: page.entries, next: page.next };
    }),
  usage: (query: Query<'AccountController_usage'> = {}, o?: CallOptions) => t.send('AccountController_usage', { query }, o),
  catalog: (o?: CallOptions) => t.send('AccountController_catalog', {}, o),
});

const ordersOf = (t: Transport) => ({
  place: (body: BodyOf<'OrdersController_place'>, o?: CallOptions) => t.send('OrdersController_place', { body }, o),
  get: (id: string, o?: CallOptions) => t.send('OrdersController_get', { path: { id } }, o),
  /** Sandbox provider only: pays the order as a checkout would. */
  confirmSandboxPayment: (id: string, o?: CallOptions) => t.send('OrdersController_confirm', { path: { id } }, o),
  refund: (id: string, body: BodyOf<'OrdersController_refund'>, o?: CallOptions) => t.send('OrdersController_refund', { path: { id }, body }, o),
  /** Finance only: refunds a plan's paid renewal, by its invoice id (the period's unspent credits taken back, their share returned). */
  refundRenewal: (invoiceId: string, body: BodyOf<'RenewalsController_refund'>, o?: CallOptions) => t.send('RenewalsController_refund', { path: { id: invoiceId }, body }, o),
  /** A paid order's receipt. */
  receipt: (id: string, o?: CallOptions) => t.send('OrdersController_receipt', { path: { id } }, o),
  /** Every receipt of the account, newest first. */
  receipts: (o?: CallOptions) => t.send('ReceiptsController_list', {}, o),
  /** Sandbox provider only: where the order's checkout page redirects. */
  sandboxCheckout: (id: string, o?: CallOptions) =>
    t.send('SandboxCheckoutController_checkout', { path: { id } }, o) as unknown as Promise<{ readonly location: string | null }>,
});

const subscriptionOf = (t: Transport) => ({
  get: (o?: CallOptions) => t.send('SubscriptionController_get', {}, o),
  cancel: (o?: CallOptions) => t.send('SubscriptionController_cancel', {}, o),
  resume: (o?: CallOptions) => t.send('SubscriptionController_resume', {}, o),
  /** An upgrade now (pro rata), a downgrade at the paid period's end. */
  change: (body: BodyOf<'SubscriptionController_change'>, o?: CallOptions) => t.send('SubscriptionController_change', { body }, o),
  /** Sandbox provider only: the next renewal will be declined. */
  sandboxDeclineNextRenewal: (o?: CallOptions) => t.send('SubscriptionController_declineNextRenewal', {}, o),
});

const apiKeysOf = (t: Transport) => ({
  create: (body: BodyOf<'ApiKeysController_create'> = {}, o?: CallOptions) => t.send('ApiKeysController_create', { body }, o),
  list: (o?: CallOptions) => t.send('ApiKeysController_list', {}, o),
  revoke: (id: string, o?: CallOptions) => t.send('ApiKeysController_revoke', { path: { id } }, o),
  /** A new secret; the replaced one keeps working for `overlap_seconds` (default a day). */
  rotate: (id: string, body: BodyOf<'ApiKeysController_rotate'> = {}, o?: CallOptions) => t.send('ApiKeysController_rotate', { path: { id }, body }, o),
});

/** The caller's organisation (members, roles, invitations), and joining one by invitation. */
const organisationOf = (t: Transport) => ({
  get: (o?: CallOptions) => t.send('OrganisationController_get', {}, o),
  /** The answer carries the invitation's single-use `code`, for the invitee. */
  invite: (body: BodyOf<'OrganisationController_invite'>, o?: CallOptions) => t.send('OrganisationController_invite', { body }, o),
  invitations: (o?: CallOptions) => t.send('OrganisationController_invitations', {}, o),
  revokeInvitation: (id: string, o?: CallOptions) => t.send('OrganisationController_revokeInvitation', { path: { id } }, o),
  changeRole: (userId: string, body: BodyOf<'OrganisationController_changeRole'>, o?: CallOptions) =>
    t.send('OrganisationController_changeRole', { path: { userId }, body }, o),
  removeMember: (userId: string, o?: CallOptions) => t.send('OrganisationController_removeMember', { path: { userId } }, o),
  leave: (o?: CallOptions) => t.send('OrganisationController_leave', {}, o),
  /** Joins the organisation the code invites to (any signed-in user; the code works once). */
  acceptInvitation: (code: string, o?: CallOptions) => t.send('InvitationsController_accept', { body: { code } }, o),
});

/** The organisations a signed-in user belongs to, and creating another (act in one with `client.in(id)`). */
const organisationsOf = (t: Transport) => ({
  /** A new organisation with the caller as owner and pools of its own. */
  create: (body: BodyOf<'OrganisationsController_create'>, o?: CallOptions) => t.send('OrganisationsController_create', { body }, o),
  list: (o?: CallOptions) => t.send('OrganisationsController_list', {}, o),
});

/** The account's outgoing webhook endpoints (Standard Webhooks) and their delivery log. */
const webhookEndpointsOf = (t: Transport) => ({
  /** The answer carries the signing secret (`whsec_...`). */
  create: (body: BodyOf<'WebhookEndpointsController_create'>, o?: CallOptions) => t.send('WebhookEndpointsController_create', { body }, o),
  list: (o?: CallOptions) => t.send('WebhookEndpointsController_list', {}, o),
  get: (id: string, o?: CallOptions) => t.send('WebhookEndpointsController_get', { path: { id } }, o),
  update: (id: string, body: BodyOf<'WebhookEndpointsController_update'>, o?: CallOptions) => t.send('WebhookEndpointsController_update', { path: { id }, body }, o),
  delete: (id: string, o?: CallOptions) => t.send('WebhookEndpointsController_remove', { path: { id } }, o),
  /** A new secret; the previous one keeps signing beside it for `overlap_seconds`. */
  rotateSecret: (id: string, body: BodyOf<'WebhookEndpointsController_rotateSecret'> = {}, o?: CallOptions) =>
    t.send('WebhookEndpointsController_rotateSecret', { path: { id }, body }, o),
  deliveries: (id: string, query: Query<'WebhookEndpointsController_deliveries'> = {}, o?: CallOptions) =>
    t.send('WebhookEndpointsController_deliveries', { path: { id }, query }, o),
  /** Sends a delivery again, with the same `webhook-id`. */
  replay: (id: string, deliveryId: string, o?: CallOptions) => t.send('WebhookEndpointsController_replay', { path: { id, deliveryId } }, o),
});

/** Low-balance thresholds per pool: each fires a `balance.low` webhook once per crossing downwards. */
const balanceAlertsOf = (t: Transport) => ({
  list: (o?: CallOptions) => t.send('BalanceAlertsController_list', {}, o),
  /** Replaces the pool's thresholds (credits); an empty list turns its alerts off. */
  set: (pool: string, body: BodyOf<'BalanceAlertsController_set'>, o?: CallOptions) => t.send('BalanceAlertsController_set', { path: { pool }, body }, o),
});

/** Auto top-up per pool: below the threshold, the pack is bought with the saved payment method, within a monthly cap. */
const autoTopUpOf = (t: Transport) => ({
  get: (pool: string, o?: CallOptions) => t.send('AutoTopUpController_get', { path: { pool } }, o),
  /** Sets the pool's auto top-up; saving it again enables one that was disabled. */
  set: (pool: string, body: BodyOf<'AutoTopUpController_set'>, o?: CallOptions) => t.send('AutoTopUpController_set', { path: { pool }, body }, o),
  remove: (pool: string, o?: CallOptions) => t.send('AutoTopUpController_remove', { path: { pool } }, o),
});

/** What payment and generation providers post: the signed bytes as they were sent, with their signature headers. */
const webhooksOf = (t: Transport) => ({
  payment: (provider: 'sandbox' | 'stripe', rawBody: string, o?: CallOptions) => t.send('WebhooksController_payment', { path: { provider }, rawBody }, o),
  generation: (rawBody: string, o?: CallOptions) => t.send('WebhooksController_generation', { rawBody }, o),
});

/** Finance's reports (an app user with the finance role). */
const financeOf = (t: Transport) => ({
  statement: (query: Query<'FinanceController_statement'>, o?: CallOptions) => t.send('FinanceController_statement', { query }, o),
  balances: (query: Query<'FinanceController_balances'>, o?: CallOptions) => t.send('FinanceController_balances', { query }, o),
  liability: (query: Query<'FinanceController_liability'> = {}, o?: CallOptions) => t.send('FinanceController_liability', { query }, o),
  verify: (query: Query<'FinanceController_verify'> = {}, o?: CallOptions) => t.send('FinanceController_verify', { query }, o),
  checkpoints: (query: Query<'FinanceController_checkpoints'> = {}, o?: CallOptions) => t.send('FinanceController_checkpoints', { query }, o),
});

const operationsOf = (t: Transport) => ({
  live: (o?: CallOptions) => t.send('OperationsController_live', {}, o),
  ready: (o?: CallOptions) => t.send('OperationsController_ready', {}, o),
  /** Prometheus text. */
  metrics: (o?: CallOptions) => t.send('OperationsController_prometheus', {}, o),
});

/**
 * The billing REST API, one method per operation of its OpenAPI document, grouped by tag.
 * Keyed POSTs carry a fresh Idempotency-Key unless given one; 429 and 503 are retried with
 * backoff and jitter, as Retry-After asks; refusals throw `BillingProblem`; `*.all()` and
 * `entries()` walk a cursor listing as an async iterator.
 */
export class BillingClient {
  readonly tasks: ReturnType<typeof tasksOf>;
  readonly account: ReturnType<typeof accountOf>;
  readonly orders: ReturnType<typeof ordersOf>;
  readonly subscription: ReturnType<typeof subscriptionOf>;
  readonly apiKeys: ReturnType<typeof apiKeysOf>;
  readonly organisation: ReturnType<typeof organisationOf>;
  readonly organisations: ReturnType<typeof organisationsOf>;
  readonly webhooks: ReturnType<typeof webhooksOf>;
  readonly webhookEndpoints: ReturnType<typeof webhookEndpointsOf>;
  readonly balanceAlerts: ReturnType<typeof balanceAlertsOf>;
  readonly autoTopUp: ReturnType<typeof autoTopUpOf>;
  readonly finance: ReturnType<typeof financeOf>;
  readonly operations: ReturnType<typeof operationsOf>;

  constructor(readonly options: BillingClientOptions) {
    const transport = new Transport(options);
    this.tasks = tasksOf(transport);
    this.account = accountOf(transport);
    this.orders = ordersOf(transport);
    this.subscription = subscriptionOf(transport);
    this.apiKeys = apiKeysOf(transport);
    this.organisation = organisationOf(transport);
    this.organisations = organisationsOf(transport);
    this.webhooks = webhooksOf(transport);
    this.webhookEndpoints = webhookEndpointsOf(transport);
    this.balanceAlerts = balanceAlertsOf(transport);
    this.autoTopUp = autoTopUpOf(transport);
    this.finance = financeOf(transport);
    this.operations = operationsOf(transport);
  }

  /** The same client with another credential (an API key, another user's token). */
  as(credential: string, options: Partial<BillingClientOptions> = {}): BillingClient {
    return new BillingClient({ ...this.options, ...options, credential });
  }

  /** The same client acting in another organisation the user belongs to (`X-Organisation-Id`). */
  in(organisationId: string): BillingClient {
    return new BillingClient({ ...this.options, organisationId });
  }
}
