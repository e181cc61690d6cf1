import { MEMBER_ROLES, type MemberRole } from '@billing/organisations-domain';
import type { Caller } from './caller';
import { type ApiKeyScope, OPERATION_SCOPES, type ScopedOperation } from './key-scopes';
import { gatewayProblems } from './problems';

const EVERY_ROLE = MEMBER_ROLES;
const BUILDERS = ['owner', 'admin', 'developer'] as const satisfies readonly MemberRole[];
const BUYERS = ['owner', 'admin', 'finance'] as const satisfies readonly MemberRole[];
const MANAGERS = ['owner', 'admin'] as const satisfies readonly MemberRole[];

/**
 * The one table of which member roles may call each operation of an organisation (the
 * README's table is rendered from it, and a test holds them equal). An API key is not a
 * member: it may call what OPERATION_SCOPES lists, with the scope named there. Finance
 * reports are for the platform's finance role, and accepting an invitation for any
 * signed-in user: neither is an organisation's operation. Creating an organisation and
 * listing one's organisations are every member's (any signed-in user is a member of their
 * own), never a key's.
 */
export const OPERATION_ROLES = {
  quote: EVERY_ROLE,
  createTask: BUILDERS,
  createBatch: BUILDERS,
  cancelTask: BUILDERS,
  adoptTask: BUILDERS,
  getTask: EVERY_ROLE,
  listTasks: EVERY_ROLE,
  utilisation: EVERY_ROLE,
  balances: EVERY_ROLE,
  balanceAlerts: EVERY_ROLE,
  setBalanceAlerts: BUYERS,
  autoTopUp: EVERY_ROLE,
  setAutoTopUp: BUYERS,
  ledger: EVERY_ROLE,
  usage: EVERY_ROLE,
  account: EVERY_ROLE,
  catalog: EVERY_ROLE,
  placeOrder: BUYERS,
  confirmSandboxPayment: BUYERS,
  refundOrder: BUYERS,
  refundRenewal: BUYERS,
  getOrder: EVERY_ROLE,
  receipts: EVERY_ROLE,
  planSubscription: EVERY_ROLE,
  changePlan: BUYERS,
  cancelPlan: BUYERS,
  resumePlan: BUYERS,
  declineNextSandboxRenewal: BUYERS,
  createApiKey: BUILDERS,
  listApiKeys: EVERY_ROLE,
  rotateApiKey: BUILDERS,
  revokeApiKey: BUILDERS,
  manageWebhookEndpoints: BUILDERS,
  readWebhookEndpoints: EVERY_ROLE,
  organisation: EVERY_ROLE,
  inviteMember: MANAGERS,
  listInvitations: MANAGERS,
  revokeInvitation: MANAGERS,
  changeMemberRole: MANAGERS,
  removeMember: MANAGERS,
  leaveOrganisation: EVERY_ROLE,
  createOrganisation: EVERY_ROLE,
  listOrganisations: EVERY_ROLE,
} as const satisfies Record<string, readonly MemberRole[]>;

export type GatewayOperation = keyof typeof OPERATION_ROLES;

const isScoped = (operation: GatewayOperation): operation is GatewayOperation & ScopedOperation => operation in OPERATION_SCOPES;

/** The roles that may hold API keys: those that may create them. A key whose maker no longer has one stops working. */
export const KEY_HOLDER_ROLES: readonly MemberRole[] = OPERATION_ROLES.createApiKey;

export const mayHoldKeys = (role: MemberRole): boolean => KEY_HOLDER_ROLES.includes(role);

/** The operations a scope opens that `role` may call itself; a scope a role may grant opens at least one. */
export function operationsOpenTo(role: MemberRole, scope: ApiKeyScope): ScopedOperation[] {
  return (Object.keys(OPERATION_SCOPES) as ScopedOperation[]).filter((operation) => OPERATION_SCOPES[operation] === scope && (OPERATION_ROLES[operation] as readonly MemberRole[]).includes(role));
}

/** Whether the caller may call `operation`, by the same check: what a client is shown it may do. */
export function permits(caller: Caller, operation: GatewayOperation): boolean {
  try {
    authorise(caller, operation);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one check per operation: a member needs a role the table lists (403 naming the
 * role and the operation); an API key needs the operation's scope, and operations
 * without a scope are not for keys at all. A key never does more than the member who
 * made it may do now: their current role must list the operation too (a lowered role
 * narrows their keys at once).
 */
export function authorise(caller: Caller, operation: GatewayOperation): void {
  if (caller.channel === 'api') {
    if (!isScoped(operation)) throw gatewayProblems.forbidden(`${operation} is for a signed-in member of the organisation, not an API key`, { operation });
    const scope = OPERATION_SCOPES[operation];
    if (caller.scopes !== undefined && !caller.scopes.includes(scope)) throw gatewayProblems.forbidden(`this API key lacks scope ${scope}`, { scope });
    const allowed: readonly MemberRole[] = OPERATION_ROLES[operation];
    const role = caller.creator?.role;
    if (role !== undefined && allowed.includes(role)) return;
    throw gatewayProblems.forbidden(`this API key acts for a member with role ${role ?? 'none'}, who may not ${operation}; it takes ${allowed.join(', ')}`, {
      operation,
      role: role ?? 'none',
      allowed_roles: allowed,
    });
  }
  const allowed: readonly MemberRole[] = OPERATION_ROLES[operation];
  if (caller.member && allowed.includes(caller.member.role)) return;
  const role = caller.member?.role ?? 'none';
  throw gatewayProblems.forbidden(`role ${role} may not ${operation}; it takes ${allowed.join(', ')}`, { operation, role, allowed_roles: allowed });
}
