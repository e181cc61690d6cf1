import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BillingClient } from './client';
import { type OperationId, ROUTES } from './operations';

interface DocumentOperation {
  readonly operationId: string;
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
}
type Document = { readonly paths: Record<string, Record<string, DocumentOperation>> };

const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8')) as Document;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const documented = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({ id: operation.operationId, method: method.toUpperCase(), path, keyed: (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key') })),
);

/** One SDK call per operation: the type requires an entry for each operation of the generated types. */
const CALLS: { readonly [Id in OperationId]: (billing: BillingClient) => Promise<unknown> } = {
  TasksController_quote: (b) => b.tasks.quote({ model: 'm', duration_seconds: 5 }),
  TasksController_createTask: (b) => b.tasks.create({ model: 'm', duration_seconds: 5 }),
  TasksController_listTasks: (b) => b.tasks.all().next(),
  TasksController_getTask: (b) => b.tasks.get('{id}'),
  TasksController_cancelTask: (b) => b.tasks.cancel('{id}'),
  TasksController_adoptTask: (b) => b.tasks.adopt('{id}'),
  TasksController_createBatch: (b) => b.tasks.createBatch({ model: 'm', duration_seconds: 5, batch_size: 3 }),
  TasksController_utilisation: (b) => b.tasks.utilisation(),
  AccountController_balances: (b) => b.account.balances(),
  AccountController_ledger: (b) => b.account.entries().next(),
  AccountController_account: (b) => b.account.get(),
  AccountController_usage: (b) => b.account.usage(),
  AccountController_catalog: (b) => b.account.catalog(),
  OrdersController_place: (b) => b.orders.place({ kind: 'pack', pack_id: 'p' }),
  OrdersController_get: (b) => b.orders.get('{id}'),
  OrdersController_confirm: (b) => b.orders.confirmSandboxPayment('{id}'),
  OrdersController_refund: (b) => b.orders.refund('{id}', { reason: 'r' }),
  OrdersController_receipt: (b) => b.orders.receipt('{id}'),
  ReceiptsController_list: (b) => b.orders.receipts(),
  RenewalsController_refund: (b) => b.orders.refundRenewal('{id}', { reason: 'r' }),
  SubscriptionController_get: (b) => b.subscription.get(),
  SubscriptionController_cancel: (b) => b.subscription.cancel(),
  SubscriptionController_resume: (b) => b.subscription.resume(),
  SubscriptionController_change: (b) => b.subscription.change({ plan_id: 'creator' }),
  SubscriptionController_declineNextRenewal: (b) => b.subscription.sandboxDeclineNextRenewal(),
  SandboxCheckoutController_checkout: (b) => b.orders.sandboxCheckout('{id}'),
  ApiKeysController_create: (b) => b.apiKeys.create(),
  ApiKeysController_list: (b) => b.apiKeys.list(),
  ApiKeysController_revoke: (b) => b.apiKeys.revoke('{id}'),
  ApiKeysController_rotate: (b) => b.apiKeys.rotate('{id}'),
  OrganisationController_get: (b) => b.organisation.get(),
  OrganisationController_invite: (b) => b.organisation.invite({ email: 'bob@example.com', role: 'developer' }),
  OrganisationController_invitations: (b) => b.organisation.invitations(),
  OrganisationController_revokeInvitation: (b) => b.organisation.revokeInvitation('{id}'),
  OrganisationController_changeRole: (b) => b.organisation.changeRole('{userId}', { role: 'admin' }),
  OrganisationController_removeMember: (b) => b.organisation.removeMember('{userId}'),
  OrganisationController_leave: (b) => b.organisation.leave(),
  OrganisationsController_create: (b) => b.organisations.create({ name: 'n' }),
  OrganisationsController_list: (b) => b.organisations.list(),
  InvitationsController_accept: (b) => b.organisation.acceptInvitation('inv.code'),
  BalanceAlertsController_list: (b) => b.balanceAlerts.list(),
  BalanceAlertsController_set: (b) => b.balanceAlerts.set('{pool}', { thresholds: [100] }),
  AutoTopUpController_get: (b) => b.autoTopUp.get('{pool}'),
  AutoTopUpController_set: (b) => b.autoTopUp.set('{pool}', { threshold: 100, pack_id: 'p', monthly_cap_cents: 10_000 }),
  AutoTopUpController_remove: (b) => b.autoTopUp.remove('{pool}'),
  WebhookEndpointsController_create: (b) => b.webhookEndpoints.create({ url: 'https://example.com/hooks', event_types: ['credits.purchased'] }),
  WebhookEndpointsController_list: (b) => b.webhookEndpoints.list(),
  WebhookEndpointsController_get: (b) => b.webhookEndpoints.get('{id}'),
  WebhookEndpointsController_update: (b) => b.webhookEndpoints.update('{id}', { enabled: false }),
  WebhookEndpointsController_remove: (b) => b.webhookEndpoints.delete('{id}'),
  WebhookEndpointsController_rotateSecret: (b) => b.webhookEndpoints.rotateSecret('{id}'),
  WebhookEndpointsController_deliveries: (b) => b.webhookEndpoints.deliveries('{id}'),
  WebhookEndpointsController_replay: (b) => b.webhookEndpoints.replay('{id}', '{deliveryId}'),
  WebhooksController_payment: (b) => b.webhooks.payment('{provider}' as 'sandbox', '{}'),
  WebhooksController_generation: (b) => b.webhooks.generation('{}'),
  FinanceController_statement: (b) => b.finance.statement({ account: 'a', pool: 'api', from: '2026-01-01', to: '2026-01-31' }),
  FinanceController_balances: (b) => b.finance.balances({ as_of: '2026-01-01T00:00:00Z' }),
  FinanceController_liability: (b) => b.finance.liability(),
  FinanceController_verify: (b) => b.finance.verify(),
  FinanceController_checkpoints: (b) => b.finance.checkpoints(),
  OperationsController_live: (b) => b.operations.live(),
  OperationsController_ready: (b) => b.operations.ready(),
  OperationsController_prometheus: (b) => b.operations.metrics(),
};

/** What each SDK call put on the wire, read by a fetch that answers every request with an empty page. */
async function wireOf(call: (billing: BillingClient) => Promise<unknown>): Promise<{ method: string; path: string; key: string | null }> {
  const sent: { method: string; path: string; key: string | null }[] = [];
  const recorder: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    sent.push({ method: init?.method ?? 'GET', path: decodeURIComponent(new URL(String(input)).pathname), key: headers.get('idempotency-key') });
    return new Response(JSON.stringify({ tasks: [], entries: [], next: null }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  await call(new BillingClient({ baseUrl: 'http://sdk.test', fetch: recorder }));
  expect(sent).toHaveLength(1);
  return sent[0] as { method: string; path: string; key: string | null };
}

describe('@billing/sdk covers docs/openapi.json', () => {
  it('given the document, then every operation has an SDK method and a route, and the SDK knows no other', () => {
    expect(Object.keys(CALLS).sort()).toEqual(documented.map((operation) => operation.id).sort());
    expect(Object.keys(ROUTES).sort()).toEqual(documented.map((operation) => operation.id).sort());
  });

  it.each(documented)('$id: $method $path, an Idempotency-Key when the operation honours one', async (operation) => {
    const call = CALLS[operation.id as OperationId];
    expect(call).toBeDefined();
    const wire = await wireOf(call);
    expect({ method: wire.method, path: wire.path, keyed: wire.key !== null }).toEqual({ method: operation.method, path: operation.path, keyed: operation.keyed });
  });
});
