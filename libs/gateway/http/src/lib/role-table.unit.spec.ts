import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GatewayOperation, OPERATION_ROLES, OPERATION_SCOPES } from '@billing/gateway-application';
import { MEMBER_ROLES } from '@billing/organisations-domain';

type Document = { readonly paths: Record<string, Record<string, { readonly operationId: string }>> };

/** Which row of the role table each documented operation is; the others are not an organisation's operations. */
const ROW_OF: Readonly<Record<string, GatewayOperation | 'public' | 'finance role' | 'any signed-in user'>> = {
  TasksController_quote: 'quote',
  TasksController_createTask: 'createTask',
  TasksController_listTasks: 'listTasks',
  TasksController_getTask: 'getTask',
  TasksController_cancelTask: 'cancelTask',
  TasksController_adoptTask: 'adoptTask',
  TasksController_createBatch: 'createBatch',
  TasksController_utilisation: 'utilisation',
  AccountController_balances: 'balances',
  AccountController_ledger: 'ledger',
  AccountController_account: 'account',
  AccountController_usage: 'usage',
  AccountController_catalog: 'catalog',
  OrdersController_place: 'placeOrder',
  OrdersController_get: 'getOrder',
  OrdersController_confirm: 'confirmSandboxPayment',
  OrdersController_refund: 'refundOrder',
  OrdersController_receipt: 'receipts',
  ReceiptsController_list: 'receipts',
  RenewalsController_refund: 'refundRenewal',
  SubscriptionController_get: 'planSubscription',
  SubscriptionController_cancel: 'cancelPlan',
  SubscriptionController_resume: 'resumePlan',
  SubscriptionController_change: 'changePlan',
  SubscriptionController_declineNextRenewal: 'declineNextSandboxRenewal',
  SandboxCheckoutController_checkout: 'public',
  ApiKeysController_create: 'createApiKey',
  ApiKeysController_list: 'listApiKeys',
  ApiKeysController_revoke: 'revokeApiKey',
  ApiKeysController_rotate: 'rotateApiKey',
  OrganisationController_get: 'organisation',
  OrganisationController_invite: 'inviteMember',
  OrganisationController_invitations: 'listInvitations',
  OrganisationController_revokeInvitation: 'revokeInvitation',
  OrganisationController_changeRole: 'changeMemberRole',
  OrganisationController_removeMember: 'removeMember',
  OrganisationController_leave: 'leaveOrganisation',
  InvitationsController_accept: 'any signed-in user',
  OrganisationsController_create: 'createOrganisation',
  OrganisationsController_list: 'listOrganisations',
  BalanceAlertsController_list: 'balanceAlerts',
  BalanceAlertsController_set: 'setBalanceAlerts',
  AutoTopUpController_get: 'autoTopUp',
  AutoTopUpController_set: 'setAutoTopUp',
  AutoTopUpController_remove: 'setAutoTopUp',
  WebhookEndpointsController_create: 'manageWebhookEndpoints',
  WebhookEndpointsController_list: 'readWebhookEndpoints',
  WebhookEndpointsController_get: 'readWebhookEndpoints',
  WebhookEndpointsController_update: 'manageWebhookEndpoints',
  WebhookEndpointsController_remove: 'manageWebhookEndpoints',
  WebhookEndpointsController_rotateSecret: 'manageWebhookEndpoints',
  WebhookEndpointsController_deliveries: 'readWebhookEndpoints',
  WebhookEndpointsController_replay: 'manageWebhookEndpoints',
  WebhooksController_payment: 'public',
  WebhooksController_generation: 'public',
  FinanceController_statement: 'finance role',
  FinanceController_balances: 'finance role',
  FinanceController_liability: 'finance role',
  FinanceController_verify: 'finance role',
  FinanceController_checkpoints: 'finance role',
  OperationsController_live: 'public',
  OperationsController_ready: 'public',
  OperationsController_prometheus: 'public',
};

const root = join(__dirname, '../../../../..');
const document = JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8')) as Document;
const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ id: operation.operationId, route: `${method.toUpperCase()} ${path}` })));

/** The README's table as OPERATION_ROLES and OPERATION_SCOPES say it, routes from the OpenAPI document. */
function roleTable(): string {
  const header = ['operation', 'routes', ...MEMBER_ROLES, 'API key scope'];
  const rows = (Object.keys(OPERATION_ROLES) as GatewayOperation[]).map((operation) => {
    const routes = documented.filter((entry) => ROW_OF[entry.id] === operation).map((entry) => `\`${entry.route}\``);
    const roles: readonly string[] = OPERATION_ROLES[operation];
    const scope = operation in OPERATION_SCOPES ? `\`${OPERATION_SCOPES[operation as keyof typeof OPERATION_SCOPES]}\`` : 'no';
    return [`\`${operation}\``, routes.join(', '), ...MEMBER_ROLES.map((role) => (roles.includes(role) ? 'yes' : 'no')), scope];
  });
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

describe('the role table', () => {
  it('given the OpenAPI document, then every operation is a row of the table or named as outside it, and every row has a route', () => {
    expect(Object.keys(ROW_OF).sort()).toEqual(documented.map((entry) => entry.id).sort());
    const routed = new Set(Object.values(ROW_OF));
    expect((Object.keys(OPERATION_ROLES) as GatewayOperation[]).filter((operation) => !routed.has(operation))).toEqual([]);
  });

  it('given the README, then its role table is the one OPERATION_ROLES and OPERATION_SCOPES make (paste the expected text when they change)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = /<!-- role-table:start -->\n([\s\S]*?)\n<!-- role-table:end -->/.exec(readme);
    expect(section?.[1]).toBe(roleTable());
  });
});
